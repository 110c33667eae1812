import Precision
import Testing

/// The reading rule. Expected texts are written out: round-trip forms are Swift's
/// `description`, rounded forms C's `%.Ne` / `%.Nf` of the exact binary value.
@Suite("Reading rule") struct ReadableNumberTests {
    @Test("values with many digits print 4 significant digits, positional in [1e-4, 1e6)", arguments: [
        (0.9995989566310423, "0.9996"), (1.7528778180926616, "1.753"), (1.0013507429086, "1.001"),
        (2.505803108215332, "2.506"), (0.007324139702700793, "0.007324"), (-0.4850789058687249, "-0.4851"),
        (363707.363723, "363707"), (0.00012345678, "0.0001235"), (2.0 / 3, "0.6667"),
    ])
    func rounded(_ value: Double, _ expected: String) {
        #expect(ReadableNumber(value).text == expected)
    }

    @Test("outside [1e-4, 1e6) they print in scientific notation, as scientific(x, digits: 4)", arguments: [
        (3.383755683898926e-05, "3.384e-05"), (1.9985437393188477e-05, "1.999e-05"), (1234567.891, "1.235e+06"),
        (-1e-300 / 3, "-3.333e-301"), (0x1.001p-20, "9.539e-07"),
    ])
    func scientific(_ value: Double, _ expected: String) {
        #expect(ReadableNumber(value).text == expected)
    }

    @Test("values of at most 7 significant digits, and whole values, keep their round-trip form", arguments: [
        (0.0078125, "0.0078125"), (0.001953125, "0.001953125"), (0.00390625, "0.00390625"), (65504, "65504"),
        (0.1, "0.1"), (-2.5, "-2.5"), (1e16, "1e+16"), (123456789, "123456789"), (1.401298e-45, "1.401298e-45"),
        (99999.99, "99999.99"), (-0.0, "-0"),
    ])
    func short(_ value: Double, _ expected: String) {
        #expect(ReadableNumber(value).text == expected)
        #expect(ReadableNumber(value).roundTrip == expected)
    }

    @Test("values of at most 11 significant bits (FP16, BF16, FP8 values) keep their round-trip form", arguments: [
        (1 + 0x1p-7, "1.0078125"), (3.140625, "3.140625"), (6.103515625e-05, "6.103515625e-05"), (0x1.ffcp15, "65504"),
        (0x1.ffcp-15, "6.1005353927612305e-05"), (0x1.004p-20, "9.546056389808655e-07"),
    ])
    func fewBits(_ value: Double, _ expected: String) {
        #expect(ReadableNumber(value).text == expected)
    }

    @Test("a Float is read from Float's own round-trip form") func float() {
        #expect(ReadableNumber(Float(16.409664)).text == "16.41")
        #expect(ReadableNumber(Float(16.409664)).roundTrip == "16.409664")
        #expect("clip_grad_norm_(\(ReadableNumber(Float(16.409664))))" == "clip_grad_norm_(16.41)", "a label by the rule")
        #expect(ReadableNumber(Float.pi).text == "3.142")
        #expect(ReadableNumber(Float(9.18e-41)).text == "9.18e-41")
        #expect(ReadableNumber(Float(16_777_216)).text == "16777216")
        #expect(ReadableNumber(Float(0.1)).text == "0.1")
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        #expect(ReadableNumber(Float16(1).nextUp).text == "1.001")
        #expect(ReadableNumber(Float(Float16(0.1))).text == "0.099975586")
        #endif
    }

    @Test("a rounded text never ends in 0: digits are added, up to the round-trip form", arguments: [
        (1 + Float.ulpOfOne, "1.0000001"), (0.40000772, "0.40001"), (1.2301005e-10, "1.2301e-10"),
        (0.00010000123, "0.000100001"), (100000.31, "100000.3"),
    ])
    func noTrailingZero(_ value: Float, _ expected: String) {
        #expect(ReadableNumber(value).text == expected)
    }

    @Test("infinities and NaN: inf, -inf, nan whatever the sign bit") func nonFinite() {
        #expect(ReadableNumber(Double.infinity).text == "inf")
        #expect(ReadableNumber(-Float.infinity).text == "-inf")
        #expect(ReadableNumber(Float(bitPattern: 0xFFC0_0000)).text == "nan")
        #expect(ReadableNumber(-Double.nan).roundTrip == "nan")
    }

    @Test("integers print in full") func integers() {
        #expect(ReadableNumber(Int64.max).text == "9223372036854775807")
        #expect(ReadableNumber(-3).text == "-3")
        #expect(ReadableNumber(UInt8(255)).text(minimumDigits: 1) == "255")
    }

    @Test("more minimum digits lengthen rounded texts only") func minimumDigits() {
        #expect(ReadableNumber(0.9995989566310423).text(minimumDigits: 6) == "0.999599")
        #expect(ReadableNumber(0.9995989566310423).text(minimumDigits: 40) == "0.9995989566310423")
        #expect(ReadableNumber(0.0078125).text(minimumDigits: 2) == "0.0078125")
    }

    @Test("a column adds digits until different values print differently") func column() {
        let norms = [Float(2.7178466), Float(2.7178464), 2.5205982].map(ReadableNumber.init)
        #expect(norms.map(\.text) == ["2.718", "2.718", "2.521"])
        #expect(ReadableNumber.texts(norms) == ["2.717847", "2.717846", "2.520598"])
        let close = [0.12344123456, 0.12344987654, 0.5, 0.9995989566310423].map(ReadableNumber.init)
        #expect(ReadableNumber.texts(close) == ["0.12344", "0.12345", "0.5", "0.999599"])
    }

    @Test("equal values do not lengthen a column, nor do values already told apart") func columnUnchanged() {
        let same = [0.9995989566310423, 0.9995989566310423, 1.0207545190672411].map(ReadableNumber.init)
        #expect(ReadableNumber.texts(same) == ["0.9996", "0.9996", "1.021"])
        let mixed = [ReadableNumber(1), ReadableNumber(0.0078125), ReadableNumber(3.383755683898926e-05)]
        #expect(ReadableNumber.texts(mixed) == ["1", "0.0078125", "3.384e-05"])
        #expect(ReadableNumber.texts([]) == [])
    }
}
