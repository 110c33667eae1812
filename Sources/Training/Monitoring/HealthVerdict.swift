/// How worrying a finding, or a whole run, is. Ordered: `healthy < warning < problem`.
public enum HealthLevel: Int, Comparable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Within the rule of thumb.
    case healthy
    /// Outside the healthy range, short of a problem: worth a look.
    case warning
    /// The run is failing, or the rule of thumb says it is.
    case problem

    public static func < (a: HealthLevel, b: HealthLevel) -> Bool { a.rawValue < b.rawValue }

    /// `healthy`, `warning` or `problem`.
    public var description: String {
        switch self {
        case .healthy: "healthy"
        case .warning: "warning"
        case .problem: "problem"
        }
    }
}

/// The rules ``GradientReport/verdict(_:)`` applies, in the order findings are listed.
public enum HealthRule: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Any step with a non-finite loss is a problem.
    case nonFiniteLoss
    /// Any non-finite gradient the optimizer applied (not skipped) is a problem.
    case nonFiniteGradient
    /// Skipping more than ``HealthThresholds/skipRateProblem`` of the steps is a problem.
    case skipRate
    /// The largest norm over the mean norm (``HealthThresholds/spikeRatioHealthy``, ``HealthThresholds/spikeRatioProblem``).
    case spikeRatio
    /// The fraction of finite-norm steps clipping scaled (``HealthThresholds/clipRateHealthy``, ``HealthThresholds/clipRateProblem``).
    case clipRate
    /// The median ‖Δθ‖ / ‖θ‖ per step (``HealthThresholds/updateRatioHealthy``).
    case updateRatio

    /// The rule's name in prose: "non-finite loss", "spike ratio", ….
    public var description: String {
        switch self {
        case .nonFiniteLoss: "non-finite loss"
        case .nonFiniteGradient: "non-finite gradient applied"
        case .skipRate: "skip rate"
        case .spikeRatio: "spike ratio"
        case .clipRate: "clip rate"
        case .updateRatio: "update ratio"
        }
    }
}

/// One rule applied to one report: the measured value, the comparison that put it at its
/// level, and an English sentence saying what that means.
public struct HealthFinding: Hashable, Sendable, CustomStringConvertible {
    /// A comparison of the measured value with a threshold.
    public enum Condition: Hashable, Sendable, CustomStringConvertible {
        /// value ≤ threshold
        case atMost(Double)
        /// value > threshold
        case above(Double)
        /// value ≥ threshold
        case atLeast(Double)
        /// value < threshold
        case below(Double)
        /// lower ≤ value ≤ upper
        case within(ClosedRange<Double>)

        /// Whether `value` satisfies the comparison (never, for NaN).
        public func holds(for value: Double) -> Bool {
            switch self {
            case .atMost(let t): value <= t
            case .above(let t): value > t
            case .atLeast(let t): value >= t
            case .below(let t): value < t
            case .within(let range): range.contains(value)
            }
        }

        /// `≤ 5`, `> 0.8`, `in [0.0001, 0.01]`, ….
        public var description: String {
            switch self {
            case .atMost(let t): "≤ \(MonitorText.number(t))"
            case .above(let t): "> \(MonitorText.number(t))"
            case .atLeast(let t): "≥ \(MonitorText.number(t))"
            case .below(let t): "< \(MonitorText.number(t))"
            case .within(let r): "in [\(MonitorText.number(r.lowerBound)), \(MonitorText.number(r.upperBound))]"
            }
        }
    }

    /// The rule applied.
    public let rule: HealthRule
    /// Where the value lands.
    public let level: HealthLevel
    /// The measured value: a ratio, a fraction of steps, or a number of steps (for the
    /// non-finite rules).
    public let value: Double
    /// The comparison with a threshold that put ``value`` at ``level`` (it holds).
    public let condition: Condition
    /// What the finding means, in a sentence or two of English.
    public let explanation: String

    /// `[warning] spike ratio 20 > 5: The largest gradient norm is …`.
    public var description: String {
        "[\(level)] \(rule) \(MonitorText.number(value)) \(condition): \(explanation)"
    }
}

/// A judgement of a ``GradientReport``: every rule that had something to measure, and the
/// worst level among them.
public struct HealthVerdict: Hashable, Sendable, CustomStringConvertible {
    /// The worst level of any finding (`healthy` when there are none).
    public let level: HealthLevel
    /// One finding per rule that could be measured, in ``HealthRule``'s order.
    public let findings: [HealthFinding]

    /// A verdict from findings; its level is theirs at worst.
    public init(findings: [HealthFinding]) {
        self.findings = findings
        level = findings.map(\.level).max() ?? .healthy
    }

    /// The finding of `rule`, if the report had something for it to measure.
    public subscript(rule: HealthRule) -> HealthFinding? { findings.first { $0.rule == rule } }

    /// The findings at `level` or worse.
    public func findings(atLeast level: HealthLevel) -> [HealthFinding] { findings.filter { $0.level >= level } }

    /// The level, then one finding per line.
    public var description: String {
        (["\(level)"] + findings.map { "  \($0)" }).joined(separator: "\n")
    }
}
