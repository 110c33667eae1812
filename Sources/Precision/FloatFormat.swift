/// A binary floating-point format narrower than or equal to `Float`, described as data.
///
/// A format is a sign bit, `exponentBits` of biased exponent and `mantissaBits` of explicit
/// fraction, plus the decisions IEEE 754 leaves to each format: which codes are NaN
/// (``NaNEncoding``) and what round-to-nearest does past the largest finite value
/// (``Overflow``). Two layouts beyond IEEE's are described by flags: a format without a
/// sign bit (``hasSign``) and one whose lowest exponent field is an ordinary binade instead
/// of zero and the subnormals (``hasZero``); both are needed for the OCP microscaling scale
/// format ``e8m0``. Everything else — the largest value, machine epsilon, how a `Float`
/// rounds into the format — is computed from those fields.
///
/// Codes are unsigned integers holding the format's bits in the low ``bitWidth`` bits of a
/// `UInt32` (TF32's 19 bits included). Every value of every format this type can describe
/// is exactly a `Float`, so ``decode(_:)`` never rounds and ``encode(_:)`` rounds once.
///
/// ```swift
/// let code = FloatFormat.bf16.encode(1.0 / 3.0)   // 0x3EAB
/// FloatFormat.bf16.decode(code)                   // 0.333984375
/// FloatFormat.e4m3fn.round(500)                   // .nan: E4M3FN has no infinity
/// ```
///
/// The standard formats are ``fp32``, ``tf32``, ``bf16``, ``fp16``, ``e4m3fn`` and ``e5m2``
/// (listed in ``all``); the OCP microscaling formats ``e2m3fn``, ``e3m2fn``, ``e2m1fn`` and
/// ``e8m0`` are listed in ``microscaling``. Both are looked up by CLI name with
/// ``named(_:)``. Describe another format with
/// ``custom(name:exponentBits:mantissaBits:bias:hasInfinity:nanEncoding:overflow:hasSign:hasZero:)``,
/// which validates the description.
///
/// ``encode(_:)`` rounds to nearest, ties to even; every other ``Rounding`` mode, saturation
/// and flush-to-zero are in ``encode(_:rounding:overflow:subnormals:index:)``. Whole buffers
/// are rounded fast, bit for bit the same, by ``round(_:into:rounding:overflow:subnormals:startIndex:threads:kernels:)``.
///
/// ## Equality
/// Two formats are equal when every stored field is equal, the ``name`` included: a format
/// with FP16's layout named "half" is a different value from ``fp16``.
public struct FloatFormat: Hashable, Sendable, CustomStringConvertible {
    /// Which codes are NaN.
    public enum NaNEncoding: Hashable, Sendable, Codable {
        /// IEEE 754: the all-ones exponent is reserved; with a zero mantissa it is ±infinity,
        /// with any other mantissa it is NaN. FP32, TF32, BF16, FP16 and FP8 E5M2.
        case ieee
        /// Only the all-ones magnitude (`S.1111.111` for E4M3FN) is NaN; the rest of the top
        /// binade holds finite values and there is no infinity. The "FN" in E4M3FN. E8M0,
        /// which has no sign bit, has exactly one NaN code: `0xFF`.
        case allOnes
        /// No code is NaN: every code is a finite value (the FP6 and FP4 formats of OCP MX
        /// v1.0, "finite, no NaN"). Overflow must saturate.
        ///
        /// ## NaN inputs
        /// A NaN has nowhere to go. OCP MX v1.0 leaves the conversion implementation-defined;
        /// these formats follow ml_dtypes (`float6_e2m3fn`, `float6_e3m2fn`,
        /// `float4_e2m1fn`), whose casts give a zero of the *opposite* sign: +NaN becomes −0
        /// and −NaN becomes +0, for any payload. (ml_dtypes stands −0 in for these types'
        /// missing NaN, and negates it for a negative NaN.)
        case noNaN
    }

