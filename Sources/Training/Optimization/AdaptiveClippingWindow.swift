/// Clips the total gradient norm to mean + k·std of the last `window` norms: a spike is a
/// norm more than `k` standard deviations above the recent average.
///
/// Each step, with `h` the finite pre-clip norms recorded so far (at most the last `window`):
///
/// ```text
/// h.count < warmup:  no clipping (threshold nil)
/// otherwise:         threshold = mean(h) + k · std(h)
///                    clip_grad_norm_(gradients, max_norm: Float(threshold))
/// then, if the total norm n is finite:  h.append(n), dropping the oldest past `window`
/// ```
///
/// The threshold comes from the norms *before* this step, so a spike does not raise its own
/// bar. `mean` and `std` are `numpy.mean` and `numpy.std` (population, `ddof=0`) of the
/// norms as `float64`, bit for bit (numpy's pairwise summation), and the threshold is
/// rounded to `Float` once, for `clip_grad_norm_`. The history records pre-clip norms, so a
/// clipped spike still widens the next thresholds until it leaves the window.
///
/// This method is the book's, not a paper's; so are the defaults (`window` 100, `k` 3, as
/// in the three-sigma rule, `warmup` 10).
///
/// ## Edge cases
/// - A NaN or infinite total norm is not recorded. Past warm-up the step is still clipped
///   with the current threshold, with `clip_grad_norm_`'s semantics: a NaN norm makes every
///   gradient NaN, an infinite one turns finite elements into ±0 and infinite ones into NaN.
///   During warm-up the gradients are left as they are.
/// - A constant history has std 0: the threshold is that constant, and any larger norm is
///   clipped to it.
/// - No gradients: the norm is 0 and is recorded.
public struct WindowClipper: AdaptiveClipper {
    /// The most norms the history keeps.
    public let window: Int
    /// `k`, the number of standard deviations above the mean that is allowed.
    public let deviations: Double
    /// The number of recorded norms needed before the first clip.
    public let warmup: Int
    /// The finite pre-clip norms of the last steps, oldest first (at most `window`).
    public private(set) var history: [Float]

    /// A clipper with an empty history.
    ///
    /// - Precondition: `window ≥ 1`, `1 ≤ warmup ≤ window`, and `deviations` is finite.
    public init(window: Int = 100, deviations: Double = 3, warmup: Int = 10) {
        precondition(window >= 1, "window \(window) must be at least 1")
        precondition((1...window).contains(warmup), "warmup \(warmup) must be in 1...\(window)")
        precondition(deviations.isFinite, "deviations \(deviations) must be finite")
        self.window = window
        self.deviations = deviations
        self.warmup = warmup
        self.history = []
    }

    /// The threshold the next step will clip to: mean + k·std of ``history`` in `float64`,
    /// or `nil` during warm-up.
    public var threshold: Double? {
        guard history.count >= warmup else { return nil }
        let norms = history.map(Double.init)
        return NumpyStatistics.mean(norms) + deviations * NumpyStatistics.standardDeviation(norms)
    }

    /// Clips `gradients` to ``threshold`` and records their pre-clip norm.
    public mutating func clip(_ gradients: inout NamedTensors) -> AdaptiveClipOutcome {
        let total = GradientClipping.totalNorm(gradients)
        let outcome = AdaptiveClipOutcome.applying(threshold, to: &gradients, totalNorm: total)
        if total.isFinite {
            history.append(total)
            if history.count > window { history.removeFirst(history.count - window) }
        }
        return outcome
    }

    /// ``clip(_:)``; the parameters are not used.
    public mutating func clip(_ gradients: inout NamedTensors, parameters: NamedTensors) -> AdaptiveClipOutcome {
        clip(&gradients)
    }
}
