/// Stochastic rounding into the formats of ``NarrowKernel`` with at most 12 mantissa bits.
///
/// The FPU lines the bits up, as in ``NarrowKernel``, but keeps fraction bits: with
/// `binade = max(2^⌊log2 |x|⌋, 2^emin)`, `sum = |x| + 2 · binade` rounds `|x|` to a multiple
/// of `binade · 2^-22`, which is the quantum over `2^(22-m)`, so `sum`'s low `22 - m` bits
/// are the top of the fraction to round away. Fast2Sum's `error = |x| - (sum - 2 · binade)`
/// is exact (Dekker 1971): its sign turns `sum` into `|x|` truncated, and, scaled to units of
/// 2^-32 of the quantum and floored, it supplies the fraction's remaining `10 + m` low bits
/// (at most 2^(9+m) in magnitude, so one magic-number addition floors it). The 32-bit fraction meets
/// the coin, and `sum`'s bits minus `2 · binade` decode the result (exact, by Sterbenz).
struct NarrowStochasticKernel<Subnormals: SubnormalHandling>: RoundingKernel {
    typealias Mode = StochasticIncrement

    /// Fraction bits held in `sum`: 22 - m.
    let sumFractionBits: UInt32
    let minNormal: Float
    let minNormalBits: Int32
    /// 2^(maxExponent + 1): larger inputs (and ±infinity, NaN) are clamped to it.
    let clampAbove: Float
    /// `Float` bits of 2^(m + 32) · 2^127, wrapped: minus a binade's bits, the bits of
    /// 2^(m + 32) / binade, which scales `error` to units of 2^-32 of the quantum.
    let scaleBits: UInt32
    /// Float bits of the largest value, of the overflow result, and of what a positive NaN
    /// gives (see ``FloatFormat/nanResultBits``).
    let maxBits: Int32
    let overflowBits: UInt32
    let nanBits: UInt32

    @inline(__always)
    init(shape: KernelShape, format: FloatFormat, overflow: OverflowPolicy) {
        let m = shape.mantissaBits, emin = 1 - shape.bias
        sumFractionBits = UInt32(22 - m)
        minNormal = Float(sign: .plus, exponent: emin, significand: 1)
        minNormalBits = Int32(emin + 127) << 23
        clampAbove = Float(sign: .plus, exponent: shape.maxExponent + 1, significand: 1)
        scaleBits = UInt32(truncatingIfNeeded: (m + 32 + 254) << 23)
        maxBits = Int32(bitPattern: shape.floatBits(ofNormal: shape.maxMagnitude))
        overflowBits = format.decode(format.overflowMagnitude(overflow)).bitPattern
        nanBits = format.nanResultBits
    }

    /// Whether a format can use this kernel: the scaled error must stay below 2^22 in
    /// magnitude (at most 12 mantissa bits), and `2 · 2^(maxExponent + 1)` must be finite.
    static func fits(_ shape: KernelShape) -> Bool {
        shape.mantissaBits <= 12 && shape.maxExponent + 2 <= 127
    }

    @inline(__always)
    func rounded(_ bits: Lanes, random: Lanes) -> Lanes {
        let magnitude = flushingInputs(bits & 0x7FFF_FFFF, Subnormals.self)
        // Every mode overflows beyond 2^(maxExponent + 1); NaN is clamped too (`minps`).
        let x = magnitude.floats.replacing(with: clampAbove, where: .!(magnitude.floats .< clampAbove))
        let exponent = (x.bits & 0x7F80_0000).floats
        let binade = exponent.replacing(with: minNormal, where: exponent .< minNormal)
        let magic = binade + binade
        let sum = x + magic
        let error = x - (sum - magic)
        let truncated = sum.bits &+ mask(error .< 0)
        let below = floorBits(error * (scaleBits &- binade.bits).floats) & (~0 &>> sumFractionBits)
        let lowMask = (1 &<< sumFractionBits) &- 1
        let fraction = (truncated & lowMask) &<< (32 &- sumFractionBits) | below
        // fraction + random >= 2^32, as an unsigned comparison of fraction with ~random.
        let carries = mask((fraction ^ 0x8000_0000).signed .> (~random ^ 0x8000_0000).signed)
        let shifted = (truncated & ~lowMask) &+ (carries & (lowMask &+ 1))
        let decoded = (shifted.floats - magic).bits
        let kept = Subnormals.flushes ? decoded & ~mask(decoded.signed .< minNormalBits) : decoded
        let special = select(mask(magnitude.signed .> 0x7F80_0000), Lanes(repeating: nanBits),
                             Lanes(repeating: overflowBits))
        return select(mask(decoded.signed .> maxBits), special, kept) ^ (bits & 0x8000_0000)
    }
}

/// `⌊v⌋` as 32-bit two's complement, for `|v| < 2^22`: adding 1.5 · 2^23 rounds `v` to an
/// integer held in the low mantissa bits; one comparison turns nearest into floor.
@inline(__always)
func floorBits(_ v: SIMD4<Float>) -> Lanes {
    let magic: Float = 0x1.8p23
    let sum = v + magic
    let nearest = sum.bits &- magic.bitPattern
    return nearest &+ mask((sum - magic) .> v)
}
