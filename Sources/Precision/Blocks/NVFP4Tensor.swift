/// A buffer of `Float`s stored in NVIDIA's NVFP4: blocks of 16 ``FloatFormat/e2m1fn``
/// elements, each block sharing an ``FloatFormat/e4m3fn`` scale, under one FP32 scale for
/// the whole tensor.
///
/// Element `i` of block `b` represents `elements[i] · (tensorScale · s_b)`, where `s_b` is
/// the E4M3 value of `blockScaleCodes[b]`, and the product is taken in `Float`.
///
/// ```swift
/// let stored = NVFP4Tensor(quantizing: activations)
/// let seen = stored.dequantized()
/// ```
///
/// ## The recipe
/// With `amax` the largest finite magnitude of the tensor and `amax_b` that of block `b`
/// (NVIDIA, "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference", 2025;
/// Transformer Engine's NVFP4 recipe; torchao's `per_tensor_amax_to_scale` and
/// `nvfp4_quantize`), all in `Float` arithmetic:
///
/// 1. `tensorScale = amax / (6 · 448)`, so that the block holding `amax` gets the largest
///    E4M3 scale, 448, and E2M1's largest element, 6.
/// 2. `s_b = E4M3((amax_b / 6) / tensorScale)`: rounded to nearest, ties to even, and
///    saturated at 448. That is what both published references do: torchao's
///    `nvfp4_quantize` and Transformer Engine's Python `NVFP4Quantizer` reference each
///    clamp to 448 and cast to PyTorch's `float8_e4m3fn`, which rounds to nearest even, as
///    CUDA's FP8 conversion (`__nv_cvt_float_to_fp8` with `__NV_SATFINITE`) does on the
///    GPU. (The MX rules round their power-of-two scales down or up instead; a non-power-
///    of-two scale has no reason to.) Because `s_b` may round *down*,
///    `amax_b / (tensorScale · s_b)` can exceed 6 slightly and the block's largest element
///    saturates to ±6, as in both references.
/// 3. `elements = E2M1(x / (tensorScale · s_b))`: nearest, ties to even, saturated at ±6.
///
/// Dequantizing multiplies each element by the same `tensorScale · s_b`.
///
/// ## Edge cases
/// - **All-zero tensor** (or one whose only nonzero values are NaN or infinite):
///   `tensorScale` is 1, what Transformer Engine's FP8 current scaling takes for a zero
///   `amax` (its NVFP4 reference differs, below); every block then takes the next rule.
/// - **All-zero block**: its scale is E4M3 code 0, the value 0, and its elements are
///   zeros with the inputs' signs.
/// - **A block scale that rounds to 0** (`amax_b` below about `amax · 2^-10 / 448`, half of
///   E4M3's smallest subnormal): treated as a zero block, so every element is a zero of
///   its input's sign. The scale says the block is zero, and the elements agree with it.
/// - **NaN or ±infinity in a block**: the block's scale is E4M3's NaN (code `0x7F`) and
///   every element of the block dequantizes to NaN; `amax` for the tensor scale is taken
///   over finite values only, so the other blocks are quantized as if it were absent.
/// - **A tiny tensor** (`amax / 2688` underflows to 0 in `Float`): `tensorScale` is
///   `Float.leastNonzeroMagnitude` instead.
/// - **A given tensor scale** (``init(quantizing:tensorScale:)``, for a calibrated or
///   delayed scale) may be too small for some block: that block's scale saturates at 448
///   and its elements at ±6.
///
/// ## Where the references differ
/// torchao 0.18 (`per_tensor_amax_to_scale` of `max(abs(x))`, then `nvfp4_quantize` and
/// `dequantize`, run on the CPU by the oracle `Tests/PrecisionTests/Oracle/torchao_blocks.py`)
/// gives the same tensor scale, block scale codes and dequantized values bit for bit
/// (block-scale ties to even included), except:
/// - torchao clamps `(amax_b / 6) / tensorScale` to at least `2^-6`, E4M3's smallest
///   *normal* value, before rounding, so it never uses E4M3's subnormal scales and a
///   small block never gets scale 0; here (as in Transformer Engine) subnormal scales
///   are used and a block can get 0. (A block with `amax_b` 3.5753e-4 under a tensor
///   scale of 0.0100676 gets code 0x08 there, 0x03 here.)
/// - torchao computes the elements as `x · ((1 / tensorScale) / s_b)`, "to match the MSLK
///   triton kernel", not `x / (tensorScale · s_b)`: an element within a few ulps of an
///   E2M1 rounding boundary can round to the other neighbour (x = 104.16667, `0x42D05556`,
///   under tensorScale 0.37202382 and s_b 224: `x / 83.333336` is the tie 1.25, which goes
///   to 1, but torchao's product is 1.2500001, which goes to 1.5; dequantized 83.333336
///   here, 125 there). Below a tensor scale of `2^-128` (`amax` below `2688 · 2^-128`) the
///   reciprocal overflows and every torchao element is ±6.
/// - torchao divides an all-zero tensor by a zero scale: every block scale is NaN (code
///   0xFF) and every value dequantizes to NaN. When `amax / 2688` underflows (`amax` below
///   about `2^-138.6`) its tensor scale is 0 too: the block scales saturate at 448 and every
///   value dequantizes to ±0.
/// - Transformer Engine keeps the reciprocal, an *encode* scale `2688 / amax`, computes
///   `s_b = E4M3((amax_b / 6) · encode)` and the elements as
///   `x · (encode / s_b)`: the same values, but rounded in a different order in FP32, so
///   a scale or an element near a rounding boundary can differ in its last bit. For an
///   all-zero tensor its encode scale is `Float.greatestFiniteMagnitude`; for a block
///   scale of 0 its elements are `x · greatestFiniteMagnitude` clamped to ±6 (they
///   dequantize to 0 anyway, times the zero scale).
/// - Both take the tensor's amax over every value, so one infinity or NaN changes every
///   block (Transformer Engine's encode scale falls back to 1 for an infinite amax;
///   torchao's tensor scale becomes infinite or NaN, and every value of the tensor
///   dequantizes to NaN); here the damage stays in its block.
/// - Transformer Engine's training recipe also offers 16×16 weight blocks, stochastic
///   rounding of gradients and a random Hadamard transform; this type is the 1×16 format
///   with round-to-nearest only.
///
/// `Equatable` compares the tensor scale, the block scale codes and the elements bit for
/// bit.
public struct NVFP4Tensor: Hashable, Sendable {
    /// Elements per block: 16.
    public static let blockSize = 16
    /// The elements' format, FP4 E2M1 (largest value 6).
    public static let elementFormat = FloatFormat.e2m1fn
    /// The block scales' format, FP8 E4M3 (largest value 448); a block scale is never
    /// negative.
    public static let scaleFormat = FloatFormat.e4m3fn

