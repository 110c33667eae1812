/// The attention-logit rule applied to an ``AttentionReport``: the largest attention logit,
/// the comparison that put it at its level, and an English sentence saying what that means.
///
/// The rule watches the instability Dehghani et al. (2023, ViT-22B) found and Wortsman et al.
/// (2023, "Small-scale proxies for large-scale Transformer training instabilities", arXiv
/// 2309.14322) reproduced in small models: attention logits grow, attention entropy
/// collapses, and the loss diverges; QK-layernorm prevents it. Its thresholds
/// (``HealthThresholds/attentionLogitHealthy``, ``HealthThresholds/attentionLogitProblem``)
/// are rules of thumb: the papers show the growth but state no threshold.
///
/// It is a finding of its own, not one of ``HealthRule``'s: those judge the gradients every
/// run records, this one the forward statistics only some runs record
/// (``Trainer/recordsForwardStatistics``).
public struct AttentionFinding: Hashable, Sendable, CustomStringConvertible {
    /// Where the largest logit lands.
    public let level: HealthLevel
    /// The largest attention logit (``AttentionReport/maxLogit``; +∞ for a non-finite one).
    public let value: Double
    /// The comparison with a threshold that put ``value`` at ``level`` (it holds).
    public let condition: HealthFinding.Condition
    /// What the finding means, in a sentence or two of English.
    public let explanation: String

    /// `[warning] attention logits 120 > 50: The largest attention logit was …`.
    public var description: String {
        "[\(level)] attention logits \(MonitorText.number(value)) \(condition): \(explanation)"
    }
}

extension AttentionReport {
    /// The attention-logit rule against `thresholds`, nil when no step recorded attention
    /// statistics. A largest logit equal to ``HealthThresholds/attentionLogitHealthy`` is
    /// healthy, one equal to ``HealthThresholds/attentionLogitProblem`` a problem, and a
    /// non-finite one (counted as +∞) a problem.
    ///
    /// ```swift
    /// trainer.gradientReport(last: 100).attention.finding()?.level
    /// ```
    public func finding(_ thresholds: HealthThresholds = HealthThresholds()) -> AttentionFinding? {
        guard steps > 0 else { return nil }
        let healthy = thresholds.attentionLogitHealthy, problem = thresholds.attentionLogitProblem
        let place = "layer \(maxLogitLayer ?? 0), step \(maxLogitStep ?? 0)"
        let measured = "The largest attention logit was \(MonitorText.number(maxLogit)) (\(place); "
            + "\(MonitorText.number(firstMaxLogit)) at the window's first step), and the lowest mean "
            + "attention entropy of a layer \(MonitorText.number(minEntropy)) nats"
        let source = "(a rule of thumb; the growth is Dehghani et al. 2023's and Wortsman et al. 2023's instability)"
        if maxLogit >= problem {
            return AttentionFinding(
                level: .problem, value: maxLogit, condition: .atLeast(problem),
                explanation: "\(measured): at least \(MonitorText.number(problem)) \(source). Attention logits that grow "
                    + "this far make attention one-hot, its entropy collapses and the loss diverges; QK-layernorm keeps "
                    + "them bounded.")
        }
        if maxLogit > healthy {
            return AttentionFinding(
                level: .warning, value: maxLogit, condition: .above(healthy),
                explanation: "\(measured): above \(MonitorText.number(healthy)), below \(MonitorText.number(problem)) "
                    + "\(source). Attention this sharp is one-hot; watch whether the logits keep growing.")
        }
        return AttentionFinding(level: .healthy, value: maxLogit, condition: .atMost(healthy),
                                explanation: "\(measured), within \(MonitorText.number(healthy)) \(source).")
    }
}
