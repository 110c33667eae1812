/// Why ``FloatFormat/custom(name:exponentBits:mantissaBits:bias:hasInfinity:nanEncoding:overflow:hasSign:hasZero:)``
/// rejected a description.
///
/// Compare with the static members (`error == .exponentBitsOutOfRange(9)`), or print it:
/// ``description`` says what was wrong and what would be accepted.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Reason: Hashable, Sendable {
        case exponentBits(Int)
        case mantissaBits(Int)
        case infinityNeedsIEEENaN
        case ieeeNaNNeedsInfinity
        case ieeeNaNNeedsMantissa
        case overflowToMissingInfinity
        case overflowToMissingNaN
        case unsignedNeedsNaN
        case zerolessNeedsUnsigned
        case maxExponentBeyondFloat(Int)
        case minSubnormalBelowFloat(Int)
    }

    let reason: Reason

    init(_ reason: Reason) {
        self.reason = reason
    }

    /// `exponentBits` is outside 2...8 (fewer than 2 leaves no normal binade; more than 8
    /// exceeds `Float`'s range).
    public static func exponentBitsOutOfRange(_ bits: Int) -> FormatError { FormatError(.exponentBits(bits)) }

    /// `mantissaBits` is outside 0...23 (more than 23 exceeds `Float`'s precision).
    public static func mantissaBitsOutOfRange(_ bits: Int) -> FormatError { FormatError(.mantissaBits(bits)) }

    /// `hasInfinity` without ``FloatFormat/NaNEncoding/ieee``: with
    /// ``FloatFormat/NaNEncoding/allOnes`` or ``FloatFormat/NaNEncoding/noNaN`` the all-ones
    /// exponent holds finite values, so there is no code left for infinity.
    public static let infinityNeedsIEEENaN = FormatError(.infinityNeedsIEEENaN)

    /// ``FloatFormat/NaNEncoding/ieee`` without `hasInfinity`: IEEE encoding reserves the
    /// all-ones exponent with a zero mantissa for infinity.
    public static let ieeeNaNNeedsInfinity = FormatError(.ieeeNaNNeedsInfinity)

    /// ``FloatFormat/NaNEncoding/ieee`` with `mantissaBits == 0`: no code would be a NaN.
    public static let ieeeNaNNeedsMantissa = FormatError(.ieeeNaNNeedsMantissa)

    /// ``FloatFormat/Overflow/infinity`` for a format without infinity.
    public static let overflowToMissingInfinity = FormatError(.overflowToMissingInfinity)

    /// ``FloatFormat/Overflow/nan`` with ``FloatFormat/NaNEncoding/noNaN``: there is no NaN
    /// to overflow to.
    public static let overflowToMissingNaN = FormatError(.overflowToMissingNaN)

    /// `hasSign: false` with ``FloatFormat/NaNEncoding/noNaN``: negative inputs give NaN in
    /// a format without a sign bit, so it needs a NaN code.
    public static let unsignedNeedsNaN = FormatError(.unsignedNeedsNaN)

    /// `hasZero: false` with `hasSign: true`: a format without zero must be unsigned (its
    /// zero inputs give NaN, and signed values would have no neighbour across zero).
    public static let zerolessNeedsUnsigned = FormatError(.zerolessNeedsUnsigned)

    /// The largest finite value, `~2^exponent`, is beyond `Float`'s (`exponent > 127`).
    public static func maxExponentBeyondFloat(_ exponent: Int) -> FormatError {
        FormatError(.maxExponentBeyondFloat(exponent))
    }

    /// The smallest positive value (a subnormal, or the smallest normal in a format without
    /// zero), `2^exponent`, is below `Float`'s `2^-149`, so `Float` cannot
    /// hold every value exactly.
    public static func minSubnormalBelowFloat(_ exponent: Int) -> FormatError {
        FormatError(.minSubnormalBelowFloat(exponent))
    }

    /// What was wrong and what would be accepted.
    public var description: String {
        switch reason {
        case .exponentBits(let bits):
            "exponentBits is \(bits); it must be between 2 and 8"
        case .mantissaBits(let bits):
            "mantissaBits is \(bits); it must be between 0 and 23"
        case .infinityNeedsIEEENaN:
            "hasInfinity needs nanEncoding .ieee: with .allOnes or .noNaN the top binade is finite and there is no infinity code"
        case .ieeeNaNNeedsInfinity:
            "nanEncoding .ieee reserves exponent all ones, mantissa zero for infinity: pass hasInfinity: true, or use .allOnes"
        case .ieeeNaNNeedsMantissa:
            "nanEncoding .ieee needs mantissaBits >= 1 to have a NaN code; use .allOnes for mantissaBits 0"
        case .overflowToMissingInfinity:
            "overflow .infinity needs hasInfinity; use .nan or .saturate"
        case .overflowToMissingNaN:
            "overflow .nan needs a NaN code, and nanEncoding .noNaN has none; use .saturate"
        case .unsignedNeedsNaN:
            "hasSign false needs a NaN code for negative inputs; use nanEncoding .allOnes or .ieee"
        case .zerolessNeedsUnsigned:
            "hasZero false needs hasSign false: a format without zero gives NaN for zero and must be unsigned"
        case .maxExponentBeyondFloat(let exponent):
            "the largest value is about 2^\(exponent), beyond Float's 2^127 binade; increase bias by at least \(exponent - 127)"
        case .minSubnormalBelowFloat(let exponent):
            "the smallest positive value is 2^\(exponent), below Float's 2^-149; decrease bias by at least \(-149 - exponent)"
        }
    }
}
