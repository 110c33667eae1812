import Precision

/// The elementwise arithmetic of PyTorch's CPU kernels, one op at a time, each followed by
/// the one rounding PyTorch applies when it stores the result.
///
/// Optimizers, clipping and loss scaling are written as the same sequence of ops PyTorch's
/// Python code calls (`exp_avg.lerp_(grad, 1 - beta1)`, then `exp_avg_sq.mul_(beta2)`, ...).
/// Each op here reproduces what the torch 2.13 CPU kernel computes for one element, as found
/// in its source and checked bit for bit against the wheel (x86-64, AVX2 kernels, GCC 13
/// build, one thread):
///
/// - FP32 tensors compute in `Float`. The compiler contracted `a + b * c` into a fused
///   multiply-add wherever the source allows it, so `add(alpha:)`, `lerp` and `addcmul`
///   round once; `addcdiv` divides, so it rounds three times.
/// - FP16 and BF16 tensors are converted to `Float`, computed as above, and rounded once
///   into the format, with one exception: `add(other, alpha:)` converts `alpha` to the
///   format first, and its vectorised loop (blocks of ``narrowVectorBlock`` elements)
///   fuses `self + alpha × other` in `Float`, while the scalar loop over the last
///   `count % 32` elements rounds `alpha × other` into the format before adding.
/// - Python-float scalars passed to `mul`, `div`, `lerp`, `addcmul` and `addcdiv` become
///   `Float` (also for narrow tensors: PyTorch keeps the "original scalar"); a scalar added
///   with `add` (`denom.add_(eps)`) is converted to the tensor's format first.
///
/// - `sqrt` is IEEE here. PyTorch's FP32 `sqrt` is MKL's `vsSqrt`, not always correctly
///   rounded (see ``Adam``); its FP16/BF16 `sqrt` is the hardware's in `Float`, as here.
///
/// Formats other than FP16 and BF16 (TF32, FP8) have no such PyTorch kernels; they take the
/// FP16/BF16 rules, as if PyTorch had them.
protocol StorageRounding {
    /// The value a tensor in this storage format holds for the `Float` result `x`.
    func callAsFunction(_ x: Float) -> Float
    /// The storage format.
    var format: FloatFormat { get }
    /// Whether this is FP32 storage (nothing rounds; `add(alpha:)` is fused everywhere).
    static var isFP32: Bool { get }
}

/// FP32 storage: results are kept as computed.
struct FP32Storage: StorageRounding {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x }
    var format: FloatFormat { .fp32 }
    static var isFP32: Bool { true }
}

/// Storage in a format narrower than FP32: every result is rounded to nearest even by
/// ``FloatFormat/round(_:)``.
struct NarrowStorage: StorageRounding {
    let format: FloatFormat
    @inline(__always) func callAsFunction(_ x: Float) -> Float { format.round(x) }
    static var isFP32: Bool { false }
}

/// FP16 storage with an inlined rounding: `FloatFormat.fp16.round(x)` for every `Float`,
/// computed in a few integer and float instructions instead of a general encode and decode
/// (the optimizers round every op's result, so this is their inner loop).
///
/// Normal results round their 13 dropped significand bits to nearest even by integer
/// addition (a carry moves into the exponent, as it should); magnitudes from 65520 up
/// overflow to infinity (65520 is the tie above 65504, and 65504's significand is odd);
/// below 2^-14 the FPU rounds `|x| + 0.5` to a multiple of 2^-24, the FP16 subnormal
/// spacing. NaN becomes the quiet NaN of its sign, as `FloatFormat.round` gives it.
/// Public-API tests compare SGD results built on it with `FloatFormat.fp16.round`.
struct FP16Storage: StorageRounding {
    var format: FloatFormat { .fp16 }
    static var isFP32: Bool { false }

    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        let bits = x.bitPattern
        let sign = bits & 0x8000_0000, magnitude = bits & 0x7FFF_FFFF
        if magnitude >= 0x477F_F000 {  // 65520 and up, infinity, NaN
            return Float(bitPattern: sign | (magnitude > 0x7F80_0000 ? 0x7FC0_0000 : 0x7F80_0000))
        }
        if magnitude < 0x3880_0000 {  // below 2^-14: multiples of 2^-24
            let rounded = (Float(bitPattern: magnitude) + 0.5) - 0.5
            return Float(bitPattern: sign | rounded.bitPattern)
        }
        let rounded = (magnitude + 0x0FFF + (magnitude >> 13 & 1)) & 0xFFFF_E000
        return Float(bitPattern: sign | rounded)
    }
}

