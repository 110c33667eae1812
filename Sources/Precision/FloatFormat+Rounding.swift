extension FloatFormat {
    /// Rounds a `Float` into this format by `rounding` and returns its code.
    ///
    /// Rounding happens once, on the exact binary value, with integer arithmetic. With
    /// `.nearestEven`, `.format` and `.keep` this is ``encode(_:)``.
    ///
    /// ```swift
    /// FloatFormat.bf16.encode(1 + 0x1p-9, rounding: .up)          // 0x3F81: 1 + 2^-7
    /// FloatFormat.e4m3fn.encode(1000, rounding: .towardZero)      // 0x7E: 448, not NaN
    /// FloatFormat.fp16.encode(70000, overflow: .saturate)         // 0x7BFF: 65504
    /// FloatFormat.bf16.encode(x, rounding: .stochastic(seed: 1), index: 42)
    /// ```
    ///
    /// ## Overflow
    /// A finite input overflows when the neighbour its mode picks (exponent unbounded) is
    /// beyond ``maxValue``. ``Rounding/towardZero`` never overflows: it gives ±`maxValue`.
    /// ``Rounding/up`` overflows only for positive inputs (−1e9 gives −`maxValue`),
    /// ``Rounding/down`` only for negative ones. An overflow, and a ±infinity input in any
    /// mode, gives what `overflow` says: with ``OverflowPolicy/format`` the format's
    /// ``Overflow`` (±infinity, or NaN for E4M3FN, whose `up` of 1000 is NaN but
    /// `towardZero` of 1000 is 448); with ``OverflowPolicy/saturate`` ±`maxValue`.
    ///
    /// ## Subnormals
    /// With ``SubnormalPolicy/keep`` (the default) subnormal inputs and results are exact
    /// values. With ``SubnormalPolicy/flushToZero`` a subnormal `Float` input is read as a
    /// zero of its sign, and a result that is subnormal in this format (after rounding)
    /// becomes a zero of its sign, whatever the mode.
    ///
    /// ## Signed zero and NaN
    /// Zero results keep the input's sign in every mode. Any NaN gives the canonical quiet
    /// NaN with the input's sign (see ``encode(_:)``; a zero of the opposite sign in a
    /// format without NaN); `overflow` does not apply to NaN.
    ///
    /// ## Formats without a sign or without zero
    /// In E8M0 (no sign bit, no zero) negative inputs and ±0 give NaN in every mode and
    /// under every policy (a flushed subnormal input is a zero, so NaN too), and a positive
    /// value below the smallest value rounds to the smallest value in every mode, as there
    /// is nothing below it.
    ///
    /// - Parameters:
    ///   - x: The value to round.
    ///   - rounding: Which neighbour to pick (see ``Rounding``).
    ///   - overflow: What overflow and ±infinity give.
    ///   - subnormals: Whether subnormal inputs and results are kept or flushed to zero.
    ///   - index: The counter of ``Rounding/stochastic(seed:)``: the position of `x` in its
    ///     tensor. The same seed and index always give the same result; other modes ignore it.
    /// - Returns: The code in the low ``bitWidth`` bits; the bits above are zero.
    public func encode(
        _ x: Float,
        rounding: Rounding,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        index: UInt64 = 0
    ) -> UInt32 {
        let bits = x.bitPattern
        let negative = bits >> 31 != 0
        let sign = negative ? signBit : 0
        let exponentField = Int(bits >> 23 & 0xFF)
        let fraction = bits & 0x7F_FFFF
        if exponentField == 0xFF && fraction != 0 { return nanCode(negative: negative) }
        let isZero = exponentField == 0 && (fraction == 0 || subnormals == .flushToZero)
        if isZero { return hasZero ? sign : nanCode(negative: false) }
        if negative && !hasSign { return nanCode(negative: true) }
        if exponentField == 0xFF { return sign | overflowMagnitude(overflow) }
        let rule = MagnitudeRounding(rounding, negative: negative, index: index, wordBits: stochasticWordBits)
        let magnitude = roundedMagnitude(bits, rule)
        if magnitude > UInt64(maxFiniteMagnitude) {
            return sign | (rule == .towardZero ? maxFiniteMagnitude : overflowMagnitude(overflow))
        }
        if subnormals == .flushToZero && hasZero && magnitude < 1 << UInt64(mantissaBits) { return sign }
        return sign | UInt32(magnitude)
    }

    /// Whether rounding the finite `x` by `rounding` picks a neighbour beyond ``maxValue``:
    /// an overflow, whatever the format or policy then makes of it (±infinity, NaN or
    /// ±`maxValue`).
    ///
    /// ``Rounding/towardZero`` never overflows, nor do ±infinity, NaN, zero and values the
    /// format cannot hold (negative values in E8M0). `FloatFormat.e2m1fn.overflows(7)` is
    /// true (the tie 7 rounds to the would-be 8, then saturates to 6), `overflows(6.5)` false.
    public func overflows(_ x: Float, rounding: Rounding = .nearestEven, index: UInt64 = 0) -> Bool {
        guard x.isFinite, x != 0, hasSign || x > 0 else { return false }
        let rule = MagnitudeRounding(rounding, negative: x < 0, index: index, wordBits: stochasticWordBits)
        return rule != .towardZero && roundedMagnitude(x.bitPattern, rule) > UInt64(maxFiniteMagnitude)
    }

    /// The magnitude code of the finite, nonzero `Float` with these bits, rounded by `rule`
    /// with the exponent unbounded above (so it may exceed ``maxFiniteMagnitude``).
    @inline(__always)
    private func roundedMagnitude(_ bits: UInt32, _ rule: MagnitudeRounding) -> UInt64 {
        let exponentField = Int(bits >> 23 & 0xFF)
        let fraction = bits & 0x7F_FFFF
        let significand = exponentField == 0 ? fraction : fraction | 0x80_0000
        return normalMagnitude(packMagnitude(
            significand: UInt64(significand), exponent: max(exponentField, 1) - 150,
            bias: bias + 1 - lowestNormalField, mantissaBits: mantissaBits, rounding: rule))
    }

    /// `magnitude` as packed for a format without zero, where the field of every binade is
    /// one less than in the IEEE layout `packMagnitude` writes (its bias is one more): one
    /// binade lower, and anything that was subnormal there (below the smallest value, which
    /// now has field 0) becomes the smallest value. Unchanged in formats with zero.
    @inline(__always)
    private func normalMagnitude(_ magnitude: UInt64) -> UInt64 {
        if hasZero { return magnitude }
        let binade = UInt64(1) << UInt64(mantissaBits)
        return magnitude >= binade ? magnitude - binade : 0
    }

    /// Rounds a `Float` into this format by `rounding` and back:
    /// `decode(encode(x, rounding: ..., index: index))`.
    ///
    /// Edge cases are those of ``encode(_:rounding:overflow:subnormals:index:)``:
    /// `FloatFormat.fp16.round(70000, rounding: .towardZero)` is 65504,
    /// `FloatFormat.fp16.round(-70000, rounding: .up)` is −65504, and
    /// `FloatFormat.fp16.round(0x1p-25, rounding: .up, subnormals: .flushToZero)` is 0.
    public func round(
        _ x: Float,
        rounding: Rounding,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        index: UInt64 = 0
    ) -> Float {
        decode(encode(x, rounding: rounding, overflow: overflow, subnormals: subnormals, index: index))
    }

    /// Magnitude of what an overflow in a mode that rounds away from zero, and ±infinity
    /// in any mode, give under `policy`.
    func overflowMagnitude(_ policy: OverflowPolicy) -> UInt32 {
        policy == .saturate ? maxFiniteMagnitude : overflowMagnitude
    }
}
