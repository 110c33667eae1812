/// AutoClip (Seetharaman, Wichern, Pardo, Le Roux, "AutoClip: Adaptive Gradient Clipping for
/// Source Separation Networks", MLSP 2020): clips the total gradient norm to the `p`-th
/// percentile of every norm seen so far, the current one included.
///
/// Each step, as the paper's published code does it:
///
/// ```text
/// n = total norm of the gradients
/// history.append(n)                                    (first, so the history is never empty)
/// threshold = np.percentile(history, p)                (numpy's default, linear)
/// clip_grad_norm_(gradients, max_norm: Float(threshold))
/// ```
///
/// The percentile is ``Percentile`` `.of(history, p)`, of the norms widened to `Double`,
/// rounded to `Float` once for `clip_grad_norm_`. With `p` = 10, a norm passes unclipped
/// only if it is among the smallest tenth so far: AutoClip clips most steps a little, not
/// just spikes. On the
/// first step the threshold is the norm itself, which `clip_grad_norm_` still scales by
/// `n / (n + 1e-6)`, as the published code does.
///
/// `p` has no default: the paper leaves it to the user (its code takes `clip_percentile`
/// as an argument). The published history is unbounded; `historyLimit` optionally keeps only
/// the last norms (nil, the default, is the paper's).
///
/// ## Differences from the published code
/// - The norm is PyTorch's total norm, the one `clip_grad_norm_` returns. The published
///   `_get_grad_norm` sums the squares of the per-tensor norms in `float64` and takes the
///   square root there; the two agree to about one `Float` ulp.
/// - A NaN or infinite norm is not appended. The published code appends it, after which
///   every percentile is NaN (or, for +infinity, the top percentiles are infinite) for the
///   rest of the run. Here the step is clipped to the percentile of the finite history,
///   with `clip_grad_norm_`'s semantics (a NaN norm makes every gradient NaN; an infinite
///   one turns finite elements into ±0 and infinite ones into NaN); if no finite norm has
///   been seen yet, the gradients are left as they are and the threshold is nil.
public struct AutoClipper: AdaptiveClipper {
    /// `p`, the percentile of the history to clip to, in 0...100.
    public let percentile: Double
    /// The most norms the history keeps, or `nil` for all (the paper's).
    public let historyLimit: Int?
    /// The finite pre-clip norms so far, oldest first.
    public private(set) var history: [Float]

    /// A clipper with an empty history.
    ///
    /// - Precondition: `0 ≤ percentile ≤ 100` and `historyLimit`, if given, is at least 1.
    public init(percentile: Double, historyLimit: Int? = nil) {
        precondition((0...100).contains(percentile), "percentile \(percentile) is outside 0...100")
        precondition(historyLimit.map { $0 >= 1 } ?? true, "history limit \(historyLimit!) must be at least 1")
        self.percentile = percentile
        self.historyLimit = historyLimit
        self.history = []
    }

    /// Records the gradients' norm, then clips them to the percentile of the history.
    public mutating func clip(_ gradients: inout NamedTensors) -> AdaptiveClipOutcome {
        let total = GradientClipping.totalNorm(gradients)
        if total.isFinite {
            history.append(total)
            if let historyLimit, history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        }
        let threshold = history.isEmpty ? nil : Percentile.of(history, percentile)
        return AdaptiveClipOutcome.applying(threshold, to: &gradients, totalNorm: total)
    }

    /// ``clip(_:)``; the parameters are not used.
    public mutating func clip(_ gradients: inout NamedTensors, parameters: NamedTensors) -> AdaptiveClipOutcome {
        clip(&gradients)
    }
}
