// Branch-free rounding of four `Float`s (as bits) to the bits of the `Float`s their
// rounded values decode to. Each kernel is a second implementation of
// `FloatFormat.round(_:rounding:overflow:subnormals:index:)`, tested against it bit for bit.
//
// The narrow kernels compute a magnitude (sign bit clear) and then apply the input's sign
// with XOR, which is OR on a clear bit; the one result whose sign bit is set before that is
// what a format without NaN gives for a positive NaN, −0, which XOR turns into +0 for a
// negative NaN (ml_dtypes' rule; see `FloatFormat.NaNEncoding.noNaN`).

/// Rounds the bits of four `Float`s to the bits of the `Float`s the format's values decode to.
protocol RoundingKernel {
    associatedtype Mode: RoundingIncrement
    func rounded(_ bits: Lanes, random: Lanes) -> Lanes
    /// The eight-lane AVX2 copy of this kernel: its C job with the kernel's constants
    /// (WideKernels.swift, the only file that sees the C module).
    func wideJob() -> WideJob
}

/// Reads `Float` subnormals (as magnitude bits) as zero when `Subnormals` flushes.
@inline(__always)
func flushingInputs<Subnormals: SubnormalHandling>(_ magnitude: Lanes, _: Subnormals.Type) -> Lanes {
    Subnormals.flushes ? magnitude & ~mask(magnitude.signed .< 0x0080_0000) : magnitude
}

/// Formats with FP32's exponent field (8 bits, bias 127, IEEE infinity and NaN): FP32,
/// TF32, BF16. A code is the top bits of a `Float`, so rounding is "add, then clear the low
/// `23 - m` bits"; carries run into the exponent and, past the largest value, into
/// infinity, exactly as the format's code does. Every result of a normal input is normal.
struct WideKernel<Mode: RoundingIncrement, Subnormals: SubnormalHandling>: RoundingKernel {
    let droppedBits: UInt32
    /// The largest result magnitude: infinity, or the largest finite value when saturating.
    let ceiling: Int32

    @inline(__always)
    init(mantissaBits: Int, saturates: Bool) {
        droppedBits = UInt32(23 - mantissaBits)
        let infinity: Int32 = 0x7F80_0000
        ceiling = saturates ? infinity &- (1 &<< Int32(droppedBits)) : infinity
    }

    @inline(__always)
    func rounded(_ bits: Lanes, random: Lanes) -> Lanes {
        let x = flushingInputs(bits & 0x7FFF_FFFF, Subnormals.self)
        guard droppedBits > 0 else {  // FP32: nothing to round
            return select(mask(x.signed .> 0x7F80_0000), Lanes(repeating: 0x7FC0_0000),
                          x.signed.replacing(with: ceiling, where: x.signed .> ceiling).bits)
                | (bits & 0x8000_0000)
        }
        let increment = Mode.increment(
            fractionBits: droppedBits, lastKeptBit: (x &>> droppedBits) & 1,
            negative: bits.signMask, random: random)
        // An infinity input stays infinity (increment < 2^droppedBits); a finite one that
        // carries past the largest value becomes infinity, then meets the ceiling.
        let rounded = ((x &+ increment) & (~0 &<< droppedBits)).signed
        let capped = rounded.replacing(with: ceiling, where: rounded .> ceiling).bits
        return select(mask(x.signed .> 0x7F80_0000), Lanes(repeating: 0x7FC0_0000), capped)
            | (bits & 0x8000_0000)
    }
}

/// Formats narrower than FP32's exponent range (FP16, FP8 E4M3FN and E5M2, custom formats),
/// deterministic modes.
///
/// The FPU rounds for us: with `binade = max(2^⌊log2 |x|⌋, 2^emin)`, the quantum of `|x|`
/// in the format is `binade · 2^-m`, which is the spacing of the `Float`s in
/// `[binade · 2^(23-m), binade · 2^(24-m))`; so `(|x| + binade · 2^(23-m)) - binade · 2^(23-m)`
/// is `|x|` rounded to the format, nearest-even, subnormals included, in two additions
/// (the subtraction is exact by Sterbenz). Fast2Sum's `error = |x| - nearest` is exact too
/// (Dekker 1971), and its sign says where the other modes differ from nearest-even by one
/// quantum. Inputs beyond `2^(maxExponent + 1)` are clamped to it first: every mode
/// overflows there, and the magic constant stays finite.
struct NarrowKernel<Mode: RoundingIncrement, Subnormals: SubnormalHandling>: RoundingKernel {
    /// 2^(23 - m) and 2^-m.
    let magicScale: Float
    let quantumScale: Float
    let minNormal: Float
    /// 2^(maxExponent + 1): larger inputs (and ±infinity, NaN) are clamped to it.
    let clampAbove: Float
    /// Float bits of the largest value, of the overflow result, and of what a positive NaN
    /// gives (see ``FloatFormat/nanResultBits``).
    let maxBits: Int32
    let overflowBits: UInt32
    let nanBits: UInt32
    /// `Float` bits of 2^emin: smaller results are subnormal.
    let minNormalBits: Int32

