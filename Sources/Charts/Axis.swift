/// One axis of a ``Figure``: what it measures, how values map onto it, and optionally
/// the range it shows.
///
/// ```swift
/// Axis.linear("step")
/// Axis.log10("loss")
/// Axis.log2("|gradient|", domain: 0x1p-40...0x1p16)
/// ```
///
/// ## Domain
/// Without a ``domain`` the axis covers every plottable value of the figure's marks
/// (band edges and reference lines included) and is widened to round tick values: a
/// linear axis starts and ends on a tick, a log axis on a whole power of its base. With
/// a domain the axis shows exactly that range; marks outside it are clipped at the edge
/// of the plot. A domain whose bounds are not finite, that is empty, or (on a log axis)
/// whose lower bound is not positive is ignored.
///
/// ## Values a log axis cannot show
/// Zero and negative values have no position on a log axis. They are treated like
/// non-finite values: a line breaks there and a marker is drawn at the edge.
public struct Axis: Hashable, Codable, Sendable {
    /// How values map to positions along the axis.
    public enum Scale: Hashable, Codable, Sendable {
        /// Equal differences take equal lengths.
        case linear
        /// Equal ratios take equal lengths; ticks sit on powers of the base.
        case log(LogBase)
    }

    /// The base whose powers a log axis puts its ticks on. Base 2 labels read `2^-24`,
    /// base 10 labels `1e-8` (or `0.01`, `100` when every tick is between 1e-3 and 1e4).
    public enum LogBase: Int, Hashable, Codable, Sendable {
        /// Ticks on powers of two, for binary exponents (`2^-14`, `2^15`).
        case two = 2
        /// Ticks on powers of ten.
        case ten = 10
    }

    /// The axis title, written along the axis. Empty for none.
    public var label: String
    /// Linear or logarithmic.
    public var scale: Scale
    /// The range shown, in data units; `nil` to fit the data (see "Domain" above).
    public var domain: ClosedRange<Double>?

    /// An axis with the given title, scale and optional fixed domain.
    public init(_ label: String = "", scale: Scale = .linear, domain: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.domain = domain
    }

    /// A linear axis.
    public static func linear(_ label: String = "", domain: ClosedRange<Double>? = nil) -> Axis {
        Axis(label, scale: .linear, domain: domain)
    }

    /// A logarithmic axis with ticks on powers of ten.
    public static func log10(_ label: String = "", domain: ClosedRange<Double>? = nil) -> Axis {
        Axis(label, scale: .log(.ten), domain: domain)
    }

    /// A logarithmic axis with ticks on powers of two: the natural axis for binary
    /// exponents, and the one an exponent histogram is drawn on.
    public static func log2(_ label: String = "", domain: ClosedRange<Double>? = nil) -> Axis {
        Axis(label, scale: .log(.two), domain: domain)
    }

    /// Whether `value` has a position on this axis: finite, and positive on a log axis.
    public func canPlot(_ value: Double) -> Bool {
        switch scale {
        case .linear: value.isFinite
        case .log: value.isFinite && value > 0
        }
    }

    /// The fixed domain, if it is usable on this scale.
    var usableDomain: ClosedRange<Double>? {
        guard let domain, domain.lowerBound.isFinite, domain.upperBound.isFinite,
            domain.lowerBound < domain.upperBound
        else { return nil }
        if case .log = scale, domain.lowerBound <= 0 { return nil }
        return domain
    }
}
