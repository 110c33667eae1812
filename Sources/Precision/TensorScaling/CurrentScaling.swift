/// Per-tensor *current* scaling, Transformer Engine's `Float8CurrentScaling`: each tensor
/// is scaled by its own largest magnitude, measured just before it is cast.
///
/// `scale = max(element) / amax / 2^margin`, so the tensor's largest value lands on the
/// element format's largest (448 for E4M3, 57344 for E5M2), or `margin` binades below it.
/// Nothing saturates (with `margin` ≥ 0), at the price of a pass over the tensor for its
/// `amax` before the cast.
///
/// ## Edge cases
/// An `amax` of 0 (an all-zero tensor), or an infinite one, gives scale 1, as in
/// Transformer Engine's `compute_scale_from_amax`; an `amax` so small that the scale
/// overflows `Float` gives `Float.greatestFiniteMagnitude`. NaN values are left out of
/// `amax` (they stay NaN).
///
/// ## Where Transformer Engine differs
/// Its current-scaling recipe has no margin (it computes `max / amax` with `__fdiv_rn`);
/// ``margin`` (default 0, where the two agree bit for bit) is offered here to compare with
/// ``DelayedScaling``, whose margin is Transformer Engine's. It can also force the scale
/// to a power of two and clamp `amax` below by an epsilon (both off by default there); this
/// type does neither.
public struct CurrentScaling: Hashable, Sendable {
    /// Binades of headroom: the scale is divided by `2^margin`.
    public let margin: Int

    /// Current scaling with `margin` binades of headroom (default 0, as Transformer Engine).
    ///
    /// - Precondition: `margin` is in `-126...126`, so `2^margin` is a normal `Float`.
    public init(margin: Int = 0) {
        precondition((-126...126).contains(margin), "margin is \(margin); it must be in -126...126")
        self.margin = margin
    }

    /// The scale for a tensor whose largest magnitude is `amax`.
    public func scale(amax: Float, element: FloatFormat) -> Float {
        PerTensorScaledTensor.scale(amax: amax, element: element, margin: margin, fallback: 1)
    }

    /// `values` quantized into `element` under the scale of their own `amax`.
    public func quantize(_ values: [Float], as element: FloatFormat) -> PerTensorScaledTensor {
        let amax = PerTensorScaledTensor.amax(values)
        return PerTensorScaledTensor(quantizing: values, as: element, scale: scale(amax: amax, element: element), amax: amax)
    }
}
