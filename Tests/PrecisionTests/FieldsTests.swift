import Precision
import Testing

/// Fields, bit strings and categories.
@Suite("Fields and categories")
struct FieldsTests {
    @Test("bitString of known codes")
    func bitStrings() {
        let known: [(FloatFormat, UInt32, String)] = [
            (.fp16, 0x7BFF, "0 11110 1111111111"),
            (.fp16, 0x8001, "1 00000 0000000001"),
            (.fp32, 0x3F80_0000, "0 01111111 00000000000000000000000"),
            (.tf32, 0x3_FFFF, "0 11111111 1111111111"),
            (.bf16, 0xC049, "1 10000000 1001001"),
            (.e4m3fn, 0x7F, "0 1111 111"),
            (.e4m3fn, 0x7E, "0 1111 110"),
            (.e5m2, 0xFC, "1 11111 00"),
        ]
        for (format, code, expected) in known {
            #expect(format.bitString(code) == expected, "\(format) \(format.hex(code))")
        }
    }

    @Test("fields split the code and put it back together", arguments: FloatFormat.allNamed)
    func fieldsRecompose(format: FloatFormat) {
        var generator = SplitMix64(seed: 0xF1E1D5)
        for _ in 0..<1_000 {
            let code = UInt32(truncatingIfNeeded: generator.next()) & UInt32((UInt64(1) << UInt64(format.bitWidth)) - 1)
            let (sign, exponent, mantissa) = format.fields(code)
            let signShift = UInt32(format.exponentBits + format.mantissaBits)
            #expect(format.hasSign || sign == 0)
            let rebuilt = sign << signShift | exponent << UInt32(format.mantissaBits) | mantissa
            #expect(rebuilt == code, "code \(format.hex(code)): (\(sign), \(exponent), \(mantissa))")
            #expect(format.bitString(code).filter { $0 != " " } == String(repeating: "0", count: format.bitWidth - String(code, radix: 2).count) + String(code, radix: 2))
        }
    }

    @Test("classify agrees with the oracle's decoded values", arguments: Oracle.exhaustiveFormats)
    func classifyMatchesOracle(format: FloatFormat) throws {
        let decoded = try Oracle.file(for: format).decodedBits
        var counts: [FloatFormat.Category: Int] = [:]
        var mismatches = Mismatches()
        for (index, bits) in decoded.enumerated() {
            let value = Float(bitPattern: bits)
            let expected: FloatFormat.Category =
                value.isNaN ? .nan
                : value.isInfinite ? .infinity
                : value == 0 ? .zero
                : Double(value.magnitude) < format.minNormal ? .subnormal : .normal
            let actual = format.classify(UInt32(index))
            counts[actual, default: 0] += 1
            if actual != expected {
                mismatches.record("code \(format.hex(UInt32(index))) (\(hex(bits))): \(actual), expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
        let fractions = 1 << format.mantissaBits
        let signs = format.hasSign ? 2 : 1
        let nans = switch format.nanEncoding {
        case .ieee: signs * (fractions - 1)
        case .allOnes: signs
        case .noNaN: 0
        }
        #expect(counts[.zero, default: 0] == (format.hasZero ? signs : 0))
        #expect(counts[.subnormal, default: 0] == (format.hasZero ? signs * (fractions - 1) : 0))
        #expect(counts[.nan, default: 0] == nans)
        #expect(counts[.infinity, default: 0] == (format.hasInfinity ? signs : 0))
    }
}
