/// A buffer of `Float`s stored in a narrow format (FP8 E4M3 or E5M2) under one scale for
/// the whole tensor, as NVIDIA Transformer Engine stores its FP8 tensors.
///
/// Element `i` is `x_i · scale` rounded to nearest, ties to even, into `element` and
/// saturated to ±max (the `satfinite` conversion of Transformer Engine's casts); it
/// represents `elements[i] · scaleInverse`.
///
/// The scale is chosen by a recipe: ``CurrentScaling`` from this tensor's own `amax`, or
/// ``DelayedScaling`` from the amaxes of earlier steps.
///
/// ```swift
/// let stored = CurrentScaling().quantize(activations, as: .e4m3fn)
/// let seen = stored.dequantized()
/// ```
///
/// ## Edge cases
/// - NaN stays NaN (E4M3FN's `0x7F`, E5M2's quiet NaN), with its sign.
/// - ±infinity, and anything whose product with `scale` rounds beyond ±max, saturate to
///   ±max (448 for E4M3, 57344 for E5M2).
/// - Zeros keep their sign.
///
/// ## Where Transformer Engine differs
/// Transformer Engine keeps `scale` and `scale_inv` as two FP32 tensors, updated together
/// (`scale_inv = 1 / scale`, rounded in FP32), and dequantizes with `scale_inv`; here
/// ``scaleInverse`` is computed from ``scale`` when asked for, with the same bits.
///
/// `Equatable` compares the element format, the scale, the amax and the elements bit for
/// bit.
public struct PerTensorScaledTensor: Hashable, Sendable {
    /// The format of every element.
    public let element: FloatFormat
    /// What each value was multiplied by before rounding into `element`.
    public let scale: Float
    /// Each `x · scale`, rounded to nearest even into `element` and saturated to ±max.
    public let elements: [Float]
    /// The largest magnitude among the inputs, NaN ignored (infinity counts), as
    /// Transformer Engine's amax kernels compute it (`fmaxf`): what a ``DelayedScaling``
    /// history records. 0 for an empty tensor.
    public let amax: Float

    /// The number of values.
    public var count: Int { elements.count }

    /// What each element is multiplied by to dequantize: `1 / scale` in `Float`, as
    /// Transformer Engine's `scale_inv`.
    public var scaleInverse: Float { 1 / scale }

    /// Quantizes `values` into `element` under `scale`.
    ///
    /// - Precondition: `scale` is positive and finite.
    public init(quantizing values: [Float], as element: FloatFormat, scale: Float) {
        self.init(quantizing: values, as: element, scale: scale, amax: Self.amax(values))
    }

    /// Quantizes `values`, whose ``amax(_:)`` is `amax`, into `element` under `scale`.
    init(quantizing values: [Float], as element: FloatFormat, scale: Float, amax: Float) {
        precondition(scale > 0 && scale.isFinite, "the scale is \(scale); it must be positive and finite")
        var scaled = values
        for i in scaled.indices { scaled[i] *= scale }
        element.round(&scaled, rounding: .nearestEven, overflow: .saturate)
        self.element = element
        self.scale = scale
        self.elements = scaled
        self.amax = amax
    }

    /// The largest magnitude among `values`, NaN ignored and infinity counted (0 if there
    /// is none): ``amax``.
    public static func amax(_ values: [Float]) -> Float {
        LargestMagnitude(values).value
    }

    /// The values this tensor represents: each element times ``scaleInverse``, rounded as
    /// `Float` multiplication rounds.
    public func dequantized() -> [Float] {
        let inverse = scaleInverse
        return elements.map { $0 * inverse }
    }

    /// Transformer Engine's per-tensor scale: `max(element) / amax / 2^margin` in `Float`.
    ///
    /// Returns `fallback` when `amax` is 0, infinite or NaN (1 in current scaling, the
    /// previous scale in delayed scaling), and `Float.greatestFiniteMagnitude` when the
    /// quotient overflows (an `amax` so small that the scale is not a `Float`).
    public static func scale(amax: Float, element: FloatFormat, margin: Int, fallback: Float) -> Float {
        guard amax > 0 && amax.isFinite else { return fallback }
        let scale = Float(element.maxValue) / amax / Float(sign: .plus, exponent: margin, significand: 1)
        return scale.isInfinite ? .greatestFiniteMagnitude : scale
    }

    /// Equal when the formats are equal and the scale, the amax and the elements are
    /// equal bit for bit.
    public static func == (a: PerTensorScaledTensor, b: PerTensorScaledTensor) -> Bool {
        a.element == b.element && a.scale.bitPattern == b.scale.bitPattern && a.amax.bitPattern == b.amax.bitPattern
            && a.elements.map(\.bitPattern) == b.elements.map(\.bitPattern)
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(element)
        hasher.combine(scale.bitPattern)
        hasher.combine(amax.bitPattern)
        hasher.combine(elements.map(\.bitPattern))
    }
}
