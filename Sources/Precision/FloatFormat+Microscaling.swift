// The element and scale formats of the OCP Microscaling (MX) specification v1.0 beyond FP8,
// as ml_dtypes implements them.

extension FloatFormat {
    /// OCP MX FP6 E2M3, ml_dtypes' `float6_e2m3fn`: 1 + 2 + 3 bits, bias 1, largest value
    /// 7.5, no infinity and no NaN.
    ///
    /// Every one of the 64 codes is a finite value: subnormals 0.125…0.875, normals from 1
    /// to 7.5 in steps of 0.125 (binade [1, 2)) up to 0.5 (binade [4, 8)).
    ///
    /// ## Overflow and NaN
    /// Overflow saturates, as OCP MX v1.0 (§5.3.2) requires for conversions into FP6 and
    /// FP4: 7.75 and above, and ±infinity, give ±7.5 (``Overflow/saturate``). A NaN input
    /// gives a zero of the opposite sign (see ``NaNEncoding/noNaN``); the specification
    /// leaves that case to the implementation.
    public static let e2m3fn = FloatFormat(
        name: "FP6 E2M3FN", exponentBits: 2, mantissaBits: 3, bias: 1,
        hasInfinity: false, nanEncoding: .noNaN, overflow: .saturate)

    /// OCP MX FP6 E3M2, ml_dtypes' `float6_e3m2fn`: 1 + 3 + 2 bits, bias 3, largest value
    /// 28, no infinity and no NaN.
    ///
    /// Subnormals are multiples of 0.0625 below 0.25; the top binade holds 16, 20, 24, 28.
    /// Overflow (from the tie 30 up, ±infinity) saturates to ±28; NaN is handled as in
    /// ``e2m3fn``.
    public static let e3m2fn = FloatFormat(
        name: "FP6 E3M2FN", exponentBits: 3, mantissaBits: 2, bias: 3,
        hasInfinity: false, nanEncoding: .noNaN, overflow: .saturate)

    /// OCP MX FP4 E2M1, ml_dtypes' `float4_e2m1fn`: 1 + 2 + 1 bits, bias 1, no infinity and
    /// no NaN. Its sixteen codes are ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}.
    ///
    /// Ties go to even: 0.25 → 0, 0.75 → 1, 2.5 → 2, 5 → 4. Overflow (from the tie 7 up,
    /// ±infinity) saturates to ±6; NaN is handled as in ``e2m3fn``. NVFP4 stores its
    /// elements in this format too.
    public static let e2m1fn = FloatFormat(
        name: "FP4 E2M1FN", exponentBits: 2, mantissaBits: 1, bias: 1,
        hasInfinity: false, nanEncoding: .noNaN, overflow: .saturate)

    /// OCP MX E8M0, the shared scale of an MX block, ml_dtypes' `float8_e8m0fnu`: eight
    /// exponent bits, no sign bit, no mantissa, bias 127.
    ///
    /// Code `c` is `2^(c - 127)` for `c` in 0…254, so code 0 is `2^-127` (there is no zero
    /// and there are no subnormals: ``hasZero`` and ``hasSign`` are false), and code 255 is
    /// the one NaN (``NaNEncoding/allOnes``). No infinity.
    ///
    /// ## Rounding
    /// Ties go *up*, as in ml_dtypes: 1.5 → 2, 3 → 4, 6 → 8. With no mantissa bits a value
    /// has one significant bit, its leading 1, so both neighbours of a tie are "odd";
    /// ``Rounding/nearestEven`` (the parity of the significand, as for every format here)
    /// then rounds up, exactly as ``Rounding/nearestAway`` does. (Reading "even" as an even
    /// exponent field instead would send 3 to 2; neither IEEE 754, which assumes at least
    /// two significant bits, nor OCP decides it.) Positive values below `2^-127` round to
    /// `2^-127` in every mode.
    ///
    /// ## Zero, negatives, overflow and NaN
    /// ±0, every negative input, NaN, +infinity and values that round above `2^127` give
    /// NaN (code 255), as in ml_dtypes. Under ``OverflowPolicy/saturate`` +infinity and
    /// overflow give `2^127` instead; zero and negatives are still NaN.
    ///
    /// ## Where others differ
    /// ml_dtypes 0.6.0 departs from nearest rounding for one range of inputs: `Float`
    /// subnormals strictly between `2^-127` and `1.5 · 2^-127`, which it rounds up to
    /// `2^-126` (code 1) although `2^-127` (code 0) is nearer. Its conversion rounds that
    /// binade as if code 0 were a subnormal worth 0, so the tie falls at `2^-127`. This
    /// format rounds them to `2^-127`; the oracle files record where the two differ.
    ///
    /// OCP MX v1.0 does not define a conversion into E8M0: its scale is computed directly
    /// as a power of two, `2^(⌊log2 amax⌋ - emax)` of the block's largest magnitude and the
    /// element format's largest exponent, so it never rounds. NVIDIA's hardware conversion
    /// (PTX `cvt.frnd3{.satfinite}.ue8m0x2.f32`) offers only rounding toward zero (`.rz`,
    /// ``Rounding/towardZero``) and up (`.rp`, ``Rounding/up``), with optional saturation;
    /// the MXFP8 scale rule of cuBLAS rounds `amax / max(element)` *up* to a power of two,
    /// so that no element saturates. None of them rounds to nearest as ml_dtypes' cast does.
    public static let e8m0 = FloatFormat(
        name: "E8M0", exponentBits: 8, mantissaBits: 0, bias: 127,
        hasInfinity: false, nanEncoding: .allOnes, overflow: .nan, hasSign: false, hasZero: false)

    /// The OCP MX formats that are not also standard formats, narrowest element first:
    /// FP6 E2M3FN, FP6 E3M2FN, FP4 E2M1FN, and the scale format E8M0.
    ///
    /// Kept apart from ``all``, whose formats are the book's table of IEEE-like formats.
    /// MXFP8's elements are ``e4m3fn`` and ``e5m2``.
    public static let microscaling: [FloatFormat] = [e2m3fn, e3m2fn, e2m1fn, e8m0]
}
