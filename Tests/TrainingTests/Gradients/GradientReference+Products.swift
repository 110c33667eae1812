import Foundation

/// Float64 references of the products, layout ops and attention.
extension GradientReference {
    // MARK: Products

    /// `op(A)·op(B)` over the last two axes; `b` of rank 2 is shared by every leading index
    /// of `a`. `op(A)` is `Aᵀ` (of the last two axes) when `transposeA`, likewise for `B`.
    static func matmul(_ a: [Double], _ aShape: [Int], _ b: [Double], _ bShape: [Int],
                       transposeA: Bool, transposeB: Bool) -> (values: [Double], shape: [Int]) {
        let (aRows, aColumns) = (aShape[aShape.count - 2], aShape[aShape.count - 1])
        let (bRows, bColumns) = (bShape[bShape.count - 2], bShape[bShape.count - 1])
        let (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
        let n = transposeB ? bRows : bColumns
        precondition(k == (transposeB ? bColumns : bRows), "reference matmul: inner sizes differ")
        let batchShape = Array(aShape.dropLast(2))
        let shared = bShape.count == 2
        var result: [Double] = []
        for p in 0..<count(batchShape) {
            func elementA(_ i: Int, _ l: Int) -> Double {
                a[p * aRows * aColumns + (transposeA ? l * aColumns + i : i * aColumns + l)]
            }
            func elementB(_ l: Int, _ j: Int) -> Double {
                b[(shared ? 0 : p * bRows * bColumns) + (transposeB ? j * bColumns + l : l * bColumns + j)]
            }
            for i in 0..<m {
                for j in 0..<n { result.append((0..<k).reduce(0) { $0 + elementA(i, $1) * elementB($1, j) }) }
            }
        }
        return (result, batchShape + [m, n])
    }

    /// `x·Wᵀ + b` for `x` of `[..., in]` and `W` of `[out, in]`.
    static func linear(_ x: [Double], weight: [Double], bias: [Double]?, outputs: Int) -> [Double] {
        let inputs = weight.count / outputs
        var result: [Double] = []
        for row in 0..<(x.count / inputs) {
            for o in 0..<outputs {
                let dot = (0..<inputs).reduce(0) { $0 + x[row * inputs + $1] * weight[o * inputs + $1] }
                result.append(dot + (bias?[o] ?? 0))
            }
        }
        return result
    }

    // MARK: Layout

    /// Row `indices[i]` of `table` (rows of `width`) for each `i`, one after another.
    static func embedding(_ table: [Double], width: Int, indices: [Int]) -> [Double] {
        indices.flatMap { table[($0 * width)..<(($0 + 1) * width)] }
    }

    /// Axis `i` of the result is axis `axes[i]` of `x`.
    static func permute(_ x: [Double], shape: [Int], axes: [Int]) -> [Double] {
        let resultShape = axes.map { shape[$0] }
        return (0..<x.count).map { flat in
            let index = index(flat, in: resultShape)
            var source = [Int](repeating: 0, count: shape.count)
            for (i, axis) in axes.enumerated() { source[axis] = index[i] }
            return x[offset(source, in: shape)]
        }
    }

    /// Elements `range` along `axis`.
    static func slice(_ x: [Double], shape: [Int], axis: Int, _ range: Range<Int>) -> [Double] {
        x.indices.filter { range.contains(index($0, in: shape)[axis]) }.map { x[$0] }
    }

    /// `parts` (values and shapes) joined along `axis`.
    static func concat(_ parts: [([Double], [Int])], axis: Int) -> [Double] {
        var shape = parts[0].1
        shape[axis] = parts.reduce(0) { $0 + $1.1[axis] }
        return (0..<count(shape)).map { flat in
            var index = index(flat, in: shape)
            for (values, partShape) in parts {
                if index[axis] < partShape[axis] { return values[offset(index, in: partShape)] }
                index[axis] -= partShape[axis]
            }
            preconditionFailure("reference concat: index outside every part")
        }
    }

    /// Softmax over the last axis of `[..., T, T]` where row `i` sees columns `j ≤ i`.
    static func causalSoftmax(_ x: [Double], length: Int) -> [Double] {
        softmax(x, width: length) { row, column in column <= row % length }
    }

    // MARK: Attention

    /// Multi-head causal self-attention of `x` (`[batch, length, width]`): `q, k, v` from
    /// the `qkv` projection (in that order along the last axis), per head
    /// `softmax(q·kᵀ/√d, causal)·v`, heads side by side, then the output projection. With
    /// gains, each head's queries and keys are layer-normalised first (QK-layernorm).
    static func attention(_ x: [Double], batch: Int, length: Int, width: Int, heads: Int,
                          qkvWeight: [Double], qkvBias: [Double],
                          projectionWeight: [Double], projectionBias: [Double],
                          queryGain: [Double]? = nil, keyGain: [Double]? = nil) -> [Double] {
        let qkv = linear(x, weight: qkvWeight, bias: qkvBias, outputs: 3 * width)
        let d = width / heads
        let scores = attentionScores(qkv, batch: batch, length: length, width: width, heads: heads,
                                     queryGain: queryGain, keyGain: keyGain)
        var merged = [Double](repeating: 0, count: batch * length * width)
        for b in 0..<batch {
            for h in 0..<heads {
                for i in 0..<length {
                    let row = scores[b][h][i]
                    let peak = row.max()!
                    let e = row.map { Foundation.exp($0 - peak) }
                    let total = e.reduce(0, +)
                    for c in 0..<d {
                        merged[(b * length + i) * width + h * d + c] = (0...i).reduce(0) {
                            $0 + e[$1] / total * qkv[(b * length + $1) * 3 * width + 2 * width + h * d + c]
                        }
                    }
                }
            }
        }
        return linear(merged, weight: projectionWeight, bias: projectionBias, outputs: width)
    }

    /// The scaled scores `q·k/√d` of causal attention on the `qkv` projection
    /// (`[batch, length, 3 · width]`), as `[b][h][i][j]` for the keys `j ≤ i` a query sees.
    /// With gains, each head's query and key vectors are layer-normalised (biased variance,
    /// ε = 1e-5, no bias) and multiplied by their gain first.
    static func attentionScores(_ qkv: [Double], batch: Int, length: Int, width: Int, heads: Int,
                                queryGain: [Double]? = nil, keyGain: [Double]? = nil) -> [[[[Double]]]] {
        let d = width / heads
        func vector(_ part: Int, _ b: Int, _ t: Int, _ h: Int, _ gain: [Double]?) -> [Double] {
            let start = (b * length + t) * 3 * width + part * width + h * d
            let values = Array(qkv[start..<(start + d)])
            guard let gain else { return values }
            return layerNorm(values, weight: gain, bias: [Double](repeating: 0, count: d))
        }
        return (0..<batch).map { b in
            (0..<heads).map { h in
                (0..<length).map { i in
                    let q = vector(0, b, i, h, queryGain)
                    return (0...i).map { j in
                        let k = vector(1, b, j, h, keyGain)
                        return zip(q, k).reduce(0) { $0 + $1.0 * $1.1 } / Double(d).squareRoot()
                    }
                }
            }
        }
    }
}
