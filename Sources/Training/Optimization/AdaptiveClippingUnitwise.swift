import Precision

/// Adaptive gradient clipping, AGC (Brock, De, Smith, Simonyan, "High-Performance
/// Large-Scale Image Recognition Without Normalization", 2021): each unit's gradient may be
/// at most a fraction λ of that unit's weights.
///
/// For each parameter W with gradient G and each unit i (for a tensor of rank ≥ 2, the
/// slice `W[i, ...]`, one output row of a `[outputs, inputs]` linear weight; a tensor of
/// rank ≤ 1 is one unit):
///
/// ```text
/// max_i = λ · max(‖W_i‖, ε)
/// if ‖G_i‖ < max_i:  G_i unchanged
/// else:              G_i ← G_i · (max_i / max(‖G_i‖, 1e-6))
/// ```
///
/// This is timm's `timm.utils.agc.adaptive_clip_grad` (with its `unitwise_norm`), op for
/// op: norms are `torch.linalg.vector_norm`'s (see `TorchVectorNorm`), `max_i` is computed
/// in W's format, the ratio in the common format of W and G (FP32 when they differ), and
/// the product is rounded into G's format. A gradient whose norm equals `max_i` is
/// "clipped" by a ratio of exactly 1, as in timm.
///
/// Defaults: λ = 0.01 is timm's default; ε = 1e-3 is the paper's (it keeps zero-initialised
/// weights from pinning their gradients to zero). The paper does not clip the final
/// classifier layer: name its weight and bias in `excluded`.
///
/// ## Edge cases
/// - A NaN unit gradient norm is never below `max_i`: the unit is scaled by NaN (every
///   element NaN). An infinite one gives a ratio of 0: finite elements become ±0, infinite
///   ones NaN.
/// - An all-zero weight row has `max_i = λ·ε`: its gradient is clipped to norm λ·ε.
/// - Excluded and empty tensors are untouched. The outcome's `totalNorm` is over all
///   gradients, excluded ones included; its threshold is always nil.
public struct UnitwiseClipper: AdaptiveClipper {
    /// λ, the largest allowed ratio of a unit's gradient norm to its weight norm.
    public let clipping: Float
    /// ε, the smallest weight norm assumed for a unit.
    public let epsilon: Float
    /// The names of the parameters never clipped, sorted.
    public let excluded: [String]

    /// A clipper with the given factor, floor and exclusions.
    ///
    /// - Precondition: `clipping > 0` and `epsilon ≥ 0`, both finite.
    public init(clipping: Float = 0.01, epsilon: Float = 1e-3, excluded: Set<String> = []) {
        precondition(clipping > 0 && clipping.isFinite, "clipping factor \(clipping) must be positive")
        precondition(epsilon >= 0 && epsilon.isFinite, "epsilon \(epsilon) must be non-negative")
        self.clipping = clipping
        self.epsilon = epsilon
        self.excluded = excluded.sorted()
    }

    /// Clips every gradient not excluded, unit by unit, against its parameter. AGC keeps no
    /// state, so this does not mutate the clipper.
    ///
    /// - Precondition: every gradient not excluded has a parameter of the same name and shape.
    public func clip(_ gradients: inout NamedTensors, parameters: NamedTensors) -> AdaptiveClipOutcome {
        let total = GradientClipping.totalNorm(gradients)
        var clipped = false
        for (index, name) in gradients.names.enumerated() where !excluded.contains(name) {
            guard let parameterIndex = parameters.index(of: name) else {
                preconditionFailure("no parameter named \(name) for its gradient")
            }
            if clipUnits(&gradients.tensors[index], weights: parameters.tensors[parameterIndex]) { clipped = true }
        }
        return AdaptiveClipOutcome(totalNorm: total, threshold: nil, clipped: clipped)
    }

    /// Clips one gradient unit by unit; whether any unit was scaled.
    func clipUnits(_ gradient: inout Tensor, weights: Tensor) -> Bool {
        precondition(gradient.shape == weights.shape,
                     "gradient shape \(gradient.shape) differs from its parameter's \(weights.shape)")
        let units = gradient.rank <= 1 ? 1 : gradient.shape[0]
        guard units > 0 else { return false }
        let width = gradient.count / units
        let gradientFormat = gradient.format, weightFormat = weights.format
        let commonFormat: FloatFormat = gradientFormat == weightFormat ? gradientFormat : .fp32
        let floor = Self.rounded(Float(1e-6 as Double), to: gradientFormat)
        let weightFloor = Self.rounded(epsilon, to: weightFormat)
        var clipped = false
        for unit in 0..<units {
            let range = unit * width ..< (unit + 1) * width
            let weightNorm = weights.scalars[range].withUnsafeBufferPointer { TorchVectorNorm.two($0, format: weightFormat) }
            let gradientNorm = gradient.scalars[range].withUnsafeBufferPointer { TorchVectorNorm.two($0, format: gradientFormat) }
            let maxNorm = Self.rounded(Self.clamped(weightNorm, below: weightFloor) * clipping, to: weightFormat)
            if gradientNorm < maxNorm { continue }
            clipped = true
            let ratio = Self.rounded(maxNorm / Self.clamped(gradientNorm, below: floor), to: commonFormat)
            gradient.scalars.withUnsafeMutableBufferPointer { values in
                for i in range { values[i] = Self.rounded(values[i] * ratio, to: gradientFormat) }
            }
        }
        return clipped
    }

    /// `torch.clamp(x, min: floor)`: NaN stays NaN.
    private static func clamped(_ x: Float, below floor: Float) -> Float {
        x.isNaN || x >= floor ? x : floor
    }

    private static func rounded(_ x: Float, to format: FloatFormat) -> Float {
        format == .fp32 ? x : format.round(x)
    }
}
