// Range and precision of a format, computed from its fields (never typed in).

extension FloatFormat {
    /// The largest finite value (448 for E4M3FN, 57344 for E5M2, 65504 for FP16, 7.5 for
    /// E2M3FN, 28 for E3M2FN, 6 for E2M1FN, 2^127 for E8M0).
    ///
    /// For ``NaNEncoding/ieee`` formats this is `(2 - 2^-m) × 2^maxExponent`; E4M3FN
    /// reclaims its top binade except the NaN code, so it is `(2 - 2^(1-m)) × 2^8 = 448`;
    /// the ``NaNEncoding/noNaN`` formats use their whole top binade (`(2 - 2^-m) × 2^emax`).
    /// Round-to-nearest overflows only for values that round to more than this (see
    /// ``Overflow``).
    public var maxValue: Double {
        Double(decode(maxFiniteMagnitude))
    }

    /// The smallest positive normal value, `2^minExponent` (`2^-14` for FP16, `2^-6` for
    /// E4M3FN, 1 for E2M3FN and E2M1FN, `2^-127` for E8M0). numpy calls it
    /// `finfo.smallest_normal` (alias `tiny`).
    public var minNormal: Double {
        Double(sign: .plus, exponent: minExponent, significand: 1)
    }

    /// The smallest positive value, a subnormal: `2^(minExponent - mantissaBits)`
    /// (`2^-24` for FP16, `2^-9` for E4M3FN, `2^-149` for FP32, `2^-3` for E2M3FN).
    ///
    /// Half of it is the rounding boundary to zero: values up to and including
    /// `minSubnormal / 2` round to ±0. With `mantissaBits == 0` there are no subnormals
    /// and this equals ``minNormal``; so it does in a format without zero (``hasZero``
    /// false: E8M0's is `2^-127`, as ml_dtypes' `finfo.smallest_subnormal` says), where
    /// every smaller positive value rounds up to it.
    public var minSubnormal: Double {
        Double(sign: .plus, exponent: smallestValueExponent, significand: 1)
    }

    /// The exponent of ``minSubnormal``.
    var smallestValueExponent: Int {
        hasZero ? minExponent - mantissaBits : minExponent
    }

    /// The gap between 1 and the next larger value, `2^-mantissaBits`.
    ///
    /// numpy's `finfo.eps` (and C's `FLT_EPSILON`): `2^-23` for FP32, `2^-7 = 0.0078125`
    /// for BF16, `2^-3` for E4M3FN, 1 for E8M0. It is the spacing of the binade [1, 2), twice
    /// ``unitRoundoff``.
    public var machineEpsilon: Double {
        Double(sign: .plus, exponent: -mantissaBits, significand: 1)
    }

    /// The largest relative error of round-to-nearest, `2^-(mantissaBits + 1)`: half of
    /// ``machineEpsilon`` (`u` in Higham's *Accuracy and Stability of Numerical Algorithms*).
    ///
    /// For every `x` whose magnitude lies in [``minNormal``, ``maxValue``],
    /// `round(x) = x(1 + δ)` with `|δ| ≤ unitRoundoff`. The bound does not hold for
    /// subnormal results (their absolute error is at most `minSubnormal / 2`) nor for
    /// overflow. BF16's is `2^-8 = 0.00390625`.
    public var unitRoundoff: Double {
        Double(sign: .plus, exponent: -(mantissaBits + 1), significand: 1)
    }

    /// The precision in decimal digits, `(mantissaBits + 1) · log10(2)`, unrounded: 7.22 for
    /// FP32, 3.31 for FP16, 2.41 for BF16, 1.20 for E4M3FN, 0.90 for E5M2.
    ///
    /// This is `p · log10(2)` for the `p = mantissaBits + 1` significant bits, the usual
    /// "about 7 digits" of a `Float`. It is not numpy's `finfo.precision`, an integer
    /// defined as `int(-log10(eps))`, i.e. `floor((p - 1) · log10(2))` — the count C calls
    /// `FLT_DIG`, of decimal digits that survive a round trip through the format: 6 for
    /// float32, 3 for float16, 15 for float64 (NumPy 1.x computed it in Python; NumPy 2.4
    /// fills `finfo` from C with the same values). ml_dtypes does not compute it but writes
    /// it by hand per type: 2 for `bfloat16` and 0 for the FP6 and FP4 types (which agree
    /// with the formula), and 1 for `float8_e4m3fn`, `float8_e5m2` and `float8_e8m0fnu`,
    /// where the formula gives 0.
    public var decimalDigits: Double {
        Double(mantissaBits + 1) * log10Of2
    }

    /// The unbiased exponent of ``maxValue`` (15 for FP16, 8 for E4M3FN, 127 for FP32 and
    /// E8M0, 2 for E2M3FN and E2M1FN, 4 for E3M2FN).
    ///
    /// numpy's `finfo.maxexp` is one more than this: it is the smallest power of two that
    /// overflows.
    public var maxExponent: Int {
        Int(maxFiniteMagnitude >> UInt32(mantissaBits)) - bias
    }

    /// The unbiased exponent of ``minNormal``, `1 - bias` (−14 for FP16, −6 for E4M3FN,
    /// −126 for FP32, 0 for E2M3FN); numpy's `finfo.minexp`. In a format without zero
    /// exponent field 0 is normal, so it is `-bias` (−127 for E8M0).
    public var minExponent: Int {
        lowestNormalField - bias
    }
}

/// log10(2), correctly rounded to `Double`.
private let log10Of2 = 0.301_029_995_663_981_195_213_738_894_724_493_026_768_189_881_462_108_541_310