    /// The per-tensor FP32 scale: `amax / (6 · 448)` unless given.
    public let tensorScale: Float
    /// The E4M3 code of each block's scale (`0x7F` for NaN).
    public let blockScaleCodes: [UInt32]
    /// Each element divided by `tensorScale · s_b`, rounded to nearest even into E2M1 and
    /// saturated to ±6: exactly a value of E2M1.
    public let elements: [Float]

    /// The number of values.
    public var count: Int { elements.count }

    /// The number of blocks, `⌈count / 16⌉`.
    public var blockCount: Int { blockScaleCodes.count }

    /// Quantizes `values` with the tensor scale of their own `amax`: see the recipe above.
    public init(quantizing values: [Float]) {
        self.init(quantizing: values, tensorScale: Self.tensorScale(amax: Self.finiteAmax(values)))
    }

    /// Quantizes `values` under a given tensor scale (a calibrated one, or one from an
    /// earlier step).
    ///
    /// - Precondition: `tensorScale` is positive and finite.
    public init(quantizing values: [Float], tensorScale: Float) {
        precondition(tensorScale > 0 && tensorScale.isFinite, "the tensor scale is \(tensorScale); it must be positive and finite")
        let size = Self.blockSize
        let blocks = (values.count + size - 1) / size
        var codes: [UInt32] = []
        codes.reserveCapacity(blocks)
        var scaled = values
        for b in 0..<blocks {
            let range = b * size ..< min((b + 1) * size, values.count)
            let amax = LargestMagnitude(values[range])
            let code = Self.blockScaleCode(amax: amax.hasNaN || amax.value.isInfinite ? .nan : amax.value, tensorScale: tensorScale)
            codes.append(code)
            let scale = Self.scaleFormat.decode(code)
            if scale == 0 {
                for i in range { scaled[i] = Float(signOf: values[i], magnitudeOf: 0) }
            } else {
                let total = tensorScale * scale
                for i in range { scaled[i] = values[i] / total }
            }
        }
        Self.elementFormat.round(&scaled, rounding: .nearestEven, overflow: .saturate)
        self.tensorScale = tensorScale
        self.blockScaleCodes = codes
        self.elements = scaled
    }