    @inline(__always)
    init(shape: KernelShape, format: FloatFormat, overflow: OverflowPolicy) {
        let m = shape.mantissaBits, emin = 1 - shape.bias
        magicScale = Float(sign: .plus, exponent: 23 - m, significand: 1)
        quantumScale = Float(sign: .plus, exponent: -m, significand: 1)
        minNormal = Float(sign: .plus, exponent: emin, significand: 1)
        clampAbove = Float(sign: .plus, exponent: shape.maxExponent + 1, significand: 1)
        maxBits = Int32(bitPattern: shape.floatBits(ofNormal: shape.maxMagnitude))
        overflowBits = format.decode(format.overflowMagnitude(overflow)).bitPattern
        nanBits = format.nanResultBits
        minNormalBits = Int32(emin + 127) << 23
    }

    /// Whether a format can use this kernel: the magic constant for the clamp,
    /// `2^(maxExponent + 24 - m)`, must be a finite `Float`.
    static func fits(_ shape: KernelShape) -> Bool {
        shape.maxExponent + 24 - shape.mantissaBits <= 127
    }

    @inline(__always)
    func rounded(_ bits: Lanes, random: Lanes) -> Lanes {
        let a = flushingInputs(bits & 0x7FFF_FFFF, Subnormals.self)
        let x = a.floats.replacing(with: clampAbove, where: .!(a.floats .< clampAbove))  // NaN too
        let exponent = (x.bits & 0x7F80_0000).floats
        let binade = exponent.replacing(with: minNormal, where: exponent .< minNormal)
        let magic = binade * magicScale
        let nearest = (x + magic) - magic
        var rounded = nearest.bits
        if !Mode.isNearestEven {
            let error = x - nearest
            let quantum = binade * quantumScale
            let (up, down) = Mode.correction(
                above: mask(error .> 0), below: mask(error .< 0), tie: mask(error .== quantum * 0.5),
                negative: bits.signMask)
            rounded = (nearest + (quantum.bits & up).floats - (quantum.bits & down).floats).bits
        }
        let kept = Subnormals.flushes ? rounded & ~mask(rounded.signed .< minNormalBits) : rounded
        // ±infinity and NaN were clamped above the largest value too.
        let truncatesFinite = Mode.truncation(negative: bits.signMask) & mask(a.signed .< 0x7F80_0000)
        let overflowed = select(truncatesFinite, Lanes(repeating: UInt32(bitPattern: maxBits)),
                                Lanes(repeating: overflowBits))
        let special = select(mask(a.signed .> 0x7F80_0000), Lanes(repeating: nanBits), overflowed)
        return select(mask(rounded.signed .> maxBits), special, kept) ^ (bits & 0x8000_0000)
    }
}

/// The layout fields a kernel is built from, so that a standard format's kernel can be
/// built from literals (and constant-folded) instead of from a runtime `FloatFormat`.
struct KernelShape {
    let exponentBits: Int
    let mantissaBits: Int
    let bias: Int
    let nanEncoding: FloatFormat.NaNEncoding

    @inline(__always)
    init(exponentBits: Int, mantissaBits: Int, bias: Int, nanEncoding: FloatFormat.NaNEncoding) {
        self.exponentBits = exponentBits
        self.mantissaBits = mantissaBits
        self.bias = bias
        self.nanEncoding = nanEncoding
    }

    init(_ format: FloatFormat) {
        self.init(exponentBits: format.exponentBits, mantissaBits: format.mantissaBits,
                  bias: format.bias, nanEncoding: format.nanEncoding)
    }

    /// Magnitude of the largest finite value.
    @inline(__always)
    var maxMagnitude: Int {
        let allOnes = (1 << (exponentBits + mantissaBits)) - 1
        return switch nanEncoding {
        case .ieee: allOnes - (1 << mantissaBits)
        case .allOnes: allOnes - 1
        case .noNaN: allOnes
        }
    }

    /// Unbiased exponent of the largest finite value.
    @inline(__always)
    var maxExponent: Int { (maxMagnitude >> mantissaBits) - bias }

    /// `Float` bits of a normal magnitude.
    @inline(__always)
    func floatBits(ofNormal magnitude: Int) -> UInt32 {
        UInt32((magnitude << (23 - mantissaBits)) + ((127 - bias) << 23))
    }
}
