import Precision
import Testing

/// Rounding `Float` into each format, against ml_dtypes/numpy and the rational reference.
@Suite("Encoding")
struct EncodeTests {
    @Test("edge cases equal the oracle (NaN as NaN)", arguments: Oracle.encodedFormats)
    func edgeCases(format: FloatFormat) throws {
        var mismatches = Mismatches()
        let file = try Oracle.file(for: format)
        let cases = file.edgeCases
        for edge in cases {
            let actual = format.encode(Float(bitPattern: edge.input))
            let expected = file.exactCode(edge.input, oracle: edge.code)
            guard !agree(format, actual, expected) else { continue }
            mismatches.record("\(edge.label) (input \(hex(edge.input))): encode \(format.hex(actual)), oracle \(format.hex(expected))")
        }
        #expect(cases.count > 100)
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("the seeded random sample equals the oracle (NaN as NaN)", arguments: Oracle.encodedFormats)
    func randomSample(format: FloatFormat) throws {
        let file = try Oracle.file(for: format)
        let pairs = file.samplePairs
        var mismatches = Mismatches()
        for (input, oracleCode) in pairs {
            let actual = format.encode(Float(bitPattern: input))
            let code = file.exactCode(input, oracle: oracleCode)
            guard !agree(format, actual, code) else { continue }
            mismatches.record("input \(hex(input)): encode \(format.hex(actual)), oracle \(format.hex(code))")
        }
        #expect(pairs.count == 20_000)
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("FP32 encode and decode are the identity on bit patterns, NaN canonicalised")
    func fp32Identity() {
        var generator = SplitMix64(seed: 0x5EED_F32)
        let specials: [UInt32] = [0, 0x8000_0000, 1, 0x8000_0001, 0x007F_FFFF, 0x0080_0000,
                                  0x7F7F_FFFF, 0xFF7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x3F80_0000]
        let random = (0..<200_000).map { _ in UInt32(truncatingIfNeeded: generator.next()) }
        var mismatches = Mismatches()
        for bits in specials + random {
            let x = Float(bitPattern: bits)
            let expected = x.isNaN ? (bits & 0x8000_0000) | 0x7FC0_0000 : bits
            let code = FloatFormat.fp32.encode(x)
            let decoded = FloatFormat.fp32.decode(code).bitPattern
            if code != expected || decoded != expected {
                mismatches.record("input \(hex(bits)): encode \(hex(code)), decode \(hex(decoded)), expected \(hex(expected))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("NaN encodes to the format's canonical quiet NaN with the input's sign",
          arguments: FloatFormat.all)
    func canonicalNaN(format: FloatFormat) {
        let payloads: [UInt32] = [0x7FC0_0000, 0x7F80_0001, 0x7FFF_FFFF, 0x7FA0_0000]
        let positive = format.encode(.nan)
        let negative = format.encode(-.nan)
        let (sign, exponent, mantissa) = format.fields(positive)
        #expect(format.classify(positive) == .nan)
        #expect(sign == 0 && negative == positive | 1 << UInt32(format.bitWidth - 1))
        if format.nanEncoding == .ieee {
            #expect(exponent == (1 << UInt32(format.exponentBits)) - 1)
            #expect(mantissa == 1 << UInt32(format.mantissaBits - 1), "quiet bit only: \(format.hex(positive))")
        } else {
            #expect(positive == (1 << UInt32(format.bitWidth - 1)) - 1, "all ones: \(format.hex(positive))")
        }
        for payload in payloads {
            #expect(format.encode(Float(bitPattern: payload)) == positive, "input \(hex(payload))")
            #expect(format.encode(Float(bitPattern: payload | 0x8000_0000)) == negative, "input \(hex(payload | 0x8000_0000))")
        }
    }

    @Test("round is decode(encode(x))", arguments: FloatFormat.all)
    func roundComposes(format: FloatFormat) {
        var generator = SplitMix64(seed: 0xD0_0D)
        for _ in 0..<2_000 {
            let bits = UInt32(truncatingIfNeeded: generator.next())
            let x = Float(bitPattern: bits)
            let expected = format.decode(format.encode(x)).bitPattern
            #expect(format.round(x).bitPattern == expected, "input \(hex(bits))")
        }
    }

    @Test("saturating overflow clamps to ±max exactly where the standard format overflows",
          arguments: [FloatFormat.e4m3fn, .e5m2, .fp16])
    func saturation(format: FloatFormat) throws {
        let saturating = try FloatFormat.custom(
            name: format.name + " sat", exponentBits: format.exponentBits,
            mantissaBits: format.mantissaBits, bias: format.bias, hasInfinity: format.hasInfinity,
            nanEncoding: format.nanEncoding, overflow: .saturate)
        let positiveMax = format.encode(Float(format.maxValue))
        var mismatches = Mismatches()
        for (input, _) in try Oracle.file(for: format).samplePairs {
            let x = Float(bitPattern: input)
            let standard = format.encode(x)
            let overflowed = !x.isNaN && [.nan, .infinity].contains(format.classify(standard))
            let expected = overflowed ? positiveMax | (standard & (1 << UInt32(format.bitWidth - 1))) : standard
            let actual = saturating.encode(x)
            if actual != expected {
                mismatches.record("input \(hex(input)): saturating \(format.hex(actual)), expected \(format.hex(expected))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("the examples in the doc comments hold")
    func documentedExamples() {
        let third = FloatFormat.bf16.encode(1.0 / 3.0)
        #expect(third == 0x3EAB, "\(hex(third))")
        #expect(FloatFormat.bf16.decode(third) == 0.333984375)
        #expect(FloatFormat.e4m3fn.round(500).isNaN)
        #expect(FloatFormat.e4m3fn.round(464) == 448 && FloatFormat.e4m3fn.round(464.00003).isNaN)
        #expect(FloatFormat.e5m2.round(61439.996) == 57344 && FloatFormat.e5m2.round(61440) == .infinity)
        #expect(FloatFormat.fp16.round(70000) == .infinity)
        #expect(FloatFormat.fp16.encode(-0x1p-30) == 0x8000, "underflow keeps the sign")
        let (sign, exponent, mantissa) = FloatFormat.fp16.fields(0x7BFF)
        #expect(sign == 0 && exponent == 30 && mantissa == 1023)
    }

    /// Codes agree when equal, or when both are NaN codes (NaN payloads differ between
    /// numpy and ml_dtypes and are not part of the contract).
    private func agree(_ format: FloatFormat, _ actual: UInt32, _ oracle: UInt32) -> Bool {
        actual == oracle || (format.classify(actual) == .nan && format.classify(oracle) == .nan)
    }
}
