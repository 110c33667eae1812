import Precision

/// `torch.linalg.vector_norm` of a contiguous CPU tensor, with the accumulation order of
/// torch 2.13's kernels (x86-64, AVX2 build, one thread), so clipping sees PyTorch's norms
/// bit for bit.
///
/// Sums of squares accumulate in `Float` and the result is rounded into the tensor's format
/// once, after the square root: an FP16 gradient of [30000, 40000] has norm 49984 (FP16's
/// 50000), not infinity, but one of [60000, 60000] has norm 84853 → +infinity.
///
/// - FP32: eight lanes, each adding `x × x` rounded (no fused multiply-add) for every
///   block of eight elements; the lanes are then summed left to right; then the last
///   `count % 8` elements are added one at a time: those in a group of four as `x × x`
///   rounded, the remaining `count % 4` fused (`fma(x, x, sum)`). That mix is what GCC
///   made of the scalar tail loop.
/// - BF16: the same lanes over blocks of sixteen (two halves of eight per block), then the
///   tail. A BF16 element's square is exact in `Float`, so fusing makes no difference.
/// - FP16 and every other format: one running sum, element after element (the generic
///   reduction). Squares of FP16 elements are exact in `Float` too.
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
        return format == .fp32 ? sum.squareRoot() : format.round(sum.squareRoot())
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

    /// The norm of `values` stored in `format`.
    static func norm(_ values: UnsafeBufferPointer<Float>, format: FloatFormat, type: ClipNorm) -> Float {
        switch type {
        case .two: two(values, format: format)
        case .infinity: infinity(values)
        }
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
