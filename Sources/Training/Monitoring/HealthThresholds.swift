/// The thresholds ``GradientReport/verdict(_:)`` judges a report by, and
/// ``AttentionReport/finding(_:)`` its attention statistics.
///
/// The defaults are **rules of thumb without a published source** (they circulate in
/// training guides, including the material this book grew from), except the update ratio's,
/// which comes from Karpathy's CS231n notes, also as a rule of thumb. The book tests them
/// on its own runs rather than trusting them; change any of them to see how a verdict moves.
///
/// | rule | healthy | warning | problem |
/// |---|---|---|---|
/// | spike ratio (max / mean norm) | ≤ 5 | between | ≥ 100 |
/// | clip rate | ≤ 20% (5–20% typical; below 5% is fine) | above 20% | > 80% |
/// | skip rate | ≤ 50% | — | > 50% |
/// | non-finite loss | none | — | any |
/// | non-finite gradient applied (not skipped) | none | — | any |
/// | median update ratio | 1e-4 … 1e-2 (about 1e-3) | outside | — |
/// | largest attention logit (``AttentionFinding``) | ≤ 50 | between | ≥ 1000 or not finite |
///
/// The attention rule watches the instability Dehghani et al. (2023, ViT-22B) found and
/// Wortsman et al. (2023, arXiv 2309.14322) reproduced in small models: attention logits
/// grow, attention entropy collapses, and the loss diverges; QK-layernorm prevents it. The
/// papers show the growth but state no threshold: the two numbers are the book's own rules
/// of thumb, reasoned from the softmax below, to be tested on its runs.
public struct HealthThresholds: Hashable, Sendable, Codable {
    /// The largest max/mean norm ratio that is healthy (default 5: "the largest norm within
    /// 2–5× the mean"; unsourced rule of thumb).
    public var spikeRatioHealthy: Double
    /// The max/mean norm ratio from which a run has a problem (default 100; unsourced).
    public var spikeRatioProblem: Double
    /// The clip rates that are typical for a healthy run (default 5%...20%; unsourced).
    ///
    /// A rate *below* the range is also healthy: clipping then only catches rare spikes
    /// (or is switched off), which is what a threshold is for. Above the range is a warning:
    /// the threshold is shaping most steps rather than catching outliers.
    public var clipRateHealthy: ClosedRange<Double>
    /// The clip rate above which a run has a problem (default 80%; unsourced): clipping
    /// rescales nearly every step, so the threshold, not the gradient, sets the step length.
    public var clipRateProblem: Double
    /// The fraction of skipped steps above which a run has a problem (default 50%).
    ///
    /// A dynamic loss scaler skips a step whenever the scale it is probing makes a gradient
    /// overflow, so a few skipped steps are normal; a run that skips most of its steps is
    /// not training.
    public var skipRateProblem: Double
    /// The healthy range of the median update-to-weight ratio ‖Δθ‖ / ‖θ‖ per step (default
    /// 1e-4...1e-2, around the 1e-3 of Karpathy's CS231n notes, a rule of thumb). Below:
    /// the learning rate is probably too low; above: probably too high. A warning either way.
    public var updateRatioHealthy: ClosedRange<Double>
    /// The largest attention logit (``AttentionReport/maxLogit``) that is healthy (default
    /// 50; unsourced). A logit 50 above the others of its row leaves them weights below
    /// e⁻⁵⁰ ≈ 2·10⁻²²: the attention is one-hot in every format, and its softmax passes them
    /// no gradient. Sharp attention can be what a task needs, so above this is a warning.
    public var attentionLogitHealthy: Double
    /// The largest attention logit from which a run has a problem (default 1000; unsourced):
    /// twenty times the healthy bound, growth far past what one-hot attention needs. A
    /// non-finite logit (a score that overflowed its format) is a problem too.
    public var attentionLogitProblem: Double

    /// Thresholds; every default is the rule of thumb described at its property.
    ///
    /// - Precondition: `spikeRatioHealthy ≤ spikeRatioProblem`,
    ///   `clipRateHealthy.upperBound ≤ clipRateProblem`,
    ///   `attentionLogitHealthy ≤ attentionLogitProblem`, and every bound is a number.
    public init(spikeRatioHealthy: Double = 5, spikeRatioProblem: Double = 100,
                clipRateHealthy: ClosedRange<Double> = 0.05...0.2, clipRateProblem: Double = 0.8,
                skipRateProblem: Double = 0.5, updateRatioHealthy: ClosedRange<Double> = 1e-4...1e-2,
                attentionLogitHealthy: Double = 50, attentionLogitProblem: Double = 1000) {
        precondition(spikeRatioHealthy <= spikeRatioProblem, "spikeRatioHealthy > spikeRatioProblem")
        precondition(clipRateHealthy.upperBound <= clipRateProblem, "clipRateHealthy ends above clipRateProblem")
        precondition(!skipRateProblem.isNaN, "skipRateProblem is NaN")
        precondition(attentionLogitHealthy <= attentionLogitProblem, "attentionLogitHealthy > attentionLogitProblem")
        self.spikeRatioHealthy = spikeRatioHealthy
        self.spikeRatioProblem = spikeRatioProblem
        self.clipRateHealthy = clipRateHealthy
        self.clipRateProblem = clipRateProblem
        self.skipRateProblem = skipRateProblem
        self.updateRatioHealthy = updateRatioHealthy
        self.attentionLogitHealthy = attentionLogitHealthy
        self.attentionLogitProblem = attentionLogitProblem
    }
}
