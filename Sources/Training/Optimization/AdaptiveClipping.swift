import Precision

/// A gradient clipper whose threshold adapts to the run: it keeps a history (or running
/// statistics) of the gradients' norms, or, for ``UnitwiseClipper`` (AGC), compares each
/// gradient with its parameter.
///
/// Call ``clip(_:parameters:)`` once per step, after the backward pass (and after unscaling,
/// with loss scaling) and before the optimizer step. It scales the gradients in place,
/// updates the clipper's history, and reports what it did.
///
/// Clippers are values: copying one copies its history, and `Codable` saves exactly what a
/// resumed run needs to continue bit for bit (encoding and decoding mid-run, then carrying
/// on, gives the same gradients as never stopping).
///
/// | type | threshold | source |
/// |---|---|---|
/// | ``WindowClipper`` | mean + k·std of the last `window` norms | this book |
/// | ``AutoClipper`` | p-th percentile of all norms so far, this one included | Seetharaman et al. 2020 |
/// | ``ZClipper`` | EMA mean and variance, z-score spike test | Kumar et al. 2025 |
/// | ``UnitwiseClipper`` | λ·‖W_i‖ per output unit (AGC) | Brock et al. 2021 |
///
/// The first three clip with ``GradientClipping/clipGradientNorm(_:maxNorm:normType:errorIfNonFinite:)``
/// (`clip_grad_norm_`) and measure the same norm it returns, PyTorch's 2-norm total.
public protocol AdaptiveClipper: Sendable, Codable, Equatable {
    /// Clips `gradients` in place, given the current `parameters` (only AGC reads them; they
    /// are matched to gradients by name), updates the clipper's history, and reports what
    /// it did.
    mutating func clip(_ gradients: inout NamedTensors, parameters: NamedTensors) -> AdaptiveClipOutcome
}

/// What one call to ``AdaptiveClipper/clip(_:parameters:)`` did.
///
/// `Equatable` compares the fields as IEEE values: an outcome with a NaN norm differs from
/// itself.
public struct AdaptiveClipOutcome: Hashable, Sendable, Codable {
    /// The 2-norm of all gradients before clipping, as `clip_grad_norm_` returns it
    /// (``GradientClipping/totalNorm(_:normType:)``): NaN or +infinity when a gradient was.
    public var totalNorm: Float
    /// The maximum norm the gradients were clipped to with `clip_grad_norm_`, or `nil` when
    /// the method applied no global threshold this step (warm-up, no history yet, no spike
    /// for ``ZClipper`` without a `maxNorm`, and always for ``UnitwiseClipper``).
    public var threshold: Float?
    /// Whether the method cut the gradients down: the total norm exceeded the threshold (or
    /// was NaN while a threshold applied), or, for AGC, at least one unit was clipped.
    ///
    /// `clip_grad_norm_` multiplies by `min(1, threshold / (totalNorm + 1e-6))`, which is
    /// already below 1 for a norm within 1e-6 under the threshold; such a step reports
    /// `false` though its gradients shrank by about a millionth.
    public var clipped: Bool

    /// An outcome with the given fields.
    public init(totalNorm: Float, threshold: Float?, clipped: Bool) {
        self.totalNorm = totalNorm
        self.threshold = threshold
        self.clipped = clipped
    }

    /// Clips `gradients` to `threshold` (rounded to the nearest `Float`) with
    /// `clip_grad_norm_`'s semantics, or leaves them untouched when there is no threshold.
    ///
    /// `totalNorm` is the norm the caller measured before deciding the threshold;
    /// `clip_grad_norm_` measures the same value again.
    static func applying(
        _ threshold: Double?, to gradients: inout NamedTensors, totalNorm: Float
    ) -> AdaptiveClipOutcome {
        guard let threshold else { return AdaptiveClipOutcome(totalNorm: totalNorm, threshold: nil, clipped: false) }
        let maxNorm = Float(threshold)
        do {
            try GradientClipping.clipGradientNorm(&gradients, maxNorm: maxNorm)
        } catch {
            preconditionFailure("clip_grad_norm_ without errorIfNonFinite cannot throw: \(error)")
        }
        return AdaptiveClipOutcome(totalNorm: totalNorm, threshold: maxNorm, clipped: !(totalNorm <= maxNorm))
    }
}
