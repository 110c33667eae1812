// Internal bit-level layout of a format, and the one packing routine both conversion
// directions share.

extension FloatFormat {
    /// Position of the sign bit (`exponentBits + mantissaBits`), just above the magnitude.
    @inline(__always) var signShift: Int { exponentBits + mantissaBits }

    /// The sign bit of a code; 0 in a format without one, so that `sign | magnitude` and
    /// `code & signBit` need no special case.
    @inline(__always) var signBit: UInt32 { hasSign ? 1 << UInt32(signShift) : 0 }

    /// All bits of a code: the low `bitWidth` bits.
    @inline(__always) var codeMask: UInt32 { UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bitWidth)) - 1) }

    /// Exponent and mantissa bits of a code.
    @inline(__always) var magnitudeMask: UInt32 { (1 << UInt32(signShift)) - 1 }

    /// The lowest exponent field of a normal number: 1, or 0 in a format without zero.
    @inline(__always) var lowestNormalField: Int { hasZero ? 1 : 0 }

    /// The mantissa field of a code.
    @inline(__always) var mantissaMask: UInt32 { (1 << UInt32(mantissaBits)) - 1 }

    /// The all-ones exponent field.
    @inline(__always) var exponentFieldMax: UInt32 { (1 << UInt32(exponentBits)) - 1 }

    /// Magnitude (code without sign) of the largest finite value.
    @inline(__always) var maxFiniteMagnitude: UInt32 {
        switch nanEncoding {
        case .ieee: (exponentFieldMax << UInt32(mantissaBits)) - 1
        case .allOnes: magnitudeMask - 1
        case .noNaN: magnitudeMask
        }
    }

    /// Magnitude of infinity: exponent all ones, mantissa zero.
    @inline(__always) var infinityMagnitude: UInt32 { exponentFieldMax << UInt32(mantissaBits) }

    /// Magnitude of the canonical quiet NaN (0 for ``NaNEncoding/noNaN``, which has none;
    /// only an invalid description reaches it there).
    @inline(__always) var nanMagnitude: UInt32 {
        switch nanEncoding {
        case .ieee: infinityMagnitude | (1 << UInt32(max(mantissaBits - 1, 0)))
        case .allOnes: magnitudeMask
        case .noNaN: 0
        }
    }

    /// The code a NaN input of this sign gives: the canonical quiet NaN with that sign, or,
    /// in a format without NaN, a zero of the opposite sign (ml_dtypes' rule; see
    /// ``NaNEncoding/noNaN``).
    @inline(__always) func nanCode(negative: Bool) -> UInt32 {
        switch nanEncoding {
        case .ieee, .allOnes: (negative ? signBit : 0) | nanMagnitude
        case .noNaN: negative ? 0 : signBit
        }
    }

    /// The `Float` bits a positive NaN rounds to: the canonical quiet NaN's, or −0's in a
    /// format without NaN. A negative NaN gives these bits with the sign bit flipped.
    var nanResultBits: UInt32 { decode(nanCode(negative: false)).bitPattern }

    /// Magnitude that round-to-nearest produces past `maxValue` (and for ±infinity).
    @inline(__always) var overflowMagnitude: UInt32 {
        switch overflow {
        case .infinity: hasInfinity ? infinityMagnitude : nanMagnitude
        case .nan: nanMagnitude
        case .saturate: maxFiniteMagnitude
        }
    }
}

/// Packs the positive value `significand × 2^exponent` into the magnitude bits of a binary
/// format with the given bias and fraction width, rounding the magnitude by `rounding`
/// (nearest, ties to even, unless told otherwise).
///
/// The exponent range is unbounded above: a result greater than the format's largest
/// finite magnitude is an overflow for the caller to handle. Below, the format's
/// subnormals are honoured, and rounding up out of the subnormals (or out of any binade)
/// carries into the exponent field by plain integer addition.
///
/// - Precondition: `significand` is nonzero and below 2^62.
@inline(__always)
func packMagnitude(
    significand: UInt64, exponent: Int, bias: Int, mantissaBits: Int,
    rounding: MagnitudeRounding = .nearestEven
) -> UInt64 {
    let unbiased = (63 - significand.leadingZeroBitCount) + exponent
    let binade = max(unbiased, 1 - bias)  // subnormals share the smallest normal binade's quantum
    let drop = binade - mantissaBits - exponent
    let scaled = drop <= 0
        ? significand << UInt64(-drop)
        : rounding.round(significand, droppingLowBits: drop)
    // Exponent field (binade + bias) times 2^m, plus the significand without its leading
    // bit; written as (field - 1) · 2^m + scaled, a significand that rounded up to 2^(m+1)
    // (or a subnormal that rounded up to 2^m) carries into the exponent field.
    return (UInt64(binade + bias - 1) << UInt64(mantissaBits)) + scaled
}
