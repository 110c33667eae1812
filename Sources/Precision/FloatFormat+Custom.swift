extension FloatFormat {
    /// Describes a format after checking that every conversion can honour it.
    ///
    /// The checks, in order (the first failure is thrown):
    /// 1. `exponentBits` in 2...8 and `mantissaBits` in 0...23, so a code fits in 32 bits
    ///    and no format is wider than `Float`.
    /// 2. `hasInfinity` exactly when `nanEncoding == .ieee` (IEEE reserves the top binade;
    ///    `.allOnes` spends it on finite values, `.noNaN` has no special codes), and `.ieee`
    ///    needs `mantissaBits >= 1`.
    /// 3. `overflow == .infinity` only with `hasInfinity`, and `overflow == .nan` only with a
    ///    NaN code (not `.noNaN`).
    /// 4. Without a sign bit, a NaN code (negative inputs give NaN); without zero, no sign
    ///    bit (zero inputs give NaN, and a signed format without zero has no value between
    ///    its smallest positive and negative ones).
    /// 5. Every value fits `Float` exactly: ``maxExponent`` ≤ 127 and the smallest positive
    ///    value ``minSubnormal`` ≥ `2^-149`.
    ///
    /// ```swift
    /// let e3m4 = try FloatFormat.custom(name: "FP8 E3M4", exponentBits: 3, mantissaBits: 4)
    /// let e4m3 = try FloatFormat.custom(name: "MX E4M3", exponentBits: 4, mantissaBits: 3,
    ///                                   hasInfinity: false, nanEncoding: .allOnes, overflow: .saturate)
    /// ```
    ///
    /// - Parameters:
    ///   - name: The display name; not checked.
    ///   - exponentBits: Width of the exponent field, 2...8.
    ///   - mantissaBits: Explicit fraction bits, 0...23.
    ///   - bias: The exponent bias; `nil` means the IEEE bias `2^(exponentBits - 1) - 1`.
    ///   - hasInfinity: Whether ±infinity exist; IEEE by default.
    ///   - nanEncoding: Which codes are NaN; ``NaNEncoding/ieee`` by default.
    ///   - overflow: What rounding past the largest value gives; ±infinity by default.
    ///   - hasSign: Whether codes have a sign bit; true by default.
    ///   - hasZero: Whether exponent field 0 holds zero and the subnormals; true by default.
    /// - Throws: ``FormatError`` naming the first rule broken.
    public static func custom(
        name: String,
        exponentBits: Int,
        mantissaBits: Int,
        bias: Int? = nil,
        hasInfinity: Bool = true,
        nanEncoding: NaNEncoding = .ieee,
        overflow: Overflow = .infinity,
        hasSign: Bool = true,
        hasZero: Bool = true
    ) throws(FormatError) -> FloatFormat {
        guard (2...8).contains(exponentBits) else { throw .exponentBitsOutOfRange(exponentBits) }
        guard (0...23).contains(mantissaBits) else { throw .mantissaBitsOutOfRange(mantissaBits) }
        if hasInfinity && nanEncoding != .ieee { throw .infinityNeedsIEEENaN }
        if !hasInfinity && nanEncoding == .ieee { throw .ieeeNaNNeedsInfinity }
        if nanEncoding == .ieee && mantissaBits == 0 { throw .ieeeNaNNeedsMantissa }
        if overflow == .infinity && !hasInfinity { throw .overflowToMissingInfinity }
        if overflow == .nan && nanEncoding == .noNaN { throw .overflowToMissingNaN }
        if !hasSign && nanEncoding == .noNaN { throw .unsignedNeedsNaN }
        if !hasZero && hasSign { throw .zerolessNeedsUnsigned }
        let format = FloatFormat(
            name: name, exponentBits: exponentBits, mantissaBits: mantissaBits,
            bias: bias ?? (1 << (exponentBits - 1)) - 1, hasInfinity: hasInfinity,
            nanEncoding: nanEncoding, overflow: overflow, hasSign: hasSign, hasZero: hasZero)
        guard format.maxExponent <= 127 else { throw .maxExponentBeyondFloat(format.maxExponent) }
        let smallestExponent = format.smallestValueExponent
        guard smallestExponent >= -149 else { throw .minSubnormalBelowFloat(smallestExponent) }
        return format
    }
}
