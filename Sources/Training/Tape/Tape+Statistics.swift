/// The statistics layers note for the monitor. Each method does nothing unless
/// ``Tape/recordsStatistics`` is on, and reads values the forward pass already computed:
/// nothing is recorded on the tape, so gradients and the backward pass are unchanged.
extension Tape {
    /// Appends the ``AttentionStatistics`` of one attention layer to ``statistics``:
    /// `logits` are its scaled scores with masked positions at -∞ (`[..., T, T]`), `weights`
    /// their softmax.
    public mutating func noteAttention(logits: Variable, weights: Variable) {
        guard recordsStatistics else { return }
        statistics.attention.append(AttentionStatistics.measure(logits: value(logits), weights: value(weights)))
    }

    /// Sets ``ForwardStatistics/meanLogZ`` to the mean `log Σ e^logit` of the rows of
    /// `logits` (`[..., classes]`) whose target is not `ignoreIndex`, as the loss counts them
    /// (NaN when every row is ignored). ``zLoss(_:targets:ignoreIndex:)`` notes the same
    /// from the `log Z` it computes anyway; call this one when there is no z-loss.
    public mutating func noteLogits(_ logits: Variable, targets: [Int], ignoreIndex: Int = -100) {
        guard recordsStatistics else { return }
        noteLogZ(Kernels.logSumExpRows(value(logits)), targets: targets, ignoreIndex: ignoreIndex)
    }

    /// Sets the mean `log Z` from each row's `log Z`.
    mutating func noteLogZ(_ logZ: [Float], targets: [Int], ignoreIndex: Int) {
        precondition(logZ.count == targets.count, "\(targets.count) targets for \(logZ.count) rows")
        var total = 0.0, counted = 0
        for (row, target) in targets.enumerated() where target != ignoreIndex {
            total += Double(logZ[row])
            counted += 1
        }
        statistics.meanLogZ = counted == 0 ? .nan : Float(total / Double(counted))
    }
}
