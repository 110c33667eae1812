extension FloatFormat {
    /// Rounds a `Float` to the nearest value of this format and returns its code.
    ///
    /// Rounding is to nearest, ties to even, done once on the exact binary value with
    /// integer arithmetic (no intermediate `Double`, so no double rounding). The result is
    /// what IEEE 754 `convertFormat` gives, and what ml_dtypes' `astype` gives for the
    /// formats it has. Without mantissa bits (E8M0) the significand of every normal value
    /// is odd, so ties round up (1.5 → 2, 3 → 4), as ml_dtypes' `float8_e8m0fnu` does (see
    /// ``e8m0``).
    ///
    /// ## Signed zero and underflow
    /// ±0 encode to ±0. A value that rounds to zero keeps its sign (−2^-30 becomes FP16
    /// −0). Halfway between 0 and the smallest subnormal rounds to ±0 (zero is even).
    ///
    /// ## Subnormals
    /// Values below ``minNormal`` round to the format's subnormals, spaced ``minSubnormal``
    /// apart; a value rounding up past the largest subnormal becomes ``minNormal``. Float
    /// subnormal inputs are exact inputs like any other.
    ///
    /// In a format without zero (E8M0) there are no subnormals, and every positive value
    /// below the smallest one rounds up to it.
    ///
    /// ## Overflow and infinity
    /// A value that rounds to more than ``maxValue`` in magnitude, and ±infinity, give what
    /// ``overflow`` says: ±infinity (IEEE formats), NaN with the input's sign (E4M3FN: 464
    /// still rounds to 448, anything above it is NaN), or ±`maxValue` (``Overflow/saturate``:
    /// E2M3FN, E3M2FN, E2M1FN).
    ///
    /// ## Values a format cannot hold
    /// Without a sign bit (E8M0) a negative input gives NaN, −0 included when the format
    /// has no zero; without zero (E8M0) ±0 give NaN.
    ///
    /// ## NaN
    /// Any NaN gives the format's canonical quiet NaN with the input's sign; the payload is
    /// dropped. For ``NaNEncoding/ieee`` formats that is exponent all ones with only the
    /// top mantissa bit set (FP16 `0x7E00`/`0xFE00`, BF16 `0x7FC0`, E5M2 `0x7E`); for
    /// E4M3FN it is `0x7F`/`0xFF`, its only NaN codes; for E8M0 `0xFF`. A format without NaN
    /// (``NaNEncoding/noNaN``) gives a zero of the opposite sign, as ml_dtypes does. (numpy's
    /// float16 cast keeps payload bits instead; compare NaNs by ``classify(_:)``, not by bits.)
    ///
    /// Other rounding modes, saturation and flush-to-zero:
    /// ``encode(_:rounding:overflow:subnormals:index:)``.
    ///
    /// - Returns: the code in the low ``bitWidth`` bits; the bits above are zero.
    public func encode(_ x: Float) -> UInt32 {
        encode(x, rounding: .nearestEven)
    }

    /// The value of a code, exactly, as a `Float`.
    ///
    /// Bits of `code` above ``bitWidth`` are ignored. Every value of a valid format is a
    /// `Float`, so nothing rounds.
    ///
    /// ## Edge cases
    /// - ±0 decode to ±0 (the sign is kept), subnormals to their exact values.
    /// - ±infinity codes (``NaNEncoding/ieee`` formats) decode to ±`Float.infinity`.
    /// - NaN codes decode to a quiet `Float` NaN with the code's sign and the code's
    ///   mantissa in the top fraction bits, as widening conversions in hardware do
    ///   (FP16 `0x7E00` gives `0x7FC00000`; E4M3FN `0xFF` gives `0xFFF00000`).
    public func decode(_ code: UInt32) -> Float {
        let code = code & codeMask
        let sign: UInt32 = code & signBit == 0 ? 0 : 0x8000_0000
        let mantissa = code & mantissaMask
        let magnitude: UInt32
        switch classify(code) {
        case .zero:
            magnitude = 0
        case .infinity:
            magnitude = 0x7F80_0000
        case .nan:
            magnitude = 0x7FC0_0000 | mantissa << UInt32(23 - mantissaBits)
        case .subnormal, .normal:
            let exponentField = Int(code & magnitudeMask) >> mantissaBits
            let normal = exponentField >= lowestNormalField
            let significand = normal ? mantissa | 1 << UInt32(mantissaBits) : mantissa
            magnitude = UInt32(truncatingIfNeeded: packMagnitude(
                significand: UInt64(significand),
                exponent: max(exponentField, lowestNormalField) - bias - mantissaBits,
                bias: 127, mantissaBits: 23))
        }
        return Float(bitPattern: sign | magnitude)
    }

    /// Rounds a `Float` to this format and back: `decode(encode(x))`.
    ///
    /// This is the value a tensor stored in the format would hold. Edge cases are those of
    /// ``encode(_:)``: ±0 keep their sign, overflow follows ``overflow`` (so
    /// `FloatFormat.e4m3fn.round(500)` is NaN and `FloatFormat.fp16.round(70000)` is
    /// infinity), and every NaN comes back as a quiet NaN with its sign.
    public func round(_ x: Float) -> Float {
        decode(encode(x))
    }
}
