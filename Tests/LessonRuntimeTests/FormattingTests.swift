import LessonRuntime
import Testing

/// How values read on the page. Expected strings are C `printf` output (`%.2e`, `%.2f`)
/// and Swift's shortest round-trip `description`, written out as text.
@Suite("Value formatting") struct FormattingTests {
    @Test("floating-point values print by the reading rule", arguments: [
        (65504.0 as Double, "65504"), (0.1, "0.1"), (-2.5, "-2.5"), (0.001953125, "0.001953125"),
        (6.103515625e-05, "6.103515625e-05"), (0.9995989566310423, "0.9996"), (3.383755683898926e-05, "3.384e-05"),
        (1e16, "1e+16"), (-0.0, "-0"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
    ])
    func readingRule(_ value: Double, _ expected: String) {
        #expect(ValueFormatter.text(value) == expected)
    }

    @Test("a rounded value keeps its round-trip form, its own type's: Float's for a Float") func exact() {
        #expect(ValueFormatter.formatted(Float(0.1)) == FormattedValue("0.1"))
        #expect(ValueFormatter.formatted(Float(3.14159265)) == FormattedValue("3.142", exact: "3.1415927"))
        #expect(ValueFormatter.formatted(1.7528778180926616) == FormattedValue("1.753", exact: "1.7528778180926616"))
        #expect(ValueFormatter.formatted([0.5, 2.0 / 3]) == FormattedValue("[0.5, 0.6667]", exact: "[0.5, 0.6666666666666666]"))
    }

    @Test("rounding a numeric value agrees with scientific(x, digits: 4) outside [1e-4, 1e6)", arguments: [
        3.383755683898926e-05, 1.9985437393188477e-05, 1234567.891, -7.324139702700793e-07,
    ])
    func agreesWithScientific(_ value: Double) {
        #expect(ValueFormatter.text(value) == scientific(value, digits: 4))
    }

    @Test("author-formatted strings are untouched") func authored() {
        #expect(ValueFormatter.text("clip_grad_norm_(\(Float(16.409664)))") == "clip_grad_norm_(16.409664)")
        #expect(ValueFormatter.text(fixed(0.9995989566310423, decimals: 6)) == "0.999599")
    }

    @Test("a table column tells its numbers apart; other cells are formatted alone") func column() {
        let cells = ValueFormatter.column(["FP32", Float(2.7178466), Float(2.7178464), 3, 0.0078125])
        #expect(cells.map(\.text) == ["FP32", "2.717847", "2.717846", "3", "0.0078125"])
        #expect(cells.map(\.exact) == [nil, "2.7178466", "2.7178464", nil, nil])
        let apart = ValueFormatter.column([0.8874409645795822, 0.8870850622653961, 0.887890625, 0.905859375])
        #expect(apart.map(\.text) == ["0.8874", "0.8871", "0.8879", "0.9059"])
    }

    @Test("every NaN prints as nan, whatever its sign bit") func nan() {
        let negative = Float(bitPattern: 0xFFC0_0000), positive = Float(bitPattern: 0x7FC0_0000)
        #expect(ValueFormatter.text(negative) == "nan")
        #expect(ValueFormatter.text(positive) == "nan")
        #expect(ValueFormatter.text(-Double.nan) == "nan")
        #expect(ValueFormatter.text([Float(3), negative, .infinity]) == "[3, nan, inf]")
    }

    @Test("strings print as they are; other values as they describe themselves") func others() {
        #expect(ValueFormatter.text("a \"b\" <c>") == "a \"b\" <c>")
        #expect(ValueFormatter.text(42) == "42")
        #expect(ValueFormatter.text(true) == "true")
    }

    @Test("numbers are recognised for right alignment") func numbers() {
        #expect(ValueFormatter.isNumber(1) && ValueFormatter.isNumber(Float(1)) && ValueFormatter.isNumber(UInt8(1)))
        #expect(!ValueFormatter.isNumber("1"))
    }

    @Test("scientific, fixed and powerOfTwo", arguments: [
        (scientific(6.103515625e-05), "6.10e-05"), (scientific(65504), "6.55e+04"),
        (scientific(1.401298464324817e-45, digits: 2), "1.4e-45"), (scientific(0), "0.00e+00"),
        (scientific(-.infinity), "-inf"), (scientific(.nan), "nan"),
        (fixed(7.224719895935548, decimals: 2), "7.22"), (fixed(2.5, decimals: 0), "2"), (fixed(-0.125, decimals: 2), "-0.12"),
        (powerOfTwo(0.0078125) ?? "", "2^-7"), (powerOfTwo(-65536) ?? "", "-2^16"), (powerOfTwo(65504) ?? "none", "none"),
    ])
    func helpers(_ actual: String, _ expected: String) {
        #expect(actual == expected)
    }
}
