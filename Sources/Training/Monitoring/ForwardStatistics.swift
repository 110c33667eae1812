import Foundation

/// What one attention layer's forward pass looked like: the two quantities Wortsman et al.
/// (2023, "Small-scale proxies for large-scale Transformer training instabilities") and
/// Dehghani et al. (2023, ViT-22B) watch when attention logits grow until the attention is
/// one-hot and the loss diverges.
public struct AttentionStatistics: Equatable, Sendable, Codable {
    /// The largest attention logit `q·k/√d_head` (after the scaling, before the softmax) over
    /// every batch element, head, and pair of positions the mask lets attend. +∞ when a score
    /// overflowed its format, NaN when one was NaN.
    public var maxLogit: Float
    /// The entropy `−Σ p log p` of each row of attention weights, in nats, averaged over batch
    /// elements, heads and query positions: 0 for one-hot attention, `log n` for uniform
    /// attention over `n` positions (a causal row `i` sees `i + 1`; the first row's entropy is
    /// always 0). NaN when a weight was.
    public var meanEntropy: Float

    /// Statistics with the given values.
    public init(maxLogit: Float, meanEntropy: Float) {
        self.maxLogit = maxLogit
        self.meanEntropy = meanEntropy
    }

    /// The statistics of `logits` (`[..., T, T]`, masked positions at -∞) and of `weights`,
    /// their softmax along the last axis. One pass over both, summed in `Double`.
    ///
    /// The entropy of a row is computed as `Σ p_j (m − s_j) − log p_max`, where `m` is the
    /// row's largest logit and `p_max` its weight: equal to `−Σ p log p` because
    /// `log p_j = s_j − m + log p_max`, and, unlike it, a sum of non-negative terms that needs
    /// one logarithm per row, not one per element. Weights of 0 (masked positions) add nothing.
    static func measure(logits: Tensor, weights: Tensor) -> AttentionStatistics {
        precondition(logits.shape == weights.shape, "logits \(logits.shape) and weights \(weights.shape) differ in shape")
        let width = logits.shape.last ?? 1
        let rows = logits.count / max(width, 1)
        var largest = -Float.infinity, sawNaN = false
        var entropies = 0.0
        logits.scalars.withUnsafeBufferPointer { s in
            weights.scalars.withUnsafeBufferPointer { p in
                for row in 0..<rows {
                    let start = row * width
                    var peak = -Float.infinity, top = start
                    for j in start..<(start + width) {
                        if s[j].isNaN { sawNaN = true }
                        if s[j] > peak { (peak, top) = (s[j], j) }
                    }
                    largest = max(largest, peak)
                    var spread = 0.0
                    for j in start..<(start + width) where p[j] != 0 {
                        spread += Double(p[j]) * (Double(peak) - Double(s[j]))
                    }
                    entropies += spread - Foundation.log(Double(p[top]))
                }
            }
        }
        return AttentionStatistics(maxLogit: sawNaN ? .nan : largest, meanEntropy: Float(entropies / Double(rows)))
    }
}

/// What a forward pass measured for the monitor, when its tape had
/// ``Tape/recordsStatistics`` on: one ``AttentionStatistics`` per attention layer, and the
/// mean `log Z` of the output logits. A ``Trainer`` created with `recordsForwardStatistics`
/// copies them into each ``StepRecord``.
public struct ForwardStatistics: Equatable, Sendable, Codable {
    /// One entry per attention layer, in the order the forward pass ran them (block 0 first).
    public var attention: [AttentionStatistics]
    /// The mean of `log Z = log Σ e^logit` over the output positions the loss counts (the
    /// ones whose target is not ignored), nil if the model did not note its logits. Softmax
    /// is unchanged by a shift of the logits, so nothing but a z-loss keeps `log Z` near 0;
    /// its drift is the output-logit divergence of Wortsman et al. (2023).
    public var meanLogZ: Float?

    /// Statistics with the given values.
    public init(attention: [AttentionStatistics] = [], meanLogZ: Float? = nil) {
        self.attention = attention
        self.meanLogZ = meanLogZ
    }

    /// Whether nothing was noted.
    public var isEmpty: Bool { attention.isEmpty && meanLogZ == nil }

    /// One step's statistics from its micro-batches': per layer, the largest maximum logit
    /// and the mean of the mean entropies; the mean of the mean `log Z` values (each
    /// micro-batch counting alike, as the step's loss does). Nil when every part is empty.
    ///
    /// - Precondition: every part noted the same number of attention layers.
    public init?(combining parts: [ForwardStatistics]) {
        guard let first = parts.first, parts.contains(where: { !$0.isEmpty }) else { return nil }
        guard parts.count > 1 else {
            self = first
            return
        }
        precondition(parts.allSatisfy { $0.attention.count == first.attention.count },
                     "micro-batches noted different numbers of attention layers")
        attention = first.attention.indices.map { layer in
            let layers = parts.map { $0.attention[layer] }
            return AttentionStatistics(maxLogit: layers.map(\.maxLogit).reduce(-.infinity, Self.largest),
                                       meanEntropy: Self.mean(layers.map(\.meanEntropy)))
        }
        let logZ = parts.compactMap(\.meanLogZ)
        meanLogZ = logZ.isEmpty ? nil : Self.mean(logZ)
    }

    /// The larger of two values, NaN if either is.
    private static func largest(_ a: Float, _ b: Float) -> Float { a.isNaN || b.isNaN ? .nan : max(a, b) }

    private static func mean(_ values: [Float]) -> Float {
        Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
    }
}
