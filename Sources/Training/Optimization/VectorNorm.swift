import Foundation
import Precision

/// `torch.linalg.vector_norm` of a contiguous CPU tensor, with the accumulation order of
/// torch 2.13's kernels (x86-64, AVX2 build, one thread), so clipping sees PyTorch's norms
/// bit for bit.
///
/// Sums accumulate in `Float` and the result is rounded into the tensor's format once, at
/// the end: an FP16 gradient of [30000, 40000] has 2-norm 49984 (FP16's 50000), not
/// infinity, but one of [60000, 60000] has 2-norm 84853 → +infinity.
///
/// The 2-norm (``two(_:format:)``) has PyTorch's vectorised kernels:
/// - FP32: eight lanes, each adding `x × x` rounded (no fused multiply-add) for every
///   block of eight elements; the lanes are then summed left to right; then the last
///   `count % 8` elements are added one at a time: those in a group of four as `x × x`
///   rounded, the remaining `count % 4` fused (`fma(x, x, sum)`). That mix is what GCC
///   made of the scalar tail loop.
/// - BF16: the same lanes over blocks of sixteen (two halves of eight per block), then the
///   tail. A BF16 element's square is exact in `Float`, so fusing makes no difference.
/// - FP16 and every other format: one running sum, element after element (the generic
///   reduction). Squares of FP16 elements are exact in `Float` too.
///
/// Every other order runs PyTorch's generic reduction in every format: one running `Float`
/// sum, element after element. The 1-norm sums `|x|`; the ∞-norm is the largest magnitude;
/// any other order p sums `pow(|x|, p)` and returns `pow(sum, 1 / p)`, with `1 / p` rounded
/// to `Float` and `pow` the C library's `powf`, which PyTorch's kernel calls too
/// (`std::pow` on `float`). With the same C library (glibc on Linux) those norms are
/// PyTorch's bits; another library's `powf` may round differently in the last place.
///
/// ## One element
/// `linalg_vector_norm` skips the reduction for a tensor of one element and returns `|x|`.
/// ``norm(_:format:type:)`` does the same for the p-norms of ``ClipNorm/Kernel/power(_:)``,
/// where `pow(pow(|x|, p), 1 / p)` could differ from `|x|`; the 1- and ∞-norms give `|x|`
/// either way. The 2-norm keeps its sum of squares, √(x²), which is `|x|` unless `x²`
/// overflows or is subnormal in `Float` (|x| ≳ 1.8e19 or |x| < 2⁻⁶³): there it differs from
/// PyTorch's `|x|`.
///
/// ## Range
/// The p-th powers are not rescaled: a sum beyond `Float`'s range is +infinity (a 3-norm
/// of elements near 7e12) and powers below its subnormals are 0, as in PyTorch.
enum TorchVectorNorm {
    /// The 2-norm of `values`, a tensor stored in `format`, rounded into `format`.
    ///
    /// NaN anywhere gives NaN; an infinity (and no NaN) gives +infinity; 0 elements give 0.
    static func two(_ values: UnsafeBufferPointer<Float>, format: FloatFormat) -> Float {
        let sum: Float = switch format {
        case .fp32: laneSumOfSquares(values, block: 8)
        case .bf16: laneSumOfSquares(values, block: 16)
        default: values.reduce(0) { $0 + $1 * $1 }
        }
        return rounded(sum.squareRoot(), into: format)
    }

    /// The 1-norm of `values`, a tensor stored in `format`, rounded into `format`.
    ///
    /// NaN anywhere gives NaN; an infinity (and no NaN) gives +infinity; 0 elements give 0.
    static func one(_ values: UnsafeBufferPointer<Float>, format: FloatFormat) -> Float {
        rounded(values.reduce(0) { $0 + $1.magnitude }, into: format)
    }

    /// The p-norm `pow(Σ pow(|x|, p), 1 / p)` of `values`, a tensor stored in `format`,
    /// rounded into `format` (PyTorch's `NormOps`).
    ///
    /// NaN anywhere gives NaN; an infinity (and no NaN) gives +infinity; 0 elements give 0.
    static func power(_ values: UnsafeBufferPointer<Float>, order: Float, format: FloatFormat) -> Float {
        let sum = values.reduce(0) { $0 + pow($1.magnitude, order) }
        return rounded(pow(sum, 1 / order), into: format)
    }

    /// The ∞-norm: the largest magnitude, NaN if any element is NaN, 0 for no elements.
    /// Exact in every format (it is one of the elements' magnitudes).
    static func infinity(_ values: UnsafeBufferPointer<Float>) -> Float {
        var largest: Float = 0
        for value in values {
            if value.isNaN { return .nan }
            largest = max(largest, value.magnitude)
        }
        return largest
    }

    /// The norm of `values` stored in `format`; for a p-norm of one element, its magnitude
    /// (see "One element" above).
    static func norm(_ values: UnsafeBufferPointer<Float>, format: FloatFormat, type: ClipNorm) -> Float {
        switch type.kernel {
        case .one: one(values, format: format)
        case .two: two(values, format: format)
        case .infinity: infinity(values)
        case .power(let order): values.count == 1 ? values[0].magnitude : power(values, order: order, format: format)
        }
    }

    /// `value`, computed in `Float`, rounded into `format` as PyTorch converts a result.
    private static func rounded(_ value: Float, into format: FloatFormat) -> Float {
        format == .fp32 ? value : format.round(value)
    }

    /// The FP32/BF16 vectorised kernel: lanes over whole blocks, lanes summed, then the tail.
    private static func laneSumOfSquares(_ values: UnsafeBufferPointer<Float>, block: Int) -> Float {
        let count = values.count
        let blocked = count - count % block
        var lanes = SIMD8<Float>()
        var index = 0
        while index < blocked {
            for half in stride(from: 0, to: block, by: 8) {
                var chunk = SIMD8<Float>()
                for lane in 0..<8 { chunk[lane] = values[index + half + lane] }
                lanes += chunk * chunk
            }
            index += block
        }
        var sum = lanes[0]
        for lane in 1..<8 { sum = sum + lanes[lane] }
        let tail = count - blocked
        let unfusedEnd = blocked + tail / 4 * 4
        while index < unfusedEnd {
            sum = sum + values[index] * values[index]
            index += 1
        }
        while index < count {
            sum = sum.addingProduct(values[index], values[index])
            index += 1
        }
        return sum
    }
}
