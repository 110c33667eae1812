/// Per-tensor *delayed* scaling, Transformer Engine's `DelayedScaling` recipe: a tensor is
/// cast with a scale computed from the amaxes of the steps *before* it, kept in a history.
///
/// Each call of ``quantize(_:)`` casts with the current ``scale``, then records the
/// tensor's `amax` and recomputes the scale from the history:
/// `scale = max(element) / amax_h / 2^margin`, where `amax_h` is the largest amax in the
/// history (``AmaxAlgorithm/max``) or the latest (``AmaxAlgorithm/mostRecent``). The
/// scale of step `t` therefore never sees step `t`'s own values: when `amax` jumps, the
/// step that jumps saturates at ±max(element).
///
/// ```swift
/// var scaling = DelayedScaling(element: .e4m3fn)
/// for step in steps {
///     let stored = scaling.quantize(activations(step))
///     ...
/// }
/// ```
///
/// ## Defaults
/// A history of 1024 steps with ``AmaxAlgorithm/max`` and margin 0, Transformer Engine's
/// defaults in its 1.x and 2.x releases (`DelayedScaling(margin=0, amax_history_len=1024,
/// amax_compute_algo="max")`, Common API, docs.nvidia.com/deeplearning/transformer-engine,
/// as documented for 1.3, 1.12, 2.4 and 2.15; releases 0.1 to 0.4 had 1 and
/// `"most_recent"`). The first step uses scale 1, Transformer Engine's initial scale.
///
/// ## Edge cases
/// If the history's amax is 0 or not finite, the scale stays what it was, as in
/// Transformer Engine's update kernel; a scale that overflows `Float` becomes
/// `Float.greatestFiniteMagnitude`.
///
/// ## Where Transformer Engine differs
/// It keeps the history as a tensor rotated in place (the newest amax written at index 0
/// and rolled after the step), reduces amaxes across data-parallel ranks before updating,
/// and stores `scale_inv` beside `scale`; the values are those computed here.
public struct DelayedScaling: Hashable, Sendable {
    /// How the history is reduced to one amax.
    public enum AmaxAlgorithm: String, Hashable, Sendable, Codable {
        /// The largest amax in the history (Transformer Engine's default).
        case max
        /// The amax of the latest step only.
        case mostRecent
    }

    /// Transformer Engine's default history length, 1024.
    public static let defaultHistoryLength = 1024

    /// The element format the scale is for.
    public let element: FloatFormat
    /// How many steps the history keeps.
    public let historyLength: Int
    /// Binades of headroom: the scale is divided by `2^margin`.
    public let margin: Int
    /// How the history is reduced to one amax.
    public let algorithm: AmaxAlgorithm
    /// The amaxes of the latest steps, oldest first; at most ``historyLength`` of them.
    public private(set) var history: [Float] = []
    /// The scale the next ``quantize(_:)`` uses.
    public private(set) var scale: Float = 1

    /// Delayed scaling for tensors stored in `element`.
    ///
    /// - Precondition: `historyLength >= 1`; `margin` is in `-126...126`.
    public init(element: FloatFormat, historyLength: Int = defaultHistoryLength, margin: Int = 0,
                algorithm: AmaxAlgorithm = .max) {
        precondition(historyLength >= 1, "historyLength is \(historyLength); the history keeps at least one step")
        precondition((-126...126).contains(margin), "margin is \(margin); it must be in -126...126")
        self.element = element
        self.historyLength = historyLength
        self.margin = margin
        self.algorithm = algorithm
    }

    /// Casts `values` with the current ``scale``, then records their amax.
    public mutating func quantize(_ values: [Float]) -> PerTensorScaledTensor {
        let stored = PerTensorScaledTensor(quantizing: values, as: element, scale: scale)
        record(amax: stored.amax)
        return stored
    }

    /// Appends one step's amax to the history (dropping the oldest beyond
    /// ``historyLength``) and recomputes ``scale``.
    public mutating func record(amax: Float) {
        history.append(amax)
        if history.count > historyLength { history.removeFirst(history.count - historyLength) }
        let reduced = switch algorithm {
        case .max: history.reduce(0) { Swift.max($0, $1) }
        case .mostRecent: history[history.count - 1]
        }
        scale = PerTensorScaledTensor.scale(amax: reduced, element: element, margin: margin, fallback: scale)
    }
}

/// Delayed scaling is saved with its settings, its history and its scale (which depends on
/// the whole sequence of amaxes, not only those the history still holds), so that a copy
/// read back continues bit for bit. Decoding checks what ``init(element:historyLength:margin:algorithm:)``
/// requires, and that the history is no longer than its length and the scale positive and
/// finite; a violation is a `DecodingError.dataCorrupted` naming it.
extension DelayedScaling: Codable {
    private enum CodingKeys: String, CodingKey {
        case element, historyLength, margin, algorithm, history, scale
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let historyLength = try container.decode(Int.self, forKey: .historyLength)
        let margin = try container.decode(Int.self, forKey: .margin)
        let history = try container.decode([Float].self, forKey: .history)
        let scale = try container.decode(Float.self, forKey: .scale)
        let problem: String? =
            if historyLength < 1 { "historyLength is \(historyLength); the history keeps at least one step" }
            else if !(-126...126).contains(margin) { "margin is \(margin); it must be in -126...126" }
            else if history.count > historyLength { "\(history.count) amaxes in a history of \(historyLength)" }
            else if !(scale > 0 && scale.isFinite) { "the scale is \(scale); it must be positive and finite" }
            else { nil }
        if let problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        self.init(element: try container.decode(FloatFormat.self, forKey: .element), historyLength: historyLength,
                  margin: margin, algorithm: try container.decode(AmaxAlgorithm.self, forKey: .algorithm))
        self.history = history
        self.scale = scale
    }
}