/// BF16 storage with an inlined rounding: `FloatFormat.bf16.round(x)` for every `Float`
/// (nearest even on the 16 dropped bits by integer addition; overflow carries into
/// infinity; NaN becomes the quiet NaN of its sign). See ``FP16Storage``.
struct BF16Storage: StorageRounding {
    var format: FloatFormat { .bf16 }
    static var isFP32: Bool { false }

    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        let bits = x.bitPattern
        if bits & 0x7FFF_FFFF > 0x7F80_0000 { return Float(bitPattern: bits & 0x8000_0000 | 0x7FC0_0000) }
        return Float(bitPattern: (bits + 0x7FFF + (bits >> 16 & 1)) & 0xFFFF_0000)
    }
}

/// Elements per iteration of a 16-bit kernel's vectorised loop on AVX2: two registers of
/// 16 halves. The last `count % narrowVectorBlock` elements take the scalar loop.
let narrowVectorBlock = 32

extension StorageRounding {
    /// A Python float passed as the `alpha` of `add` or added as a tensor scalar: `Float`,
    /// then rounded into the format (`Scalar.to<scalar_t>()` / the wrapped scalar's cast).
    @inline(__always)
    func tensorScalar(_ value: Double) -> Float { self(Float(value)) }

    /// Whether element `index` of a tensor of `count` elements is in the scalar tail of a
    /// narrow kernel (always false for FP32, whose tail is fused too).
    @inline(__always)
    func isScalarTail(_ index: Int, count: Int) -> Bool {
        !Self.isFP32 && index >= count - count % narrowVectorBlock
    }

    /// `self.add(other, alpha=alpha)`: `alpha` must come from ``tensorScalar(_:)``.
    @inline(__always)
    func add(_ a: Float, _ other: Float, alpha: Float, scalarTail: Bool) -> Float {
        if Self.isFP32 { return a.addingProduct(alpha, other) }
        return scalarTail ? self(a + self(alpha * other)) : self(a.addingProduct(alpha, other))
    }

    /// `self.mul(s)` with a Python float `s` (given as `Float(s)`).
    @inline(__always)
    func mul(_ a: Float, _ s: Float) -> Float { self(a * s) }

    /// `self.div(s)` with a Python float `s` (given as `Float(s)`): a true division.
    @inline(__always)
    func div(_ a: Float, _ s: Float) -> Float { self(a / s) }

    /// `self.add(s)` with a scalar `s` from ``tensorScalar(_:)``.
    @inline(__always)
    func addScalar(_ a: Float, _ s: Float) -> Float { self(a + s) }

    /// `self.sqrt()`.
    @inline(__always)
    func sqrt(_ a: Float) -> Float { self(a.squareRoot()) }

    /// `start.lerp(end, weight)` with a Python float weight (given as `Float(weight)`):
    /// `start + w (end − start)` for |w| < 0.5, else `end − (1 − w)(end − start)`, fused.
    @inline(__always)
    func lerp(_ start: Float, _ end: Float, weight: Float) -> Float {
        let difference = end - start
        return abs(weight) < 0.5
            ? self(start.addingProduct(weight, difference))
            : self(end.addingProduct(weight - 1, difference))
    }

    /// `self.addcmul(t1, t2, value=v)`: `self + (v t1) t2`, the last two fused.
    @inline(__always)
    func addcmul(_ a: Float, _ t1: Float, _ t2: Float, value: Float) -> Float {
        self(a.addingProduct(value * t1, t2))
    }

    /// `self.addcdiv(t1, t2, value=v)`: `self + (v t1) / t2`.
    @inline(__always)
    func addcdiv(_ a: Float, _ t1: Float, _ t2: Float, value: Float) -> Float {
        self(a + (value * t1) / t2)
    }
}
