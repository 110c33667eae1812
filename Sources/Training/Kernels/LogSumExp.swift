import Foundation

/// The softmax normaliser `log Z = log Σ eˣ` of each row, and the z-loss built on it.
extension Kernels {
    /// `log Σ eˣ` of each row along the last axis, with the row maximum subtracted first
    /// (`max + log Σ e^(x − max)`), summed in `Double`. As `torch.logsumexp`: a row of all
    /// -∞ gives -∞, a row holding +∞ gives +∞, a row holding NaN gives NaN.
    static func logSumExpRows(_ x: Tensor) -> [Float] {
        let width = x.shape.last ?? 1
        let rows = x.count / max(width, 1)
        var result = [Float](repeating: 0, count: rows)
        x.scalars.withUnsafeBufferPointer { source in
            for row in 0..<rows {
                let start = row * width
                var peak = -Float.infinity
                var hasNaN = false
                for i in start..<(start + width) {
                    peak = max(peak, source[i])
                    hasNaN = hasNaN || source[i].isNaN
                }
                if hasNaN || peak.isInfinite {
                    result[row] = hasNaN ? .nan : peak
                    continue
                }
                var total = 0.0
                for i in start..<(start + width) { total += Double(Foundation.exp(source[i] - peak)) }
                result[row] = Float(Double(peak) + Foundation.log(total))
            }
        }
        return result
    }

    /// The mean of `(log Z)²` over the rows whose target is not `ignoreIndex`, accumulated in
    /// `Double` (NaN when every row is ignored), and each row's `log Z`.
    static func zLoss(_ logits: Tensor, targets: [Int], ignoreIndex: Int) -> (Tensor, logZ: [Float]) {
        let classes = logits.shape.last ?? 1
        precondition(targets.count * classes == logits.count,
                     "\(targets.count) targets for logits of shape \(logits.shape)")
        let logZ = logSumExpRows(logits)
        var total = 0.0, counted = 0
        for (row, target) in targets.enumerated() where target != ignoreIndex {
            total += Double(logZ[row]) * Double(logZ[row])
            counted += 1
        }
        return (Tensor(scalar: counted == 0 ? .nan : Float(total / Double(counted))), logZ)
    }

    /// The gradient of ``zLoss(_:targets:ignoreIndex:)``: `2 g log Z · softmax(row) / counted`
    /// on the rows that count (`∂ log Z / ∂x = softmax(x)`), zero on ignored rows.
    static func zLossGradient(_ g: Float, logits: Tensor, logZ: [Float], targets: [Int], ignoreIndex: Int) -> Tensor {
        let classes = logits.shape.last ?? 1
        let counted = targets.count { $0 != ignoreIndex }
        let factor = 2 * g / Float(max(counted, 1))
        var result = [Float](repeating: 0, count: logits.count)
        for (row, target) in targets.enumerated() where target != ignoreIndex {
            let start = row * classes
            let weight = factor * logZ[row]
            for j in start..<(start + classes) {
                result[j] = weight * Foundation.exp(logits.scalars[j] - logZ[row])
            }
        }
        return Tensor(shape: logits.shape, scalars: result)
    }
}
