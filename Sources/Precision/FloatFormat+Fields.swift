extension FloatFormat {
    /// The kind of value a code holds.
    public enum Category: Hashable, Sendable, CaseIterable {
        /// +0 or −0: exponent and mantissa fields both zero.
        case zero
        /// Exponent field zero, mantissa nonzero: `0.f × 2^(1 - bias)`.
        case subnormal
        /// A finite value with an implicit leading 1, E4M3FN's top binade included, and
        /// every non-NaN code of a format without zero (E8M0's code 0 is `2^-127`).
        case normal
        /// ±infinity (only in formats with ``FloatFormat/hasInfinity``).
        case infinity
        /// Not a number.
        case nan
    }

    /// What kind of value `code` holds. Bits above ``bitWidth`` are ignored.
    ///
    /// ## Edge cases
    /// - Both zeros are ``Category/zero``; use ``fields(_:)`` for the sign.
    /// - In E4M3FN, `S.1111.000`…`S.1111.110` (256…448) are ``Category/normal``; only
    ///   `S.1111.111` is ``Category/nan``.
    /// - With `mantissaBits == 0` there are no subnormals: exponent field 0 is zero.
    /// - Without zero (``hasZero`` false, E8M0) exponent field 0 is ``Category/normal`` too.
    /// - Without NaN (``NaNEncoding/noNaN``: E2M3FN, E3M2FN, E2M1FN) no code is
    ///   ``Category/nan`` and there is no ``Category/infinity``.
    public func classify(_ code: UInt32) -> Category {
        let magnitude = code & magnitudeMask
        let exponentField = magnitude >> UInt32(mantissaBits)
        let mantissa = magnitude & mantissaMask
        switch nanEncoding {
        case .ieee where exponentField == exponentFieldMax:
            return mantissa == 0 ? .infinity : .nan
        case .allOnes where magnitude == magnitudeMask:
            return .nan
        default:
            if exponentField != 0 || !hasZero { return .normal }
            return mantissa == 0 ? .zero : .subnormal
        }
    }

    /// The raw fields of `code`: sign bit, biased exponent field, mantissa field.
    ///
    /// No interpretation is applied: the exponent is biased and the implicit bit is not
    /// included. Bits above ``bitWidth`` are ignored. For FP16 `0x7BFF` (65504) this is
    /// `(0, 30, 1023)`. A format without a sign bit (E8M0) reports sign 0.
    public func fields(_ code: UInt32) -> (sign: UInt32, exponent: UInt32, mantissa: UInt32) {
        let code = code & codeMask
        return (
            sign: hasSign ? code >> UInt32(signShift) : 0,
            exponent: code >> UInt32(mantissaBits) & exponentFieldMax,
            mantissa: code & mantissaMask
        )
    }

    /// The bits of `code` as sign, exponent and mantissa groups separated by single spaces.
    ///
    /// FP16 `0x7BFF` (65504) is `"0 11110 1111111111"`; E4M3FN `0x7F` (NaN) is
    /// `"0 1111 111"`. Leading zeros are kept, so every string of a format has the same
    /// length. With `mantissaBits == 0` the mantissa group and its space are omitted, and
    /// so is the sign group in a format without a sign bit: E8M0 `0x7F` (1) is `"01111111"`.
    /// Bits above ``bitWidth`` are ignored.
    public func bitString(_ code: UInt32) -> String {
        let (sign, exponent, mantissa) = fields(code)
        var groups = hasSign ? [binary(sign, width: 1)] : []
        groups.append(binary(exponent, width: exponentBits))
        if mantissaBits > 0 { groups.append(binary(mantissa, width: mantissaBits)) }
        return groups.joined(separator: " ")
    }
}

/// `value` in binary, zero-padded to `width` digits.
private func binary(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 2)
    return String(repeating: "0", count: max(width - digits.count, 0)) + digits
}
