/// ZClip (Kumar, Owen, Roy Chowdhury, Güra, "ZClip: Adaptive Spike Mitigation for LLM
/// Pre-Training", 2025): running (EMA) mean μ and variance σ² of the total gradient norm; a
/// norm whose z-score exceeds `zThreshold` is a spike and is clipped down, and the EMA is
/// updated with the clipped value, so a spike barely moves the statistics.
///
/// Each step, with `g` the total norm, following the authors' reference code
/// (`bluorion-com/ZClip`, `zclip.py`) in `float64`:
///
/// ```text
/// warm-up (statistics nil):
///     record g; once warmupSteps norms are recorded:
///         μ = Σg / N,  σ² = Σ(g − μ)² / N          (left-to-right sums; population variance)
///     no adaptive clipping on these steps
/// afterwards:
///     σ = √σ²,  z = (g − μ) / (σ + ε)
///     reciprocal (default):  if z > z_t:  v = μ + (z_t · σ) / (z / z_t)      = μ + (z_t²/z)·σ
///     threshold:             if g > μ + z_t · σ:  v = μ + z_t · σ
///     mean:                  if z > z_t:  v = μ
///     clip_grad_norm_(gradients, max_norm: Float(v))      (no clipping when there is no v)
///     μ ← α·μ + (1 − α)·e,   σ² ← α·σ² + (1 − α)·(e − μ)²     with e = v if clipped, else g,
///                                                            and the μ just updated
/// ```
///
/// With `maxNorm`, the threshold is `min(v, maxNorm)`, or `maxNorm` alone when there is no
/// spike and during warm-up (the reference's `max_grad_norm`: a fixed ceiling on top); the
/// EMA is still updated with `v` or `g`, as in the reference.
///
/// Defaults are the paper's and the reference code's: α = 0.97, z_t = 2.5, 25 warm-up
/// steps, ε = 1e-6, reciprocal mode ("adaptive_scaling" in the code, the paper's
/// recommended strategy). `maxNorm` defaults to nil (the README's default; some versions of
/// the code default to 1.0). The code's `clip_factor` (default 1) and
/// `skip_update_on_spike` (default false) are not offered.
///
/// ## Differences from the reference code
/// - The norm is PyTorch's total norm (what `clip_grad_norm_` returns) instead of the code's
///   `sqrt(sum(norm(g)^2))` in the parameters' dtype; they agree to about one `Float` ulp.
/// - Gradients are scaled by `clip_grad_norm_` (coefficient `min(1, v / (g + 1e-6))` in
///   `Float`), not by the code's own `v / (g + 1e-6)` in `float64`; the coefficients agree to
///   about one `Float` ulp. Below the threshold neither changes the gradients.
/// - Square roots and squares are IEEE `√` and `d × d`; the code's `** 0.5` and `** 2` call
///   the C library's `pow`, which glibc does not round correctly (about 0.1% of arguments
///   differ in the last bit of a `Double`). Warm-up sums run left to right, as Python 3.11's
///   `sum` does (3.12 switched to compensated summation).
/// - A NaN or infinite norm leaves the statistics (and the warm-up record) untouched; the
///   reference would record it, making μ or σ² NaN for the rest of the run. The step itself
///   follows the formulas: a NaN z-score is no spike (only `maxNorm`, if set, clips), and
///   +infinity is a spike (v = μ in reciprocal and mean modes), which `clip_grad_norm_`
///   applies by turning finite elements into ±0 and infinite ones into NaN.
public struct ZClipper: AdaptiveClipper {
    /// How a spike is detected and what it is clipped to.
    public enum Mode: String, Hashable, Sendable, Codable {
        /// If z > z_t, clip to μ + (z_t²/z)·σ: the larger the spike, the harder the cut (the
        /// paper's reciprocal clipping, the code's `zscore` mode with `adaptive_scaling`).
        case reciprocal
        /// If g > μ + z_t·σ, clip to μ + z_t·σ (the code's `percentile` mode).
        case threshold
        /// If z > z_t, clip to μ (the code's `zscore` mode with `clip_option="mean"`).
        case mean
    }

    /// The EMA statistics of the norm.
    public struct Statistics: Hashable, Sendable, Codable {
        /// μ, the EMA of the (clipped) norms.
        public var mean: Double
        /// σ², the EMA of their squared deviation from μ.
        public var variance: Double
    }