    /// What rounding to nearest produces for a value past the largest finite one.
    ///
    /// "Past" means the value rounds (ties to even, exponent unbounded) to something
    /// greater in magnitude than ``FloatFormat/maxValue``; a value that rounds down to
    /// `maxValue` is not an overflow. ±infinity inputs are treated as overflowing values.
    public enum Overflow: Hashable, Sendable, Codable {
        /// ±infinity, as IEEE 754 prescribes. Requires ``FloatFormat/hasInfinity``.
        case infinity
        /// NaN with the input's sign, as ml_dtypes' `float8_e4m3fn` does. Requires a NaN
        /// code (not ``NaNEncoding/noNaN``).
        case nan
        /// ±``FloatFormat/maxValue`` (clamping; NVIDIA's "satfinite" conversions, and the
        /// OCP MX FP6 and FP4 formats). NaN inputs still give NaN (see
        /// ``NaNEncoding/noNaN`` for formats without one).
        case saturate
    }

    /// The display name: "FP32", "TF32", "BF16", "FP16", "FP8 E4M3FN", "FP8 E5M2", "FP6 E2M3FN",
    /// "FP6 E3M2FN", "FP4 E2M1FN", "E8M0".
    public let name: String
    /// Width of the biased exponent field.
    public let exponentBits: Int
    /// Number of explicit fraction bits (the leading 1 of normal numbers is implicit).
    public let mantissaBits: Int
    /// The exponent bias: a normal number with exponent field `e` is `1.f × 2^(e - bias)`.
    public let bias: Int
    /// Whether codes have a sign bit (their top bit). Without one (``e8m0``) every value is
    /// positive and a negative input gives NaN.
    public let hasSign: Bool
    /// Whether exponent field 0 holds zero and the subnormals, as in IEEE 754. Without zero
    /// (``e8m0``) exponent field 0 is an ordinary binade of normal numbers, `1.f × 2^(-bias)`,
    /// there are no subnormals, and a zero input gives NaN.
    public let hasZero: Bool
    /// Whether the format has ±infinity (exponent all ones, mantissa zero).
    public let hasInfinity: Bool
    /// Which codes are NaN.
    public let nanEncoding: NaNEncoding
    /// What round-to-nearest does past the largest finite value.
    public let overflow: Overflow

    /// Describes a format from its fields, without checking them.
    ///
    /// Use this for formats you know to be sensible (the standard ones are built with it).
    /// For anything read from a user, call ``custom(name:exponentBits:mantissaBits:bias:hasInfinity:nanEncoding:overflow:hasSign:hasZero:)``,
    /// which throws a ``FormatError`` for descriptions the conversions cannot honour.
    ///
    /// ## Invalid descriptions
    /// The conversions of a description that `custom` would reject are unspecified: they
    /// return some code or value, or trap on arithmetic overflow, but never touch memory
    /// they should not.
    public init(
        name: String,
        exponentBits: Int,
        mantissaBits: Int,
        bias: Int,
        hasInfinity: Bool,
        nanEncoding: NaNEncoding,
        overflow: Overflow,
        hasSign: Bool = true,
        hasZero: Bool = true
    ) {
        self.name = name
        self.exponentBits = exponentBits
        self.mantissaBits = mantissaBits
        self.bias = bias
        self.hasInfinity = hasInfinity
        self.nanEncoding = nanEncoding
        self.overflow = overflow
        self.hasSign = hasSign
        self.hasZero = hasZero
    }

    /// The ``name``, e.g. "FP8 E4M3FN".
    public var description: String { name }

    /// Total width of a code: `1 + exponentBits + mantissaBits` (19 for TF32, 6 for FP6), or
    /// `exponentBits + mantissaBits` without a sign bit (8 for E8M0).
    public var bitWidth: Int { (hasSign ? 1 : 0) + exponentBits + mantissaBits }

    /// The number of distinct codes, `2^bitWidth` (65536 for FP16, 2^32 for FP32, 16 for FP4).
    ///
    /// Counts every code, NaNs and both zeros included.
    public var codeCount: Int { 1 << bitWidth }
}
