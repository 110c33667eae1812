import Charts
import Precision

/// The figures the snapshot tests pin down, built from exact arithmetic only (no libm),
/// so their data is the same on every platform.
enum CanonicalFigures {
    /// Two series on log–log axes: an error that falls as 1/√n, and the same error
    /// floored at BF16's unit roundoff.
    static var logLogLines: Figure {
        let i = (1...40).map { Double($0) }
        let n = i.map { $0 * $0 * $0 * $0 }
        let fp32 = i.map { 1 / ($0 * $0) }
        let bf16 = fp32.map { max($0, 0x1p-8) }
        return Figure(
            title: "Error of a running mean",
            x: .log10("samples"), y: .log10("relative error"),
            marks: [.line("FP32", x: n, y: fp32), .line("BF16 accumulator", x: n, y: bf16)],
            caption: "The BF16 accumulator stops improving at its unit roundoff, 2^-8.")
    }

    /// A loss curve with NaN, +inf and -inf in it, and one finite point between NaNs.
    static var lossWithGaps: Figure {
        var loss = (0..<50).map { 2.5 - Double($0) * 0.03 }
        loss[10] = .nan
        loss[11] = .nan
        loss[20] = .infinity
        loss[30] = -.infinity
        loss[40] = .nan
        loss[42] = .nan
        return Figure(
            title: "Training loss, FP16 without loss scaling",
            x: .linear("step"), y: .linear("loss"),
            marks: [.line("FP16", y: loss), .reference(y: 1, label: "target")])
    }

    /// Gradient magnitudes: a deterministic spread over 2^-40 ... 2^4 with zeros and
    /// non-finite values, against FP16's range.
    static var gradientExponents: Figure {
        Figure(
            title: "Gradient magnitudes by binade",
            x: .log2("|gradient|"), y: .linear("count"),
            marks: [
                .band(x: 0x1p-14...65504, label: "FP16 normal range"),
                .exponentHistogram("gradients", of: gradientSample),
                .reference(x: 0x1p-24, label: "FP16 min subnormal"),
                .reference(x: 65504, label: "FP16 max 65504"),
            ])
    }

    /// 2 000 values whose exponents follow a bell shape around 2^-18, plus 7 zeros,
    /// 2 NaN, 1 +inf and 1 -inf.
    static var gradientSample: [Double] {
        var generator = SplitMix64(seed: 42)
        var values: [Double] = []
        for _ in 0..<2000 {
            // A sum of three uniform integers: a rough bell over exponents -40 ... 2.
            let e = -40 + Int(generator.next() % 15) + Int(generator.next() % 15) + Int(generator.next() % 15)
            let mantissa = 1 + Double(generator.next() >> 11) * 0x1p-53
            let sign: Double = generator.next() & 1 == 0 ? 1 : -1
            values.append(sign * mantissa * Double(sign: .plus, exponent: e, significand: 1))
        }
        values += Array(repeating: 0, count: 6) + [-0.0, .nan, .nan, .infinity, -.infinity]
        return values
    }

    /// Two scatter series, one with a NaN y.
    static var scatter: Figure {
        let x = (0..<30).map { Double($0) / 10 }
        let a = x.map { $0 * $0 - 2 * $0 }
        var b = x.map { 1 - $0 / 2 }
        b[7] = .nan
        return Figure(
            title: "Scatter <with> \"escaped\" & text",
            x: .linear("x"), y: .linear("f(x)"),
            marks: [.scatter("x² - 2x", x: x, y: a), .scatter("1 - x/2", x: x, y: b)])
    }

    /// Two configurations over five seeds each, drawn as the median with the band from the
    /// minimum to the maximum. One seed of the second overflows to +inf at step 30 (the
    /// band breaks, the median goes on) and one is NaN at step 45 (both break).
    static var seedBands: Figure {
        var generator = SplitMix64(seed: 7)
        func runs(halfLife: Double, spread: Double) -> [[Double]] {
            (0..<5).map { _ in
                (0..<60).map { step in
                    let u = Double(generator.next() >> 11) * 0x1p-53
                    return 2.4 * halfLife / (halfLife + Double(step)) * (1 + spread * (u - 0.5))
                }
            }
        }
        let fp32 = runs(halfLife: 16, spread: 0.1)
        var fp16 = runs(halfLife: 24, spread: 0.3)
        fp16[3][30] = .infinity
        fp16[1][45] = .nan
        return Figure(
            title: "Loss over five seeds",
            x: .linear("step"), y: .linear("loss"),
            marks: [.seeds("FP32", y: fp32), .seeds("FP16 & loss scaling", y: fp16)],
            caption: "The line is the median of five seeds; the band runs from their minimum to their maximum.")
    }

    static let all: [(name: String, figure: Figure)] = [
        ("log-log-lines", logLogLines),
        ("loss-with-gaps", lossWithGaps),
        ("gradient-exponents", gradientExponents),
        ("scatter", scatter),
        ("seed-bands", seedBands),
    ]
}

