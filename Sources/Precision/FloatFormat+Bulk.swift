extension FloatFormat {
    /// Rounds every element of `source` into this format and back, writing the results to
    /// `destination`: element `i` becomes
    /// `round(source[i], rounding: rounding, overflow: overflow, subnormals: subnormals, index: startIndex + i)`,
    /// bit for bit.
    ///
    /// This is the hot loop of a simulated low-precision training step. The standard
    /// formats each have a loop specialised for every mode, written without branches on four
    /// `Float`s at a time in one 128-bit register: SSE2 on x86-64, NEON on ARM64, which every
    /// CPU of the target has. On x86-64 CPUs with AVX2 (detected at run time, once) the same
    /// kernels run on eight `Float`s at a time in 256-bit registers, with the same results
    /// bit for bit; `kernels` chooses (see ``BulkKernels``). Custom formats and the FP6 and
    /// FP4 formats take general loops of the same design; a few the loops cannot handle
    /// exactly (no sign bit or no zero, as E8M0; bias above 127; a largest value near 2^127
    /// with a narrow exponent field; or stochastic rounding with more than 12 mantissa bits
    /// and a narrow exponent field) take the scalar path, with the same results.
    ///
    /// ```swift
    /// weights.withUnsafeBufferPointer { source in
    ///     stored.withUnsafeMutableBufferPointer { destination in
    ///         FloatFormat.bf16.round(source, into: destination, rounding: .stochastic(seed: step))
    ///     }
    /// }
    /// ```
    ///
    /// ## Stochastic rounding and threads
    /// Element `i` draws the coin of counter `startIndex + i` (see
    /// ``Rounding/stochastic(seed:)``), so the result does not depend on `threads`, and
    /// rounding a tensor in pieces gives the same bits as rounding it whole if each piece
    /// passes its offset as `startIndex`. Counters wrap around modulo 2^64.
    ///
    /// ## Edge cases
    /// Exactly those of ``encode(_:rounding:overflow:subnormals:index:)`` followed by
    /// ``decode(_:)``: NaN gives the canonical NaN's `Float` with the input's sign, signed
    /// zeros are kept, overflow and ±infinity follow `overflow`.
    ///
    /// ## Floating-point environment
    /// The loops for FP16, FP8 and custom narrow formats let the FPU align and round
    /// significands, so they assume the default environment: round to nearest even, with
    /// subnormals (no x86 FTZ/DAZ bits, no ARM FZ). Swift never changes it; native code that
    /// does (some math libraries set FTZ/DAZ for speed) makes those loops differ from the
    /// scalar path for some inputs. FP32, TF32 and BF16, and the scalar path, use integer
    /// arithmetic only.
    ///
    /// - Parameters:
    ///   - source: The values to round.
    ///   - destination: Where to write the results; must have `source.count` elements, and
    ///     must either be exactly `source`'s memory (rounding in place) or not overlap it.
    ///   - rounding: Which neighbour to pick.
    ///   - overflow: What overflow and ±infinity give.
    ///   - subnormals: Whether subnormal inputs and results are kept or flushed to zero.
    ///   - startIndex: The stochastic counter of `source[0]`.
    ///   - threads: How many threads may share the work (chunks of at least 16 Ki elements);
    ///     1 (the default) runs on the calling thread.
    ///   - kernels: Which loops run: ``BulkKernels/automatic`` (the default) takes the
    ///     widest this CPU has; ``BulkKernels/baseline`` and ``BulkKernels/wide`` force one,
    ///     for comparing them (``BulkKernels/wide`` requires
    ///     ``BulkKernels/isWideAvailable``).
    public func round(
        _ source: UnsafeBufferPointer<Float>,
        into destination: UnsafeMutableBufferPointer<Float>,
        rounding: Rounding = .nearestEven,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        startIndex: UInt64 = 0,
        threads: Int = 1,
        kernels: BulkKernels = .automatic
    ) {
        precondition(kernels != .wide || BulkKernels.isWideAvailable,
                     "BulkKernels.wide needs AVX2, which this CPU does not have")
        precondition(destination.count == source.count,
                     "destination has \(destination.count) elements, source \(source.count)")
        guard let from = source.baseAddress, let to = destination.baseAddress else { return }
        let count = source.count
        precondition(UnsafePointer(to) == from || to + count <= from || from + count <= to,
                     "source and destination overlap without being the same buffer")
        let job = from.withMemoryRebound(to: UInt32.self, capacity: count) { source in
            to.withMemoryRebound(to: UInt32.self, capacity: count) { destination in
                BulkJob(source: source, destination: destination, count: count, startIndex: startIndex,
                        format: self, rounding: rounding, overflow: overflow, subnormals: subnormals,
                        wide: kernels.resolved == .wide)
            }
        }
        job.run(threads: threads)
    }

    /// Rounds every element of `buffer` into this format and back, in place.
    ///
    /// The same as ``round(_:into:rounding:overflow:subnormals:startIndex:threads:kernels:)``
    /// with `buffer` as both source and destination.
    public func round(
        _ buffer: UnsafeMutableBufferPointer<Float>,
        rounding: Rounding = .nearestEven,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        startIndex: UInt64 = 0,
        threads: Int = 1
    ) {
        round(UnsafeBufferPointer(buffer), into: buffer, rounding: rounding, overflow: overflow,
              subnormals: subnormals, startIndex: startIndex, threads: threads)
    }

    /// Rounds every element of `values` into this format and back, in place.
    ///
    /// ```swift
    /// var gradients: [Float] = ...
    /// FloatFormat.e5m2.round(&gradients, rounding: .stochastic(seed: 42))
    /// ```
    /// See ``round(_:into:rounding:overflow:subnormals:startIndex:threads:kernels:)`` for the edge
    /// cases and the meaning of `startIndex` and `threads`.
    public func round(
        _ values: inout [Float],
        rounding: Rounding = .nearestEven,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        startIndex: UInt64 = 0,
        threads: Int = 1
    ) {
        values.withUnsafeMutableBufferPointer { buffer in
            round(buffer, rounding: rounding, overflow: overflow, subnormals: subnormals,
                  startIndex: startIndex, threads: threads)
        }
    }

    /// The elements of `values` rounded into this format and back.
    ///
    /// `FloatFormat.bf16.rounded([1, 1.00390625, 3.4e38])` is `[1, 1, .infinity]`. See
    /// ``round(_:into:rounding:overflow:subnormals:startIndex:threads:kernels:)`` for the edge cases
    /// and the meaning of `startIndex` and `threads`.
    public func rounded(
        _ values: [Float],
        rounding: Rounding = .nearestEven,
        overflow: OverflowPolicy = .format,
        subnormals: SubnormalPolicy = .keep,
        startIndex: UInt64 = 0,
        threads: Int = 1
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: values.count) { destination, initialized in
            values.withUnsafeBufferPointer { source in
                round(source, into: destination, rounding: rounding, overflow: overflow,
                      subnormals: subnormals, startIndex: startIndex, threads: threads)
            }
            initialized = values.count
        }
    }
}
