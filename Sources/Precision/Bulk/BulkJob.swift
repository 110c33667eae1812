import Dispatch

/// One bulk rounding: a range of `Float` bits, where to write them, and how to round.
///
/// `source == destination` means in place; the two never overlap otherwise (checked by the
/// public entry points). It is `@unchecked Sendable` so that threads can share it: each
/// thread reads `source` and writes only its own slice of `destination`.
struct BulkJob: @unchecked Sendable {
    let source: UnsafePointer<UInt32>
    let destination: UnsafeMutablePointer<UInt32>
    let count: Int
    /// Counter of the first element.
    let startIndex: UInt64
    let format: FloatFormat
    let rounding: Rounding
    let overflow: OverflowPolicy
    let subnormals: SubnormalPolicy
    /// Whether the eight-lane AVX2 loops run (see ``BulkKernels``).
    let wide: Bool

    /// The elements `range` of this job, keeping their counters.
    func slice(_ range: Range<Int>) -> BulkJob {
        BulkJob(source: source + range.lowerBound, destination: destination + range.lowerBound,
                count: range.count, startIndex: startIndex &+ UInt64(range.lowerBound), format: format,
                rounding: rounding, overflow: overflow, subnormals: subnormals, wide: wide)
    }

    /// Runs the job on `threads` threads (chunks of at least 16 Ki elements), each on a
    /// contiguous chunk. Counters are per element, so the result is the same for any count.
    func run(threads: Int) {
        let chunks = min(max(threads, 1), max(count / 16_384, 1))
        if chunks == 1 { return runOnThisThread() }
        // Chunk boundaries on multiples of 16 elements (64 bytes) keep chunks off each
        // other's cache lines when the buffers are aligned.
        let chunkSize = (count / chunks + 15) & ~15
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = min(chunk * chunkSize, count)
            let end = chunk == chunks - 1 ? count : min(start + chunkSize, count)
            slice(start..<end).runOnThisThread()
        }
    }

    private func runOnThisThread() {
        guard count > 0 else { return }
        // The stochastic loop walks the generator state by one increment per output; where
        // the counter wraps around 2^64 the outputs restart at 0, so split there.
        let beforeWrap = 0 &- startIndex  // elements before the counter wraps (0: 2^64)
        if case .stochastic = rounding, beforeWrap != 0, UInt64(count) > beforeWrap {
            slice(0..<Int(beforeWrap)).runOnThisThread()
            return slice(Int(beforeWrap)..<count).runOnThisThread()
        }
        switch subnormals {
        case .keep: dispatchMode(KeepSubnormals.self)
        case .flushToZero: dispatchMode(FlushSubnormals.self)
        }
    }

    private func dispatchMode<Subnormals: SubnormalHandling>(_ subnormals: Subnormals.Type) {
        switch rounding {
        case .nearestEven: dispatchFormat(NearestEvenIncrement.self, subnormals)
        case .nearestAway: dispatchFormat(NearestAwayIncrement.self, subnormals)
        case .towardZero: dispatchFormat(TowardZeroIncrement.self, subnormals)
        case .up: dispatchFormat(UpIncrement.self, subnormals)
        case .down: dispatchFormat(DownIncrement.self, subnormals)
        case .stochastic: dispatchFormat(StochasticIncrement.self, subnormals)
        }
    }

    /// Runs `kernel` over the job, four elements at a time (eight on the AVX2 path: see
    /// ``runWide(_:wordBits:)``). The stochastic loop computes
    /// the generator's outputs in scalar registers while the kernel runs in vector ones
    /// (they overlap on different execution ports): one output per four elements with
    /// 16-bit words, two with 32-bit words.
    @inline(__always)
    func run<Kernel: RoundingKernel>(_ kernel: Kernel, wordBits: Int) {
        // Two separate functions: a loop that shares a function with a call to the other
        // path runs at half speed (LLVM allocates its registers differently).
        if wide { runWide(kernel, wordBits: wordBits) } else { runBaseline(kernel, wordBits: wordBits) }
    }

    /// The four-lane loop of ``run(_:wordBits:)``.
    @inline(never)
    func runBaseline<Kernel: RoundingKernel>(_ kernel: Kernel, wordBits: Int) {
        let source = UnsafeRawPointer(source), destination = UnsafeMutableRawPointer(destination)
        var i = 0
        if Kernel.Mode.isStochastic {
            guard case .stochastic(let seed) = rounding else { return }
            let random = CounterRandom(seed: seed, wordBits: wordBits)
            i = roundUntilAligned(kernel, random)
            var state = random.state(beforeWord: startIndex &+ UInt64(i))
            while i &+ 4 <= count {
                let words: Lanes
                state &+= CounterRandom.increment
                let first = mix64(state)
                if wordBits == 16 {
                    let low = UInt32(truncatingIfNeeded: first), high = UInt32(truncatingIfNeeded: first >> 32)
                    words = Lanes(low << 16, low & 0xFFFF_0000, high << 16, high & 0xFFFF_0000)
                } else {
                    state &+= CounterRandom.increment
                    let second = mix64(state)
                    #if _endian(little)
                    // Built from the 64-bit halves: spelled out lane by lane, LLVM's SLP
                    // vectoriser would move both generators into (slower) vector multiplies.
                    words = unsafeBitCast(SIMD2<UInt64>(first, second), to: Lanes.self)
                    #else
                    words = Lanes(UInt32(truncatingIfNeeded: first), UInt32(truncatingIfNeeded: first >> 32),
                                  UInt32(truncatingIfNeeded: second), UInt32(truncatingIfNeeded: second >> 32))
                    #endif
                }
                let bits = source.loadUnaligned(fromByteOffset: i &* 4, as: Lanes.self)
                destination.storeBytes(of: kernel.rounded(bits, random: words), toByteOffset: i &* 4, as: Lanes.self)
                i &+= 4
            }
            roundRest(kernel, from: i, random)
        } else {
            while i &+ 4 <= count {
                let bits = source.loadUnaligned(fromByteOffset: i &* 4, as: Lanes.self)
                destination.storeBytes(of: kernel.rounded(bits, random: .zero), toByteOffset: i &* 4, as: Lanes.self)
                i &+= 4
            }
            roundRest(kernel, from: i, nil)
        }
    }

    /// Rounds elements one at a time from the first until the counter is a multiple of 4,
    /// where the generator's outputs start; returns the first element left.
    @inline(__always)
    func roundUntilAligned<Kernel: RoundingKernel>(_ kernel: Kernel, _ random: CounterRandom) -> Int {
        var i = 0
        while i < count && (startIndex &+ UInt64(i)) & 3 != 0 {
            roundOne(kernel, at: i, random: random.bits(at: startIndex &+ UInt64(i)))
            i += 1
        }
        return i
    }

    /// Rounds elements `start..<count` one at a time, with their coins when `random` is given.
    @inline(__always)
    func roundRest<Kernel: RoundingKernel>(_ kernel: Kernel, from start: Int, _ random: CounterRandom?) {
        var i = start
        while i < count {
            roundOne(kernel, at: i, random: random?.bits(at: startIndex &+ UInt64(i)) ?? 0)
            i += 1
        }
    }

    /// Element `i` alone, in lane 0 (the head and tail of a job).
    @inline(__always)
    func roundOne<Kernel: RoundingKernel>(_ kernel: Kernel, at i: Int, random: UInt32) {
        var bits = Lanes.zero
        bits[0] = source[i]
        destination[i] = kernel.rounded(bits, random: Lanes(repeating: random))[0]
    }

    /// Element by element through the scalar path, for the custom formats no kernel handles
    /// (see ``dispatchFormat(_:_:)``).
    func runScalar() {
        for i in 0..<count {
            let x = Float(bitPattern: source[i])
            destination[i] = format.round(x, rounding: rounding, overflow: overflow,
                                          subnormals: subnormals, index: startIndex &+ UInt64(i)).bitPattern
        }
    }
}
