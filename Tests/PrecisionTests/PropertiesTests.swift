import Foundation
import Precision
import Testing

/// Range and precision against numpy's and ml_dtypes' `finfo`, compared as exact bits.
@Suite("Format properties")
struct PropertiesTests {
    @Test("range and epsilon equal finfo bit for bit", arguments: FloatFormat.allNamed)
    func matchesFinfo(format: FloatFormat) throws {
        let finfo = try Oracle.properties(for: format)
        let pairs: [(String, Double, Double)] = [
            ("maxValue", format.maxValue, finfo.max.value),
            ("minNormal", format.minNormal, finfo.smallestNormal.value),
            ("minSubnormal", format.minSubnormal, finfo.smallestSubnormal.value),
            ("machineEpsilon", format.machineEpsilon, finfo.eps.value),
            ("unitRoundoff", format.unitRoundoff, finfo.eps.value / 2),
        ]
        for (name, actual, expected) in pairs {
            #expect(actual.bitPattern == expected.bitPattern,
                    "\(format) \(name): \(actual) (\(hex64(actual))), \(finfo.source) \(expected) (\(hex64(expected)))")
        }
        #expect(format.bitWidth == finfo.bits)
        #expect(format.exponentBits == finfo.nexp)
        #expect(format.mantissaBits == finfo.nmant)
        #expect(format.maxExponent == finfo.maxexp - 1, "numpy's maxexp is the first overflowing power")
        #expect(format.minExponent == finfo.minexp)
        #expect(format.codeCount == 1 << finfo.bits)
    }

    @Test("decimalDigits is (p)·log10 2; numpy's precision is floor((p-1)·log10 2), ml_dtypes' FP8 say 1",
          arguments: FloatFormat.allNamed)
    func decimalDigits(format: FloatFormat) throws {
        let digits = Double(format.mantissaBits + 1) * log10(2.0)
        #expect(format.decimalDigits.bitPattern == digits.bitPattern, "\(format.decimalDigits) vs \(digits)")
        let finfo = try Oracle.properties(for: format)
        guard let precision = finfo.precision else { return }  // TF32: no finfo anywhere
        let formula = Int((Double(format.mantissaBits) * log10(2.0)).rounded(.down))
        if format.bitWidth == 8 {
            #expect(precision == 1 && formula == 0, "ml_dtypes hard-codes FP8 precision to 1")
        } else {
            #expect(precision == formula, "\(finfo.source) precision \(precision), formula \(formula)")
        }
    }

    @Test("BF16 epsilon and unit roundoff")
    func bf16Epsilon() {
        #expect(FloatFormat.bf16.machineEpsilon.bitPattern == (0.0078125 as Double).bitPattern)
        #expect(FloatFormat.bf16.unitRoundoff.bitPattern == (0.00390625 as Double).bitPattern)
    }

    @Test("machineEpsilon is the gap after 1; maxValue and minSubnormal are the extreme codes",
          arguments: FloatFormat.all)
    func propertiesAgreeWithCodes(format: FloatFormat) throws {
        let one = format.encode(1)
        let next = try #require(format.nextUp(one))
        let gap = Double(format.decode(next)) - 1
        #expect(gap.bitPattern == format.machineEpsilon.bitPattern, "\(gap) vs \(format.machineEpsilon)")
        #expect(Double(format.decode(1)).bitPattern == format.minSubnormal.bitPattern)
        let largest = format.encode(Float(format.maxValue))
        #expect(format.classify(largest) == .normal)
        if let beyond = format.nextUp(largest) {
            #expect(format.classify(beyond) == .infinity, "after max: \(format.hex(beyond))")
        }
    }

    @Test("the standard formats, in order, and each passes custom's validation")
    func standardFormats() throws {
        #expect(FloatFormat.all.map(\.name) == ["FP32", "TF32", "BF16", "FP16", "FP8 E4M3FN", "FP8 E5M2"])
        #expect(FloatFormat.all.map(\.bitWidth) == [32, 19, 16, 16, 8, 8])
        for format in FloatFormat.all {
            let validated = try FloatFormat.custom(
                name: format.name, exponentBits: format.exponentBits, mantissaBits: format.mantissaBits,
                bias: format.bias, hasInfinity: format.hasInfinity, nanEncoding: format.nanEncoding,
                overflow: format.overflow)
            #expect(validated == format)
            #expect(format.description == format.name)
        }
    }
}

private func hex64(_ value: Double) -> String {
    "0x" + String(value.bitPattern, radix: 16)
}
