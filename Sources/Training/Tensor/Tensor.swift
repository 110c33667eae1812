import Precision

/// A dense, row-major array of `Float`s with a shape and a logical storage format.
///
/// Values are always held as `Float`s, but a tensor whose `format` is ``FloatFormat/fp16``
/// holds only values FP16 can represent: whoever produces it rounds into the format (the
/// tape does this for every op's output). Memory accounting counts `format`'s width, not
/// four bytes, so a tensor's ``storageBytes`` is what a real low-precision framework would
/// hold.
///
/// `Equatable` compares shapes, formats and scalars bit for bit in the IEEE sense: `NaN`
/// differs from itself, and `-0 == 0`.
public struct Tensor: Equatable, Sendable {
    /// The size of each axis, outermost first. A scalar has shape `[]`.
    public var shape: [Int]
    /// The elements in row-major order; `scalars.count` is the product of `shape`.
    public var scalars: [Float]
    /// The format every element is representable in.
    public var format: FloatFormat

    /// A tensor with the given shape and elements.
    ///
    /// - Precondition: `scalars.count` is the product of `shape`. The scalars are taken as
    ///   they are: call ``rounded(to:)`` to bring them into a narrower `format`.
    public init(shape: [Int], scalars: [Float], format: FloatFormat = .fp32) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "\(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
        self.format = format
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float, format: FloatFormat = .fp32) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)), format: format)
    }

    /// A scalar (shape `[]`).
    public init(scalar: Float, format: FloatFormat = .fp32) {
        self.init(shape: [], scalars: [scalar], format: format)
    }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The bytes this tensor occupies in its storage format: `count × format.bitWidth / 8`,
    /// rounded up to whole bytes (TF32's 19 bits are stored in 4 bytes, as on hardware).
    public var storageBytes: Int { count * format.storageBytesPerElement }

    /// The only element of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "tensor of shape \(shape) is not a scalar")
        return scalars[0]
    }

    /// Whether every element is finite (neither ±infinity nor NaN).
    public var isFinite: Bool {
        // Branch-free so that it vectorises: an element is not finite exactly when its
        // exponent field is all ones, and adding one to that field carries into bit 31.
        scalars.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt32.self) { bits in
                var carried: UInt32 = 0
                for word in bits { carried |= (word & 0x7f80_0000) &+ 0x0080_0000 }
                return carried & 0x8000_0000 == 0
            }
        }
    }

    /// This tensor rounded into `format` (to nearest, ties to even; overflow as the format
    /// defines it), carrying `format` as its storage format. Rounding to FP32 returns the
    /// values unchanged.
    public func rounded(to format: FloatFormat) -> Tensor {
        var copy = self
        copy.round(to: format)
        return copy
    }

    /// Rounds this tensor into `format` in place; see ``rounded(to:)``.
    public mutating func round(to format: FloatFormat) {
        if format != .fp32 { format.round(&scalars) }
        self.format = format
    }

    /// The same elements under a new shape with the same number of elements.
    public func reshaped(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: scalars, format: format)
    }
}

extension FloatFormat {
    /// Bytes one element occupies in memory: the bit width rounded up to 1, 2 or 4 bytes.
    public var storageBytesPerElement: Int {
        switch bitWidth {
        case ...8: 1
        case ...16: 2
        default: 4
        }
    }
}