    /// α, the EMA's weight on the past.
    public let alpha: Double
    /// z_t, the z-score above which a norm is a spike.
    public let zThreshold: Double
    /// N, the number of norms that initialise μ and σ².
    public let warmupSteps: Int
    /// ε, added to σ in the z-score's denominator.
    public let epsilon: Double
    /// The clipping strategy.
    public let mode: Mode
    /// A fixed ceiling on the threshold, applied on every step, or `nil`.
    public let maxNorm: Float?
    /// The finite norms recorded during warm-up (empty afterwards).
    public private(set) var warmupNorms: [Float]
    /// μ and σ², or `nil` during warm-up.
    public private(set) var statistics: Statistics?

    /// A clipper at the start of warm-up.
    ///
    /// - Precondition: `0 ≤ alpha < 1`, `zThreshold > 0`, `warmupSteps ≥ 1`, `epsilon ≥ 0`,
    ///   and `maxNorm`, if given, is positive.
    public init(alpha: Double = 0.97, zThreshold: Double = 2.5, warmupSteps: Int = 25,
                epsilon: Double = 1e-6, mode: Mode = .reciprocal, maxNorm: Float? = nil) {
        precondition((0..<1).contains(alpha), "alpha \(alpha) must be in [0, 1)")
        precondition(zThreshold > 0 && zThreshold.isFinite, "z threshold \(zThreshold) must be positive")
        precondition(warmupSteps >= 1, "warm-up steps \(warmupSteps) must be at least 1")
        precondition(epsilon >= 0 && epsilon.isFinite, "epsilon \(epsilon) must be non-negative")
        precondition(maxNorm.map { $0 > 0 } ?? true, "max norm \(maxNorm!) must be positive")
        self.alpha = alpha
        self.zThreshold = zThreshold
        self.warmupSteps = warmupSteps
        self.epsilon = epsilon
        self.mode = mode
        self.maxNorm = maxNorm
        self.warmupNorms = []
        self.statistics = nil
    }

    /// Clips `gradients` if their norm is a spike (or exceeds `maxNorm`) and updates the
    /// statistics.
    public mutating func clip(_ gradients: inout NamedTensors) -> AdaptiveClipOutcome {
        let total = GradientClipping.totalNorm(gradients)
        let ceiling = maxNorm.map(Double.init)
        guard let current = statistics else {
            if total.isFinite { recordWarmup(total) }
            return AdaptiveClipOutcome.applying(ceiling, to: &gradients, totalNorm: total)
        }
        let norm = Double(total)
        let spike = clipValue(norm, current)
        let threshold = [spike, ceiling].compactMap { $0 }.min()
        let outcome = AdaptiveClipOutcome.applying(threshold, to: &gradients, totalNorm: total)
        if total.isFinite { statistics = updated(current, with: spike ?? norm) }
        return outcome
    }

    /// ``clip(_:)``; the parameters are not used.
    public mutating func clip(_ gradients: inout NamedTensors, parameters: NamedTensors) -> AdaptiveClipOutcome {
        clip(&gradients)
    }

    private mutating func recordWarmup(_ norm: Float) {
        warmupNorms.append(norm)
        guard warmupNorms.count >= warmupSteps else { return }
        let count = Double(warmupNorms.count)
        var sum = 0.0
        for x in warmupNorms { sum += Double(x) }
        let mean = sum / count
        var squares = 0.0
        for x in warmupNorms { squares += (Double(x) - mean) * (Double(x) - mean) }
        statistics = Statistics(mean: mean, variance: squares / count)
        warmupNorms = []
    }

    /// v, the value a spike is clipped to, or `nil` if `norm` is no spike.
    private func clipValue(_ norm: Double, _ s: Statistics) -> Double? {
        let std = s.variance.squareRoot()
        if mode == .threshold {
            let bound = s.mean + zThreshold * std
            return norm > bound ? bound : nil
        }
        let z = (norm - s.mean) / (std + epsilon)
        guard z > zThreshold else { return nil }
        if mode == .mean { return s.mean }
        let eta = z / zThreshold
        return s.mean + (zThreshold * std) / eta
    }

    private func updated(_ s: Statistics, with value: Double) -> Statistics {
        let mean = alpha * s.mean + (1 - alpha) * value
        let deviation = value - mean
        return Statistics(mean: mean, variance: alpha * s.variance + (1 - alpha) * (deviation * deviation))
    }
}
