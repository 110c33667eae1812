import Foundation

/// Float64 references of the tape's forward computations, written from the definitions
/// with plain loops over multi-indices: nothing here calls into `Training`, so a kernel's
/// mistake cannot be copied into its own reference.
///
/// Tensors are flat row-major `[Double]` with a separate shape.
enum GradientReference {
    // MARK: Indexing

    /// The multi-index of row-major position `flat` in `shape`.
    static func index(_ flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// The row-major position of multi-index `index` in `shape`.
    static func offset(_ index: [Int], in shape: [Int]) -> Int {
        zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
    }

    static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    // MARK: Elementwise

    /// NumPy's broadcast shape: aligned from the right, size 1 stretches.
    static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        let a = Array(repeating: 1, count: rank - a.count) + a
        let b = Array(repeating: 1, count: rank - b.count) + b
        return zip(a, b).map { $0 == 1 ? $1 : $0 }
    }

    /// The element of `x` (shape `shape`) that output multi-index `index` reads when `x` is
    /// broadcast: trailing axes aligned, size-1 axes read at 0.
    static func broadcastRead(_ x: [Double], _ shape: [Int], at index: [Int]) -> Double {
        let aligned = index.suffix(shape.count)
        let source = zip(aligned, shape).map { $1 == 1 ? 0 : $0 }
        return x[offset(Array(source), in: shape)]
    }

    /// `combine(a, b)` with NumPy broadcasting.
    static func broadcast(_ a: [Double], _ aShape: [Int], _ b: [Double], _ bShape: [Int],
                          _ combine: (Double, Double) -> Double) -> [Double] {
        let shape = broadcastShape(aShape, bShape)
        return (0..<count(shape)).map { flat in
            let index = index(flat, in: shape)
            return combine(broadcastRead(a, aShape, at: index), broadcastRead(b, bShape, at: index))
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// The exact GELU, `x Φ(x)`.
    static func gelu(_ x: Double) -> Double { 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot())) }

    // MARK: Reductions

    /// The sum over `axes` (negative ones count from the end), which leave the shape.
    static func sum(_ x: [Double], shape: [Int], axes: [Int]) -> [Double] {
        let axes = Set(axes.map { $0 < 0 ? $0 + shape.count : $0 })
        let kept = shape.indices.filter { !axes.contains($0) }
        let keptShape = kept.map { shape[$0] }
        var result = [Double](repeating: 0, count: count(keptShape))
        for flat in x.indices {
            let index = index(flat, in: shape)
            result[offset(kept.map { index[$0] }, in: keptShape)] += x[flat]
        }
        return result
    }

    /// The mean over `axes`.
    static func mean(_ x: [Double], shape: [Int], axes: [Int]) -> [Double] {
        let total = sum(x, shape: shape, axes: axes)
        let n = Double(x.count / total.count)
        return total.map { $0 / n }
    }

    /// Softmax of each row of `width` elements; entries where `keep` is false are excluded
    /// (they are -∞ before the softmax, 0 after).
    static func softmax(_ x: [Double], width: Int, keep: (Int, Int) -> Bool = { _, _ in true }) -> [Double] {
        var result = [Double](repeating: 0, count: x.count)
        for row in 0..<(x.count / width) {
            let columns = (0..<width).filter { keep(row, $0) }
            let peak = columns.map { x[row * width + $0] }.max()!
            let total = columns.reduce(0) { $0 + Foundation.exp(x[row * width + $1] - peak) }
            for j in columns { result[row * width + j] = Foundation.exp(x[row * width + j] - peak) / total }
        }
        return result
    }

    /// Log-softmax of each row of `width` elements: `x − log Σ eˣ`.
    static func logSoftmax(_ x: [Double], width: Int) -> [Double] {
        var result = x
        for row in 0..<(x.count / width) {
            let values = x[(row * width)..<((row + 1) * width)]
            let peak = values.max()!
            let logTotal = peak + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - peak) })
            for j in 0..<width { result[row * width + j] -= logTotal }
        }
        return result
    }

    /// `(x − mean) / √(biased variance + ε) ⊙ weight + bias`, row by row.
    static func layerNorm(_ x: [Double], weight: [Double], bias: [Double], epsilon: Double = 1e-5) -> [Double] {
        let width = weight.count
        var result = x
        for row in 0..<(x.count / width) {
            let values = x[(row * width)..<((row + 1) * width)]
            let mean = values.reduce(0, +) / Double(width)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
            let deviation = (variance + epsilon).squareRoot()
            for j in 0..<width {
                result[row * width + j] = (x[row * width + j] - mean) / deviation * weight[j] + bias[j]
            }
        }
        return result
    }

    // MARK: Losses

    /// The mean over rows whose target is not `ignoreIndex` of `−log softmax(row)[target]`.
    static func crossEntropy(_ logits: [Double], classes: Int, targets: [Int], ignoreIndex: Int = -100) -> Double {
        let logProbabilities = logSoftmax(logits, width: classes)
        let counted = targets.enumerated().filter { $0.element != ignoreIndex }
        let total = counted.reduce(0) { $0 - logProbabilities[$1.offset * classes + $1.element] }
        return total / Double(counted.count)
    }

    /// The mean over rows whose target is not `ignoreIndex` of `(log Σ e^row)²`.
    static func zLoss(_ logits: [Double], classes: Int, targets: [Int], ignoreIndex: Int = -100) -> Double {
        let counted = targets.enumerated().filter { $0.element != ignoreIndex }
        let total = counted.reduce(0) { total, row in
            let values = logits[(row.offset * classes)..<((row.offset + 1) * classes)]
            let logZ = Foundation.log(values.reduce(0) { $0 + Foundation.exp($1) })
            return total + logZ * logZ
        }
        return total / Double(counted.count)
    }

    /// The mean of `(p − t)²`.
    static func meanSquaredError(_ p: [Double], _ t: [Double]) -> Double {
        zip(p, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(p.count)
    }
}
