internal import CAdamAVX2

/// The eight-lane FP32 Adam loop (Sources/CAdamAVX2), on CPUs with AVX2 and FMA: the same
/// operations as `AdamScalars.update`'s scalar loop, so the same bits, for all but the last
/// `count % 8` elements, which the scalar loop finishes.
enum AdamWide {
    static let available = mantissa_has_avx2_fma() == 1

    /// Updates the leading elements as the scalar loop would and returns how many it did
    /// (0 on a CPU without AVX2 and FMA).
    static func update(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
                       _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
                       useDecay: Bool, decoupled: Bool, decayFactor: Float, decayAlpha: Float,
                       lerpWeight: Float, beta2: Float, squareWeight: Float, correction: Float,
                       epsilon: Float, negativeStep: Float) -> Int {
        guard available, let p0 = p.baseAddress, let g0 = g.baseAddress, let m0 = m.baseAddress,
              let v0 = v.baseAddress else { return 0 }
        var scalars = mantissa_adam_scalars(
            use_decay: useDecay ? 1 : 0, decoupled: decoupled ? 1 : 0, decay_factor: decayFactor,
            decay_alpha: decayAlpha, lerp_weight: lerpWeight, beta2: beta2, square_weight: squareWeight,
            correction: correction, epsilon: epsilon, negative_step: negativeStep)
        return mantissa_adam_fp32_avx2(p0, g0, m0, v0, p.count, &scalars)
    }
}
