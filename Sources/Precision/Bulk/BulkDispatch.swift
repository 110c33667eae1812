// One specialised loop per standard format, rounding mode and subnormal policy: the
// format's layout is given as literals, so its constants fold into the loop. Custom formats
// share general loops whose constants are loop-invariant values.

extension BulkJob {
    /// Whether overflow saturates: by policy, or by the format's own rule.
    var saturates: Bool { overflow == .saturate || format.overflow == .saturate }

    /// Picks the loop for the job's format; the mode and subnormal policy are fixed.
    ///
    /// Formats with FP32's exponent field take the wide kernel unless they overflow to NaN;
    /// others the narrow kernels. What no kernel handles exactly takes the scalar path:
    /// formats without a sign bit or without zero (E8M0), formats whose normal range reaches below FP32's (bias above 127), where a subnormal
    /// `Float` can round to a normal code; formats whose magic constants would overflow
    /// `Float` (largest value near 2^127 with a narrow exponent field); and, for stochastic
    /// rounding, narrow formats with more than 12 mantissa bits.
    func dispatchFormat<Mode: RoundingIncrement, Subnormals: SubnormalHandling>(
        _ mode: Mode.Type, _ subnormals: Subnormals.Type
    ) {
        let f = format, shape = KernelShape(f)
        if !f.hasSign || !f.hasZero { return runScalar() }  // E8M0: a block scale, rarely bulk
        let fp32Exponent = f.exponentBits == 8 && f.bias == 127 && f.nanEncoding == .ieee && f.hasInfinity
        if f.minExponent < -126 { return runScalar() }
        if fp32Exponent && (saturates || f.overflow == .infinity) {
            switch f.mantissaBits {
            case 23: return roundFP32(TowardZeroIncrement.self, subnormals)  // nothing to round: skip the coin
            case 10: return roundTF32(mode, subnormals)
            case 7: return roundBF16(mode, subnormals)
            default: return roundWide(mode, subnormals, mantissaBits: f.mantissaBits)
            }
        }
        let fits = Mode.isStochastic ? NarrowStochasticKernel<Subnormals>.fits(shape)
            : NarrowKernel<Mode, Subnormals>.fits(shape)
        if !fits { return runScalar() }
        switch (f.exponentBits, f.mantissaBits, f.bias, f.nanEncoding) {
        case (5, 10, 15, .ieee): roundFP16(mode, subnormals)
        case (4, 3, 7, .allOnes): roundE4M3FN(mode, subnormals)
        case (5, 2, 15, .ieee): roundE5M2(mode, subnormals)
        default: roundNarrow(mode, subnormals, shape: shape)
        }
    }

    @inline(never)
    func roundFP32<M: RoundingIncrement, S: SubnormalHandling>(_: M.Type, _: S.Type) {
        run(WideKernel<M, S>(mantissaBits: 23, saturates: saturates), wordBits: 16)
    }

    @inline(never)
    func roundTF32<M: RoundingIncrement, S: SubnormalHandling>(_: M.Type, _: S.Type) {
        run(WideKernel<M, S>(mantissaBits: 10, saturates: saturates), wordBits: 16)
    }

    @inline(never)
    func roundBF16<M: RoundingIncrement, S: SubnormalHandling>(_: M.Type, _: S.Type) {
        run(WideKernel<M, S>(mantissaBits: 7, saturates: saturates), wordBits: 16)
    }

    @inline(never)
    func roundFP16<M: RoundingIncrement, S: SubnormalHandling>(_ mode: M.Type, _ subnormals: S.Type) {
        runNarrow(mode, subnormals, shape: KernelShape(exponentBits: 5, mantissaBits: 10, bias: 15, nanEncoding: .ieee))
    }

    @inline(never)
    func roundE4M3FN<M: RoundingIncrement, S: SubnormalHandling>(_ mode: M.Type, _ subnormals: S.Type) {
        runNarrow(mode, subnormals, shape: KernelShape(exponentBits: 4, mantissaBits: 3, bias: 7, nanEncoding: .allOnes))
    }

    @inline(never)
    func roundE5M2<M: RoundingIncrement, S: SubnormalHandling>(_ mode: M.Type, _ subnormals: S.Type) {
        runNarrow(mode, subnormals, shape: KernelShape(exponentBits: 5, mantissaBits: 2, bias: 15, nanEncoding: .ieee))
    }

    /// Custom formats with FP32's exponent field.
    @inline(never)
    func roundWide<M: RoundingIncrement, S: SubnormalHandling>(_: M.Type, _: S.Type, mantissaBits: Int) {
        run(WideKernel<M, S>(mantissaBits: mantissaBits, saturates: saturates), wordBits: format.stochasticWordBits)
    }

    /// Other custom formats.
    @inline(never)
    func roundNarrow<M: RoundingIncrement, S: SubnormalHandling>(_ mode: M.Type, _ subnormals: S.Type, shape: KernelShape) {
        runNarrow(mode, subnormals, shape: shape)
    }

    @inline(__always)
    func runNarrow<M: RoundingIncrement, S: SubnormalHandling>(_: M.Type, _: S.Type, shape: KernelShape) {
        if M.isStochastic {
            run(NarrowStochasticKernel<S>(shape: shape, format: format, overflow: overflow), wordBits: 32)
        } else {
            run(NarrowKernel<M, S>(shape: shape, format: format, overflow: overflow), wordBits: 32)
        }
    }
}
