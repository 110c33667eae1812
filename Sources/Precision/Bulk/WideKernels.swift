internal import CRoundingAVX2

/// Which loops bulk rounding runs: the four-lane loops every CPU of the target has, or
/// eight-lane ones where the CPU has AVX2. Both give the same bits for every format, mode
/// and policy; only the speed differs.
///
/// `FloatFormat.round(_:into:...)` takes ``automatic`` unless told otherwise; the others are
/// for tests and benchmarks that compare the two paths in one process.
public enum BulkKernels: Sendable, Hashable, CustomStringConvertible {
    /// ``wide`` where available, ``baseline`` otherwise.
    case automatic
    /// Four `Float`s per 128-bit register: SSE2 on x86-64, NEON on ARM64.
    case baseline
    /// Eight `Float`s per 256-bit register: AVX2 on x86-64. Requires ``isWideAvailable``.
    case wide

    /// Whether this CPU (and its operating system) runs the ``wide`` loops: an x86-64 CPU
    /// with AVX2 whose YMM registers the OS saves (CPUID and XGETBV, checked once). Always
    /// false on ARM64.
    public static var isWideAvailable: Bool { wideAvailable }

    /// The loops that run for this choice on this CPU: ``baseline`` or ``wide``.
    public var resolved: BulkKernels {
        switch self {
        case .automatic: Self.isWideAvailable ? .wide : .baseline
        case .baseline: .baseline
        case .wide: .wide
        }
    }

    public var description: String {
        switch self {
        case .automatic: "automatic"
        case .baseline: "baseline"
        case .wide: "wide"
        }
    }
}

private let wideAvailable = mantissa_has_avx2() != 0

// The eight-lane loops are C (Sources/CRoundingAVX2/rounding_avx2.c), a line-for-line copy
// of the Swift kernels on clang vector types, with `target("avx2")` on each function so
// that the rest of the program keeps the baseline instruction set. Swift can neither enable
// an instruction set per function nor lower `SIMD8<Float>` arithmetic to single AVX
// instructions, so a generic Swift kernel instantiated at eight lanes would need a whole
// module built with AVX2 flags and would still run as pairs of lanes; the C copy is the one
// duplicated piece, and PrecisionTests compares it with the Swift kernels bit for bit. F16C
// is not used: FP16's magic-number kernel already runs at memory speed on eight lanes.
// Neither is FMA: each product and sum must round separately, as in Swift.


/// A kernel's C job (its constants, mode and subnormal policy), wrapped so that the
/// kernels' protocol does not need the C module.
struct WideJob {
    var job: mantissa_avx2_job
    init(_ job: mantissa_avx2_job) { self.job = job }
}

extension RoundingIncrement {
    /// The C mode of this rounding mode.
    static var wideMode: mantissa_mode {
        switch self {
        case is NearestEvenIncrement.Type: mantissa_mode_nearest_even
        case is NearestAwayIncrement.Type: mantissa_mode_nearest_away
        case is TowardZeroIncrement.Type: mantissa_mode_toward_zero
        case is UpIncrement.Type: mantissa_mode_up
        case is DownIncrement.Type: mantissa_mode_down
        default: mantissa_mode_stochastic
        }
    }
}

extension WideKernel {
    func wideJob() -> WideJob {
        var job = mantissa_avx2_job()
        job.kernel = mantissa_kernel_wide
        job.mode = Mode.wideMode
        job.flush = Subnormals.flushes ? 1 : 0
        job.dropped_bits = droppedBits
        job.ceiling = ceiling
        return WideJob(job)
    }
}

/// The range constants both narrow kernels have, set the same way in their C jobs.
protocol NarrowRangeConstants {
    var minNormal: Float { get }
    var clampAbove: Float { get }
    var maxBits: Int32 { get }
    var minNormalBits: Int32 { get }
    var overflowBits: UInt32 { get }
    var nanBits: UInt32 { get }
}

extension NarrowRangeConstants {
    /// A C job for `kernel` in `mode` with these range constants.
    func narrowJob(_ kernel: mantissa_kernel, mode: mantissa_mode, flushes: Bool) -> mantissa_avx2_job {
        var job = mantissa_avx2_job()
        job.kernel = kernel
        job.mode = mode
        job.flush = flushes ? 1 : 0
        job.min_normal = minNormal
        job.clamp_above = clampAbove
        job.max_bits = maxBits
        job.min_normal_bits = minNormalBits
        job.overflow_bits = overflowBits
        job.nan_bits = nanBits
        return job
    }
}

extension NarrowKernel: NarrowRangeConstants {
    func wideJob() -> WideJob {
        var job = narrowJob(mantissa_kernel_narrow, mode: Mode.wideMode, flushes: Subnormals.flushes)
        job.magic_scale = magicScale
        job.quantum_scale = quantumScale
        return WideJob(job)
    }
}

extension NarrowStochasticKernel: NarrowRangeConstants {
    func wideJob() -> WideJob {
        var job = narrowJob(mantissa_kernel_narrow_stochastic, mode: mantissa_mode_stochastic, flushes: Subnormals.flushes)
        job.sum_fraction_bits = sumFractionBits
        job.scale_bits = scaleBits
        return WideJob(job)
    }
}

extension BulkJob {
    /// The AVX2 path of ``run(_:wordBits:)``: element by element until the counter is a
    /// multiple of 4 (stochastic rounding), then `kernel`'s C copy eight at a time, then the
    /// last few one at a time. A separate function: inlined into the four-lane loop's, it
    /// would halve that loop's speed (LLVM allocates its registers differently).
    @inline(never)
    func runWide<Kernel: RoundingKernel>(_ kernel: Kernel, wordBits: Int) {
        var job = kernel.wideJob().job
        var random: CounterRandom?
        var i = 0
        if Kernel.Mode.isStochastic {
            guard case .stochastic(let seed) = rounding else { return }
            let generator = CounterRandom(seed: seed, wordBits: wordBits)
            i = roundUntilAligned(kernel, generator)
            job.state = generator.state(beforeWord: startIndex &+ UInt64(i))
            random = generator
        }
        job.source = source + i
        job.destination = destination + i
        job.count = count - i
        job.word_bits = Int32(wordBits)
        i += mantissa_round_avx2(&job)
        roundRest(kernel, from: i, random)
    }
}
