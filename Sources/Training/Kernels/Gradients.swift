import Foundation

/// Kernels used only by derivative rules.
extension Kernels {
    /// `g` (the result of reducing `axes`) broadcast back to `shape`.
    static func expand(_ g: Tensor, axes: [Int], to shape: [Int]) -> Tensor {
        let kept = g.reshaped(keptDims(shape, axes: axes))
        return broadcast(Tensor(shape: shape, repeating: 0), kept) { $1 }
    }

    /// The gradient of softmax (`dx = y ⊙ (g − Σ g⊙y)`) or log-softmax (`dx = g − eʸ Σ g`),
    /// row by row along the last axis.
    static func softmaxGradient(_ g: Tensor, output y: Tensor, log: Bool) -> Tensor {
        let width = y.shape.last ?? 1
        var result = [Float](repeating: 0, count: y.count)
        for start in stride(from: 0, to: y.count, by: width) {
            var total: Float = 0
            for i in start..<(start + width) { total += log ? g.scalars[i] : g.scalars[i] * y.scalars[i] }
            for i in start..<(start + width) {
                result[i] = log ? g.scalars[i] - Foundation.exp(y.scalars[i]) * total
                                : y.scalars[i] * (g.scalars[i] - total)
            }
        }
        return Tensor(shape: y.shape, scalars: result)
    }

    /// Gradients of layer normalisation with respect to `x`, `weight` and `bias`.
    static func layerNormGradients(_ g: Tensor, x: Tensor, weight: Tensor, epsilon: Float) -> [Tensor?] {
        let width = x.shape.last ?? 1
        let (means, inverse) = rowStatistics(x, epsilon: epsilon)
        var dx = [Float](repeating: 0, count: x.count)
        var dWeight = [Float](repeating: 0, count: width)
        var dBias = [Float](repeating: 0, count: width)
        var normalized = [Float](repeating: 0, count: width)
        var dNormalized = [Float](repeating: 0, count: width)
        for row in 0..<means.count {
            let start = row * width
            var meanD: Float = 0, meanDX: Float = 0
            for j in 0..<width {
                let xhat = (x.scalars[start + j] - means[row]) * inverse[row]
                let gj = g.scalars[start + j]
                normalized[j] = xhat
                dNormalized[j] = gj * weight.scalars[j]
                dWeight[j] += gj * xhat
                dBias[j] += gj
                meanD += dNormalized[j]
                meanDX += dNormalized[j] * xhat
            }
            meanD /= Float(width)
            meanDX /= Float(width)
            for j in 0..<width {
                dx[start + j] = inverse[row] * (dNormalized[j] - meanD - normalized[j] * meanDX)
            }
        }
        return [Tensor(shape: x.shape, scalars: dx), Tensor(shape: [width], scalars: dWeight),
                Tensor(shape: [width], scalars: dBias)]
    }

    /// Gradients of `C = op(A)·op(B)` with respect to `A` and `B`. With `scaled`, each of
    /// the two products quantises `g` as the gradient and `A` and `B` as in the forward
    /// product.
    static func matmulGradients(_ g: Tensor, _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool,
                                scaled: ScaledProduct? = nil) -> [Tensor?] {
        func product(_ x: Tensor, _ xIs: ProductOperand, _ y: Tensor, _ yIs: ProductOperand,
                     _ transposeX: Bool, _ transposeY: Bool) -> Tensor {
            matmul(x, y, transposeA: transposeX, transposeB: transposeY, scaled: scaled, operands: (xIs, yIs))
        }
        if b.rank == 2, !transposeA {
            // A's leading axes were folded into rows: work on matrices.
            let k = a.shape[a.rank - 1]
            let rows = a.count / max(k, 1)
            let a2 = a.reshaped([rows, k]), g2 = g.reshaped([rows, g.shape[g.rank - 1]])
            let da = product(g2, .gradient, b, .b, false, !transposeB).reshaped(a.shape)
            let db = transposeB ? product(g2, .gradient, a2, .a, true, false)
                                : product(a2, .a, g2, .gradient, true, false)
            return [da, db]
        }
        if b.rank == 2, a.rank > 2 {
            // A transposed stack `a` sharing one right matrix: give every leading index its
            // own copy of `b`, then add up the copies' gradients.
            let stacked = broadcast(Tensor(shape: Array(a.shape.dropLast(2)) + b.shape, repeating: 0), b) { $1 }
            let gradients = matmulGradients(g, a, stacked, transposeA: transposeA, transposeB: transposeB, scaled: scaled)
            return [gradients[0], gradients[1]?.summed(toShape: b.shape)]
        }
        precondition(b.rank == a.rank, "matmul gradient needs matching batch axes, got \(a.shape) and \(b.shape)")
        let da = transposeA ? product(b, .b, g, .gradient, transposeB, true)
                            : product(g, .gradient, b, .b, false, !transposeB)
        let db = transposeB ? product(g, .gradient, a, .a, true, transposeA)
                            : product(a, .a, g, .gradient, !transposeA, false)
        return [da, db]
    }

    /// The gradient of an embedding lookup: rows of `g` added into the table's shape.
    static func embeddingGradient(_ g: Tensor, indices: [Int], tableShape: [Int]) -> Tensor {
        let width = tableShape[1]
        var result = [Float](repeating: 0, count: tableShape.reduce(1, *))
        for (row, index) in indices.enumerated() {
            for j in 0..<width { result[index * width + j] += g.scalars[row * width + j] }
        }
        return Tensor(shape: tableShape, scalars: result)
    }

    /// `g` placed at `start` along `axis` in zeros of length `size`: a slice's gradient.
    static func padded(_ g: Tensor, axis: Int, start: Int, size: Int) -> Tensor {
        let (outer, count, inner) = split(g.shape, at: axis)
        var shape = g.shape
        shape[axis] = size
        var result = [Float](repeating: 0, count: shape.reduce(1, *))
        for o in 0..<outer {
            for i in 0..<(count * inner) {
                result[(o * size + start) * inner + i] = g.scalars[o * count * inner + i]
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// The gradient of mean cross-entropy: `(softmax − one-hot) · g / counted` on the rows
    /// that count, zero on ignored rows.
    static func crossEntropyGradient(_ g: Float, logits: Tensor, targets: [Int], ignoreIndex: Int) -> Tensor {
        let classes = logits.shape.last ?? 1
        var result = softmax(logits, log: false)
        let counted = targets.count { $0 != ignoreIndex }
        let factor = g / Float(max(counted, 1))
        for (row, target) in targets.enumerated() {
            let start = row * classes
            if target == ignoreIndex {
                for j in 0..<classes { result.scalars[start + j] = 0 }
                continue
            }
            result.scalars[start + target] -= 1
            for j in 0..<classes { result.scalars[start + j] *= factor }
        }
        return result
    }
}
