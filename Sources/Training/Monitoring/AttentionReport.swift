/// What a window of ``StepRecord``s says about attention, from the steps whose record holds
/// ``ForwardStatistics`` with attention layers (a trainer made with
/// `recordsForwardStatistics`): how large the attention logits grew and how low the
/// attention entropy fell. ``GradientReport/attention`` holds one.
///
/// With no such step, ``steps`` is 0, the values are NaN and the places nil.
public struct AttentionReport: Hashable, Sendable {
    /// Steps with attention statistics.
    public private(set) var steps = 0
    /// The largest ``AttentionStatistics/maxLogit`` of any layer at any of those steps; +∞
    /// if one was not finite (a score that overflowed, or a NaN).
    public private(set) var maxLogit = Double.nan
    /// The step (``StepRecord/step``) and the layer (from 0) of ``maxLogit``: the first
    /// place it was reached.
    public private(set) var maxLogitStep: Int?, maxLogitLayer: Int?
    /// The largest logit of any layer at the first step with statistics: where the growth
    /// to ``maxLogit`` started from, in this window.
    public private(set) var firstMaxLogit = Double.nan
    /// The lowest ``AttentionStatistics/meanEntropy`` of any layer at any of those steps,
    /// in nats, NaN ones left out.
    public private(set) var minEntropy = Double.nan

    /// An empty report, to which ``add(_:)`` adds records.
    init() {}

    /// Takes `record`'s attention statistics into account, if it has any.
    mutating func add(_ record: StepRecord) {
        guard let layers = record.forwardStatistics?.attention, !layers.isEmpty else { return }
        var stepMax = -Double.infinity
        for (layer, statistics) in layers.enumerated() {
            let logit = statistics.maxLogit.isFinite ? Double(statistics.maxLogit) : .infinity
            stepMax = max(stepMax, logit)
            if maxLogitStep == nil || logit > maxLogit {
                (maxLogit, maxLogitStep, maxLogitLayer) = (logit, record.step, layer)
            }
            if !statistics.meanEntropy.isNaN {
                minEntropy = minEntropy.isNaN ? Double(statistics.meanEntropy) : min(minEntropy, Double(statistics.meanEntropy))
            }
        }
        if steps == 0 { firstMaxLogit = stepMax }
        steps += 1
    }
}
