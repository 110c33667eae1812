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
