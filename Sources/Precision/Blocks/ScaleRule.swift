/// How a block's shared scale `X`, a power of two, is chosen from the block's largest
/// magnitude `amax`, so that the elements `x / X` fit the element format.
///
/// With `emax` the element format's ``FloatFormat/maxExponent`` and `max` its
/// ``FloatFormat/maxValue``:
///
/// | rule | `X` | source |
/// |---|---|---|
/// | ``floor`` | `2^(⌊log2 amax⌋ − emax)` | OCP MX v1.0, §6.3 |
/// | ``rceil`` | `amax / max` rounded up to a power of two | cuBLAS; Mishra et al. 2025 |
///
/// ``floor`` puts `amax / X` in `[2^emax, 2^(emax+1))`, which may exceed `max` (E4M3's 448
/// is below 2^9, so an `amax` of 500 gives 500 and saturates to 448; E2M1's 7 saturates to
/// 6). ``rceil`` picks the smallest power of two with `amax / X ≤ max`, so no element
/// saturates (though one may still round up to a value above `amax / X`, never beyond
/// `max`); the price is up to one bit of resolution.
///
/// A rule is coded (`Codable`) as its ``description``, `"floor"` or `"rceil"`.
///
/// ## Where torchao departs
/// torchao 0.18's reference `to_mx` (`ScaleCalculationMode.FLOOR` and `RCEIL`, run on the
/// CPU against these rules for E4M3, E5M2, E2M3, E3M2 and E2M1 elements by the oracle
/// `Tests/PrecisionTests/Oracle/torchao_blocks.py`) gives the same scale codes and the same
/// dequantized values bit for bit, blocks of zeros (code 0) and blocks holding a NaN
/// (code 255) included, except in these blocks:
/// - ``rceil``: torchao computes `⌈log2(amax / max)⌉` with the quotient and the logarithm
///   rounded to `Float`, so an `amax` just above `max · 2^k` gets `2^k`, one code too low,
///   and its largest element saturates (E4M3, amax `0x11E00001`, one ulp above
///   `448 · 2^-100`: code 27 instead of 28; with floating-point elements the dequantized
///   values usually still agree).
/// - Code 0 with nonzero elements (an `amax` below `2^(emax − 126)` under ``floor``, at most
///   `max · 2^-127` under ``rceil``, float32 subnormal blocks included): torchao divides by
///   `2^-126` under ``floor`` (it clamps the divisor to `Float`'s smallest normal) and by 1
///   under ``rceil`` (its reciprocal for code 0), yet multiplies back by `2^-127`. Floor's
///   values come back about halved, rceil's as 0 (E4M3, amax `1.1003e-36`: torchao
///   `5.642e-37` and 0 where the rule gives `1.1285e-36`).
/// - A block holding ±infinity and no NaN: code `255 − emax` under ``floor`` (247 for E4M3,
///   253 for E2M1: the float32 exponent field 255 read as `2^128`) and 254 under ``rceil``,
///   not NaN; the infinity saturates to ±max and the other elements dequantize to 0 or
///   nearly (here every element of the block is NaN).
public enum ScaleRule: String, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// OCP MX v1.0: `X = 2^(⌊log2 amax⌋ − emax(element))`.
    case floor
    /// cuBLAS's MXFP8 rule: `X = 2^⌈log2(amax / max(element))⌉`, computed exactly.
    case rceil

    /// The CLI spelling: `floor` or `rceil`.
    public var description: String {
        switch self {
        case .floor: "floor"
        case .rceil: "rceil"
        }
    }

    /// The exponent `k` of `X = 2^k` for a positive, finite `amax` and an element format,
    /// before it is clamped to the scale format's range. Exact: no logarithm is rounded.
    func exponent(amax: Float, element: FloatFormat) -> Int {
        let floorLog2 = Int(amax.exponent)  // ⌊log2 amax⌋, Float subnormals included
        switch self {
        case .floor:
            return floorLog2 - element.maxExponent
        case .rceil:
            // The smallest k with max · 2^k ≥ amax; max · 2^k is exact in Double.
            let max = element.maxValue, target = Double(amax)
            var k = floorLog2 - element.maxExponent - 1
            while Double(sign: .plus, exponent: k, significand: max) < target { k += 1 }
            return k
        }
    }
}
