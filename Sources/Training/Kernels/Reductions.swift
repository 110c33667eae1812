import Foundation

extension Kernels {
    /// Normalises `axes` (negative counts from the end), sorted and unique.
    static func normalized(_ axes: [Int], rank: Int) -> [Int] {
        let result = Set(axes.map { $0 < 0 ? $0 + rank : $0 }).sorted()
        precondition(result.allSatisfy { (0..<rank).contains($0) }, "axes \(axes) out of range for rank \(rank)")
        return result
    }

    /// The sum over `axes` (removed from the shape), accumulated in `Double`.
    static func sum(_ x: Tensor, axes: [Int]) -> Tensor {
        let axes = normalized(axes, rank: x.rank)
        let keptShape = x.shape.indices.filter { !axes.contains($0) }.map { x.shape[$0] }
        let keepDims = x.shape.indices.map { axes.contains($0) ? 1 : x.shape[$0] }
        let count = keptShape.reduce(1, *)
        var totals = [Double](repeating: 0, count: count)
        let plan = Broadcast(x.shape, keepDims)
        x.scalars.withUnsafeBufferPointer { source in
            totals.withUnsafeMutableBufferPointer { total in
                if count == 1 {
                    var sum = 0.0
                    for value in source { sum += Double(value) }
                    total[0] = sum
                } else {
                    plan.forEachOffset { o, _, r in total[r] += Double(source[o]) }
                }
            }
        }
        return Tensor(shape: keptShape, scalars: totals.map { Float($0) })
    }

    /// The shape `x` had before ``sum(_:axes:)`` removed `axes`, with those axes as 1.
    static func keptDims(_ shape: [Int], axes: [Int]) -> [Int] {
        let axes = normalized(axes, rank: shape.count)
        return shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
    }

    /// Softmax along the last axis, with the row maximum subtracted first.
    static func softmax(_ x: Tensor, log: Bool) -> Tensor {
        let width = x.shape.last ?? 1
        var result = [Float](repeating: 0, count: x.count)
        x.scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for start in stride(from: 0, to: source.count, by: width) {
                    var peak = -Float.infinity
                    for i in start..<(start + width) { peak = max(peak, source[i]) }
                    if peak == -.infinity { peak = 0 }
                    var total: Float = 0
                    for i in start..<(start + width) {
                        let e = Foundation.exp(source[i] - peak)
                        out[i] = e
                        total += e
                    }
                    if log {
                        // (x - max) - log Σ, as PyTorch: adding the maximum to the log-sum
                        // first would round it at the maximum's scale (ulp(100) ≈ 8e-6).
                        let logTotal = Foundation.log(total)
                        for i in start..<(start + width) { out[i] = (source[i] - peak) - logTotal }
                    } else {
                        let scale = 1 / total
                        for i in start..<(start + width) { out[i] *= scale }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    /// The mean and reciprocal standard deviation (biased variance, plus `epsilon`) of each
    /// row along the last axis.
    static func rowStatistics(_ x: Tensor, epsilon: Float) -> (mean: [Float], inverseDeviation: [Float]) {
        let width = x.shape.last ?? 1
        let rows = x.count / max(width, 1)
        var means = [Float](repeating: 0, count: rows)
        var inverse = [Float](repeating: 0, count: rows)
        x.scalars.withUnsafeBufferPointer { source in
            for row in 0..<rows {
                let start = row * width
                var total: Float = 0
                for i in start..<(start + width) { total += source[i] }
                let mean = total / Float(width)
                var squares: Float = 0
                for i in start..<(start + width) {
                    let d = source[i] - mean
                    squares += d * d
                }
                means[row] = mean
                inverse[row] = 1 / (squares / Float(width) + epsilon).squareRoot()
            }
        }
        return (means, inverse)
    }

    /// Layer normalisation along the last axis, then `weight ⊙ x̂ + bias`.
    static func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float) -> Tensor {
        let width = x.shape.last ?? 1
        let (means, inverse) = rowStatistics(x, epsilon: epsilon)
        var result = [Float](repeating: 0, count: x.count)
        x.scalars.withUnsafeBufferPointer { source in
            weight.scalars.withUnsafeBufferPointer { w in
                bias.scalars.withUnsafeBufferPointer { b in
                    result.withUnsafeMutableBufferPointer { out in
                        for row in 0..<means.count {
                            let start = row * width
                            for j in 0..<width {
                                out[start + j] = (source[start + j] - means[row]) * inverse[row] * w[j] + b[j]
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    /// Mean cross-entropy of `logits` (`[..., classes]`) against class `targets`, one per
    /// row; rows whose target is `ignoreIndex` are left out of the sum and the count.
    static func crossEntropy(_ logits: Tensor, targets: [Int], ignoreIndex: Int) -> Tensor {
        let classes = logits.shape.last ?? 1
        precondition(targets.count * classes == logits.count,
                     "\(targets.count) targets for logits of shape \(logits.shape)")
        let logProbabilities = softmax(logits, log: true)
        var total = 0.0
        var counted = 0
        for (row, target) in targets.enumerated() where target != ignoreIndex {
            precondition((0..<classes).contains(target), "target \(target) outside 0..<\(classes)")
            total -= Double(logProbabilities.scalars[row * classes + target])
            counted += 1
        }
        return Tensor(scalar: counted == 0 ? .nan : Float(total / Double(counted)))
    }
}