    /// The per-tensor scale for a tensor whose largest finite magnitude is `amax`:
    /// `amax / (6 · 448)` in `Float`, torchao's `per_tensor_amax_to_scale`.
    ///
    /// 1 when `amax` is 0 (or not finite); `Float.leastNonzeroMagnitude` when the quotient
    /// underflows to 0.
    public static func tensorScale(amax: Float) -> Float {
        guard amax > 0 && amax.isFinite else { return 1 }
        let largest = Float(elementFormat.maxValue) * Float(scaleFormat.maxValue)
        return max(amax / largest, .leastNonzeroMagnitude)
    }

    /// The E4M3 code of the scale of a block whose largest magnitude is `amax`:
    /// `(amax / 6) / tensorScale` in `Float`, rounded to nearest even and saturated at 448.
    ///
    /// NaN `amax` (a block holding NaN or infinity) gives E4M3's NaN, `0x7F`; 0 gives 0.
    ///
    /// - Precondition: `amax` is not negative.
    public static func blockScaleCode(amax: Float, tensorScale: Float) -> UInt32 {
        if amax.isNaN { return scaleFormat.encode(.nan) }
        precondition(amax >= 0, "amax is \(amax); a largest magnitude is not negative")
        let scale = amax / Float(elementFormat.maxValue) / tensorScale
        return scaleFormat.encode(scale, rounding: .nearestEven, overflow: .saturate)
    }

    /// The largest magnitude among the finite values (0 if there are none): the `amax` of
    /// ``tensorScale(amax:)``.
    public static func finiteAmax(_ values: [Float]) -> Float {
        values.reduce(0) { $1.isFinite ? max($0, $1.magnitude) : $0 }
    }

    /// The E4M3 value of block `block`'s scale, `s_b` (0, or NaN for a block holding NaN
    /// or infinity).
    public func blockScale(ofBlock block: Int) -> Float {
        Self.scaleFormat.decode(blockScaleCodes[block])
    }

    /// What block `block`'s elements are multiplied by: `tensorScale · s_b`, in `Float`.
    public func scale(ofBlock block: Int) -> Float {
        tensorScale * blockScale(ofBlock: block)
    }

    /// The values this tensor represents: each element times its block's
    /// ``scale(ofBlock:)``, rounded as `Float` multiplication rounds.
    public func dequantized() -> [Float] {
        let size = Self.blockSize
        var values = elements
        for b in 0..<blockCount {
            let x = scale(ofBlock: b)
            for i in b * size ..< min((b + 1) * size, values.count) { values[i] *= x }
        }
        return values
    }

    /// Equal when the tensor scales, the block scale codes and the elements are equal bit
    /// for bit.
    public static func == (a: NVFP4Tensor, b: NVFP4Tensor) -> Bool {
        a.tensorScale.bitPattern == b.tensorScale.bitPattern && a.blockScaleCodes == b.blockScaleCodes
            && a.elements.map(\.bitPattern) == b.elements.map(\.bitPattern)
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(tensorScale.bitPattern)
        hasher.combine(blockScaleCodes)
        hasher.combine(elements.map(\.bitPattern))
    }
}
