/// A block-scaled format: consecutive blocks of `blockSize` elements share one power-of-two
/// scale, stored in `scale` and chosen by `rule`; each element is stored in `element`.
///
/// The OCP Microscaling (MX) v1.0 formats are blocks of 32 with an ``FloatFormat/e8m0``
/// scale: MXFP8 (``FloatFormat/e4m3fn`` or ``FloatFormat/e5m2`` elements), MXFP6
/// (``FloatFormat/e2m3fn``, ``FloatFormat/e3m2fn``) and MXFP4 (``FloatFormat/e2m1fn``).
///
/// ```swift
/// let mxfp4 = BlockFormat.mx(.e2m1fn, rule: .rceil)
/// let stored = mxfp4.quantize(activations)
/// let seen = stored.dequantized()
/// ```
///
/// ## The scale's range
/// The power of two a rule asks for is clamped to the powers of two the scale format holds
/// exactly (`2^-127 … 2^127` for E8M0): a block whose `amax` is too small for the lowest
/// scale keeps its elements small (rounding them toward zero), and one too large for the
/// highest saturates them.
public struct BlockFormat: Hashable, Sendable, CustomStringConvertible {
    /// The format of every element, `x / X` rounded to nearest even and saturated.
    public let element: FloatFormat
    /// Elements per block; the last block of a tensor may be shorter.
    public let blockSize: Int
    /// The format of the shared scale (E8M0 for the MX formats).
    public let scale: FloatFormat
    /// How the scale is chosen from the block's largest magnitude.
    public let rule: ScaleRule

    /// A block format from its parts.
    ///
    /// - Precondition: `blockSize >= 1`; the element format's smallest positive value is at
    ///   least `2^-124` (FP16 and narrower), so that scaling an element by a power of two
    ///   in `Float` never changes how it rounds; the scale format has a NaN code (for blocks
    ///   holding NaN or infinity).
    public init(element: FloatFormat, blockSize: Int = 32, scale: FloatFormat = .e8m0, rule: ScaleRule = .floor) {
        precondition(blockSize >= 1, "blockSize is \(blockSize); a block holds at least one element")
        precondition(element.minSubnormal >= 0x1p-124,
                     "\(element) reaches below 2^-124; block elements must be FP16 or narrower")
        precondition(scale.nanEncoding != .noNaN, "the scale format \(scale) needs a NaN code")
        self.element = element
        self.blockSize = blockSize
        self.scale = scale
        self.rule = rule
    }

    /// The OCP MX format with `element`s: blocks of 32 sharing an E8M0 scale.
    public static func mx(_ element: FloatFormat, rule: ScaleRule = .floor) -> BlockFormat {
        BlockFormat(element: element, blockSize: 32, scale: .e8m0, rule: rule)
    }

    /// "E2M1FN ×32, E8M0 scale (floor)"-style summary.
    public var description: String {
        "\(element.name) ×\(blockSize), \(scale.name) scale (\(rule))"
    }

    /// The code of the scale of a block whose largest magnitude is `amax`.
    ///
    /// ## Edge cases
    /// - `amax == 0` (a block of zeros): code 0 (`2^-127` for E8M0), whatever the rule.
    /// - `amax` NaN or infinite (the block holds a NaN or an infinity): the scale format's
    ///   NaN (255 for E8M0), so every element of the block dequantizes to NaN.
    /// - Otherwise `2^k` for the rule's `k`, clamped to the scale format's powers of two.
    ///
    /// torchao gives an infinite `amax` code `255 − emax` (floor) or 254 (rceil), not NaN;
    /// see ``ScaleRule`` for where else it departs.
    public func scaleCode(amax: Float) -> UInt32 {
        if amax.isNaN || amax.isInfinite { return scale.encode(.nan) }
        if amax == 0 { return 0 }
        let lowest = Int(scale.minSubnormal.exponent), highest = scale.maxExponent
        let k = min(max(rule.exponent(amax: amax, element: element), lowest), highest)
        return scale.encode(Float(sign: .plus, exponent: k, significand: 1))
    }

    /// `values` quantized block by block: see ``BlockScaledTensor/init(quantizing:as:)``.
    public func quantize(_ values: [Float]) -> BlockScaledTensor {
        BlockScaledTensor(quantizing: values, as: self)
    }
}
