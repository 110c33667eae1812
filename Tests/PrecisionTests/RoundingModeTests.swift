import Precision
import Testing

/// Rounding modes and policies: names, fixed points, overflow, flush-to-zero, signed zeros.
@Suite("Rounding modes")
struct RoundingModeTests {
    static let allModes: [Rounding] = Rounding.deterministic + [.stochastic(seed: 3)]

    @Test("mode names are the CLI spellings and parse back; unknown names give nil")
    func modeNames() {
        #expect(Rounding.names == ["nearest-even", "nearest-away", "toward-zero", "up", "down", "stochastic"])
        for rounding in Self.allModes {
            #expect(Rounding(name: rounding.name, seed: 3) == rounding)
        }
        #expect(Rounding(name: "stochastic") == .stochastic(seed: 0))
        #expect(Rounding(name: "nearest") == nil && Rounding(name: "Up") == nil && Rounding(name: "") == nil)
        #expect(Rounding.stochastic(seed: 7).description == "stochastic(seed: 7)")
        #expect(Rounding.towardZero.description == "toward-zero")
    }

    @Test("format names are the CLI spellings, case-insensitive; unknown names give nil")
    func formatNames() throws {
        #expect(FloatFormat.names == ["fp32", "tf32", "bf16", "fp16", "e4m3fn", "e5m2",
                                      "e2m3fn", "e3m2fn", "e2m1fn", "e8m0"])
        #expect(FloatFormat.allNamed == FloatFormat.all + FloatFormat.microscaling)
        for (name, format) in zip(FloatFormat.names, FloatFormat.allNamed) {
            #expect(FloatFormat.named(name) == format)
            #expect(FloatFormat.named(name.uppercased()) == format)
            #expect(format.cliName == name)
        }
        #expect(FloatFormat.named("fp8") == nil && FloatFormat.named("FP8 E4M3FN") == nil)
        let renamed = try FloatFormat.custom(name: "half", exponentBits: 5, mantissaBits: 10)
        #expect(renamed.cliName == nil)
    }

    @Test("every code is a fixed point of every mode, scalar and bulk (NaN to the signed canonical NaN)",
          arguments: [FloatFormat.fp16, .bf16, .e4m3fn, .e5m2, .tf32, .e2m3fn, .e3m2fn, .e2m1fn])
    func representableValuesAreFixed(format: FloatFormat) {
        let codes = Array(0..<UInt32(format.codeCount))
        let values = codes.map(format.decode)
        let policies: [(OverflowPolicy, SubnormalPolicy)] = format.bitWidth > 16
            ? [(.format, .keep)] : [(.format, .keep), (.saturate, .keep), (.format, .flushToZero), (.saturate, .flushToZero)]
        var mismatches = Mismatches()
        for rounding in Self.allModes {
            for (overflow, subnormals) in policies {
                let bulk = format.rounded(values, rounding: rounding, overflow: overflow, subnormals: subnormals)
                for (code, value) in zip(codes, values) {
                    let expected = fixedPoint(format, code, overflow, subnormals)
                    let actual = format.encode(value, rounding: rounding, overflow: overflow, subnormals: subnormals,
                                               index: UInt64(code))
                    let bulkCode = format.encode(bulk[Int(code)])
                    if actual != expected || bulkCode != expected {
                        mismatches.record("\(rounding) \(overflow) \(subnormals) code \(format.hex(code)): "
                            + "scalar \(format.hex(actual)), bulk \(format.hex(bulkCode)), expected \(format.hex(expected))")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    /// What re-encoding a decoded code gives: the code itself, except NaN (canonical, signed),
    /// infinity under saturation (±max) and subnormals under flush-to-zero (±0).
    private func fixedPoint(_ format: FloatFormat, _ code: UInt32, _ overflow: OverflowPolicy,
                            _ subnormals: SubnormalPolicy) -> UInt32 {
        let sign = code & (1 << UInt32(format.bitWidth - 1))
        switch format.classify(code) {
        case .nan: return format.encode(sign == 0 ? .nan : -.nan)
        case .infinity where overflow == .saturate: return sign | format.encode(Float(format.maxValue))
        case .subnormal where subnormals == .flushToZero: return sign
        default: return code
        }
    }

    @Test("overflow follows IEEE 754 §7.4 per mode; ±infinity is exact; saturation gives ±max",
          arguments: FloatFormat.all)
    func overflow(format: FloatFormat) {
        let max = Float(format.maxValue)
        // Twice the largest value, or Float's largest (past BF16's and TF32's rounding range).
        let big = min(2 * max, .greatestFiniteMagnitude)
        // The format's own overflow result: infinity, or NaN for E4M3FN.
        func own(_ sign: Float) -> Float { format.hasInfinity ? sign * .infinity : (sign < 0 ? -.nan : .nan) }
        for rounding in Self.allModes {
            let truncatesPositive = [.towardZero, .down].contains(rounding)
            let truncatesNegative = [.towardZero, .up].contains(rounding)
            var cases: [(Float, OverflowPolicy, Float)] = [
                (.infinity, .format, own(1)), (-.infinity, .format, own(-1)),
                (.infinity, .saturate, max), (-.infinity, .saturate, -max),
                (big, .saturate, format == .fp32 ? big : max), (-big, .saturate, format == .fp32 ? -big : -max),
            ]
            if format != .fp32 {
                cases += [(big, .format, truncatesPositive ? max : own(1)),
                          (-big, .format, truncatesNegative ? -max : own(-1))]
            }
            for (input, overflow, expected) in cases {
                let actual = format.round(input, rounding: rounding, overflow: overflow)
                let same = expected.isNaN
                    ? actual.isNaN && actual.sign == expected.sign
                    : actual.bitPattern == expected.bitPattern
                #expect(same, "\(format) \(rounding) \(overflow) \(input): \(actual), expected \(expected)")
            }
        }
    }

    @Test("flush-to-zero reads subnormal inputs as zero and flushes subnormal results after rounding",
          arguments: FloatFormat.all)
    func flushToZero(format: FloatFormat) {
        let tiny = Float.leastNonzeroMagnitude
        for rounding in Self.allModes {
            for sign: Float in [1, -1] {
                let flushed = format.round(sign * tiny, rounding: rounding, subnormals: .flushToZero)
                #expect(flushed.bitPattern == (sign * 0).bitPattern, "\(format) \(rounding) \(sign * tiny) -> \(flushed)")
                // A subnormal of the format: a Float subnormal for FP32, TF32 and BF16 (flushed
                // as an input), a normal Float with a subnormal result for the others.
                let subnormal = sign * Float(format.minSubnormal) * 3
                let result = format.round(subnormal, rounding: rounding, subnormals: .flushToZero)
                #expect(result.bitPattern == (sign * 0).bitPattern, "\(format) \(rounding) \(subnormal) -> \(result)")
            }
        }
        guard format == .fp16 else { return }
        // Tininess after rounding: just below 2^-14, nearest rounds up to the normal 2^-14.
        let justBelow = Float(0x1p-14) * (1 - 0x1p-12)
        #expect(format.round(justBelow, rounding: .nearestEven, subnormals: .flushToZero) == 0x1p-14)
        #expect(format.round(justBelow, rounding: .towardZero, subnormals: .flushToZero) == 0)
        #expect(format.round(justBelow, rounding: .towardZero) == 0x1p-14 - 0x1p-24)
    }

    @Test("zero results keep the input's sign in every mode", arguments: FloatFormat.all)
    func signedZeros(format: FloatFormat) {
        let tiny = format == .fp32 ? Float(0) : Float(format.minSubnormal) / 4
        for rounding in Self.allModes {
            for zero: Float in [0, -0.0] {
                #expect(format.round(zero, rounding: rounding).bitPattern == zero.bitPattern, "\(format) \(rounding) \(zero)")
            }
            guard format != .fp32 else { continue }
            #expect(format.round(tiny, rounding: .towardZero).bitPattern == Float(0).bitPattern)
            #expect(format.round(-tiny, rounding: .up).bitPattern == Float(-0.0).bitPattern, "\(format) up of -tiny")
            #expect(format.round(tiny, rounding: .down).bitPattern == Float(0).bitPattern, "\(format) down of +tiny")
            #expect(format.round(-tiny, rounding: .down) == -Float(format.minSubnormal))
            #expect(format.round(tiny, rounding: .up) == Float(format.minSubnormal))
        }
    }

    @Test("FP32 rounds nothing: every mode is the identity on finite values")
    func fp32() {
        var generator = SplitMix64(seed: 0xF32)
        for _ in 0..<5_000 {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            guard x.isFinite else { continue }
            for rounding in Self.allModes {
                #expect(FloatFormat.fp32.round(x, rounding: rounding).bitPattern == x.bitPattern)
            }
        }
    }

    @Test("the examples in the doc comments hold")
    func documentedExamples() {
        #expect(FloatFormat.bf16.encode(1 + 0x1p-9, rounding: .up) == 0x3F81)
        #expect(FloatFormat.e4m3fn.encode(1000, rounding: .towardZero) == 0x7E)
        #expect(FloatFormat.e4m3fn.round(1000, rounding: .up).isNaN)
        #expect(FloatFormat.fp16.encode(70000, rounding: .nearestEven, overflow: .saturate) == 0x7BFF)
        #expect(FloatFormat.fp16.round(70000, rounding: .towardZero) == 65504)
        #expect(FloatFormat.fp16.round(-70000, rounding: .up) == -65504)
        #expect(FloatFormat.fp16.round(-1e9, rounding: .up) == -65504)
        #expect(FloatFormat.fp16.round(0x1p-25, rounding: .up, subnormals: .flushToZero) == 0)
        #expect(FloatFormat.fp16.round(-0x1p-30, rounding: .up).bitPattern == Float(-0.0).bitPattern)
        #expect(FloatFormat.e4m3fn.encode(.infinity, rounding: .towardZero) == 0x7F)
    }
}
