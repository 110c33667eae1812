/// A buffer of `Float`s stored in a ``BlockFormat``: one scale code per block of
/// consecutive elements, and each element as a value of the element format.
///
/// Block `b` holds elements `b · blockSize ..< min((b + 1) · blockSize, count)`, so the last
/// block may be shorter. Element `i` of block `b` represents `elements[i] · X_b`, where
/// `X_b = scale.decode(scaleCodes[b])`.
///
/// `Equatable` compares the format, the scale codes and the elements bit for bit (NaN
/// elements included, by bits).
public struct BlockScaledTensor: Hashable, Sendable {
    /// How the values are stored.
    public let format: BlockFormat
    /// The scale code of each block, in the scale format (E8M0: biased exponent, 255 NaN).
    public let scaleCodes: [UInt32]
    /// Each element divided by its block's scale, rounded to nearest even into the element
    /// format and saturated to ±max: exactly a value of the element format.
    public let elements: [Float]

    /// The number of values.
    public var count: Int { elements.count }

    /// The number of blocks, `⌈count / blockSize⌉`.
    public var blockCount: Int { scaleCodes.count }

    /// Quantizes `values` in consecutive blocks of `format.blockSize`.
    ///
    /// For each block: `amax` is its largest magnitude, the scale `X` is
    /// ``BlockFormat/scaleCode(amax:)``'s, and each element is `x / X` rounded to nearest,
    /// ties to even, into the element format, saturating to ±max (OCP MX v1.0 §6.3). `x / X`
    /// is exact in `Float` (X is a power of two) except when it falls below `2^-126`, far
    /// below half the element format's smallest value, where it rounds to ±0 either way.
    ///
    /// ## Edge cases
    /// - A block of zeros gets scale code 0 and zero elements (signs kept).
    /// - A block holding a NaN or an infinity gets the scale format's NaN; its elements are
    ///   whatever the element format makes of a NaN, and they all dequantize to NaN.
    public init(quantizing values: [Float], as format: BlockFormat) {
        let size = format.blockSize
        let blocks = (values.count + size - 1) / size
        var codes: [UInt32] = []
        codes.reserveCapacity(blocks)
        var scaled = values
        scaled.withUnsafeMutableBufferPointer { scaled in
            for b in 0..<blocks {
                let range = b * size ..< min((b + 1) * size, scaled.count)
                let code = format.scaleCode(amax: LargestMagnitude(scaled[range]).orNaN)
                codes.append(code)
                // X is a power of two (or NaN), so x · (1/X) is x / X, bit for bit.
                let reciprocal = 1 / format.scale.decode(code)
                for i in range { scaled[i] *= reciprocal }
            }
        }
        format.element.round(&scaled, rounding: .nearestEven, overflow: .saturate)
        self.format = format
        self.scaleCodes = codes
        self.elements = scaled
    }

    /// The scale of block `block`, `2^k` (or NaN).
    public func scale(ofBlock block: Int) -> Float {
        format.scale.decode(scaleCodes[block])
    }

    /// The values this tensor represents: each element times its block's scale.
    ///
    /// Exact in `Float` whenever the element format's smallest value times the smallest
    /// scale is at least `2^-149` (every MX format: E2M1's 0.5 · 2^-127 is), since the
    /// product is a short value times a power of two; otherwise the tiniest products round
    /// as `Float` multiplication does. A product beyond `Float`'s range becomes ±infinity:
    /// possible only with ``ScaleRule/rceil`` when `amax` is within a factor of two of
    /// `Float`'s largest value.
    public func dequantized() -> [Float] {
        let size = format.blockSize
        var values = elements
        values.withUnsafeMutableBufferPointer { values in
            for b in 0..<blockCount {
                let x = scale(ofBlock: b)
                for i in b * size ..< min((b + 1) * size, values.count) { values[i] *= x }
            }
        }
        return values
    }

    /// Equal when the formats are equal and the scale codes and elements are equal bit for bit.
    public static func == (a: BlockScaledTensor, b: BlockScaledTensor) -> Bool {
        a.format == b.format && a.scaleCodes == b.scaleCodes
            && a.elements.map(\.bitPattern) == b.elements.map(\.bitPattern)
    }

    /// Hashes what ``==(_:_:)`` compares: the format, the scale codes and the elements' bits.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(format)
        hasher.combine(scaleCodes)
        hasher.combine(elements.map(\.bitPattern))
    }
}
