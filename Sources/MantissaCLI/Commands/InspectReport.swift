import Foundation
import Precision

/// What `mantissa inspect` says about one value in one format.
struct InspectReport {
    let input: String
    let x: Float
    let format: FloatFormat
    let rounding: Rounding
    let code: UInt32
    let value: Float
    /// The representable values just below and just above `x` (nil past the ends).
    let below: Float?
    let above: Float?
    let overflowed: Bool
    let underflowed: Bool

    init(input: String, x: Float, format: FloatFormat, rounding: Rounding, overflow: OverflowPolicy, index: UInt64) {
        self.input = input
        self.x = x
        self.format = format
        self.rounding = rounding
        code = format.encode(x, rounding: rounding, overflow: overflow, index: index)
        value = format.decode(code)
        let nearest = format.encode(x, rounding: .towardZero)
        let truncated = format.decode(nearest)
        if x.isNaN || truncated.isNaN {  // truncated: a value E8M0 cannot hold (zero, negative)
            (below, above) = (nil, nil)
        } else if x.isInfinite {
            // Beyond every finite value: only the largest one neighbours it.
            let largest = Float(format.maxValue)
            (below, above) = x > 0 ? (largest, nil) : (nil, -largest)
        } else if truncated == x {
            (below, above) = (x, x)
        } else if x > 0 && truncated > x {
            // Below the smallest value of a format without zero (E8M0): nothing is below.
            (below, above) = (nil, truncated)
        } else if x > 0 {
            below = truncated
            above = format.nextUp(nearest).map(format.decode).flatMap { $0.isFinite ? $0 : nil }
        } else {
            above = truncated
            below = format.nextUp(nearest).map(format.decode).flatMap { $0.isFinite ? $0 : nil }
        }
        // Overflow: the mode picked a neighbour beyond the largest finite value (under
        // --saturate, or in a saturating format, the result is then clamped, but it still
        // overflowed).
        overflowed = format.overflows(x, rounding: rounding, index: index)
        underflowed = x != 0 && x.isFinite && value == 0
    }

    var error: Double? {
        value.isFinite && x.isFinite ? Double(value) - Double(x) : nil
    }

    /// The error in units of the gap between representable values where the result is.
    var errorInULPs: Double? {
        guard let error, value.isFinite else { return nil }
        let up = format.nextUp(code).map(format.decode).map(Double.init)
        let down = format.nextDown(code).map(format.decode).map(Double.init)
        let magnitudeGap = [up.map { abs($0 - Double(value)) }, down.map { abs(Double(value) - $0) }]
            .compactMap { $0 }.filter { $0.isFinite && $0 > 0 }.min()
        guard let gap = magnitudeGap else { return nil }
        return error / gap
    }

    var category: String {
        switch format.classify(code) {
        case .zero: "zero"
        case .subnormal: "subnormal"
        case .normal: "normal"
        case .infinity: "infinity"
        case .nan: "NaN"
        }
    }

    var hexBits: String {
        let digits = (format.bitWidth + 3) / 4
        let hex = String(code, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }

    var notes: [String] {
        var notes: [String] = []
        if overflowed { notes.append("overflow: beyond the largest finite value, \(Self.number(format.maxValue))") }
        if underflowed { notes.append("underflow: rounded to zero") }
        if format.classify(code) == .subnormal { notes.append("subnormal: fewer significant bits than a normal number") }
        if x.isNaN && !value.isNaN {
            notes.append("\(format.name) has no NaN: a NaN becomes a zero of the opposite sign, as in ml_dtypes")
        } else if x == 0 && !format.hasZero {
            notes.append("\(format.name) has no zero: the result is NaN")
        } else if x < 0 && !format.hasSign {
            notes.append("\(format.name) has no negative values: the result is NaN")
        }
        let text = input.trimmingCharacters(in: .whitespaces)
        // A finite number too large even for Double (1e99999) reads as inf too; only a spelled
        // infinity is not beyond the range.
        if let typed = Double(text), !typed.isNaN, !text.lowercased().contains("inf") {
            if x.isInfinite { notes.append("the input is beyond FP32's range and was read as \(Self.number(x))") }
            if x == 0 && typed != 0 { notes.append("the input is below FP32's smallest subnormal and was read as \(Self.number(x))") }
        }
        return notes
    }

    var text: String {
        var lines = ["\(input) in \(format.name) (\(rounding.name))"]
        lines.append("  bits     \(format.bitString(code))  (\(hexBits), \(category))")
        lines.append("  value    \(Self.number(value))" + (value.isFinite && Self.exact(value) != Self.number(value) ? "  (exactly \(Self.exact(value)))" : ""))
        if let error {
            let ulps = errorInULPs.map { String(format: " = %.4g ulp", $0) } ?? ""
            lines.append("  error    \(error == 0 ? "0 (exact)" : Self.number(error) + ulps)")
        }
        if let below, let above, below != above {
            lines.append("  between  \(Self.number(below)) and \(Self.number(above))")
        } else if !x.isNaN, below == nil || above == nil, value.isFinite || overflowed {
            let end = "the end of the format"
            lines.append("  between  \(below.map { Self.number($0) } ?? end) and \(above.map { Self.number($0) } ?? end)")
        }
        lines += notes.map { "  note     " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON number, `null`, or `"nan"`, `"inf"` and `"-inf"` as strings.
    static func jsonValue(_ v: Double?) -> String {
        guard let v else { return "null" }
        if v.isNaN { return "\"nan\"" }
        if v.isInfinite { return v > 0 ? "\"inf\"" : "\"-inf\"" }
        return number(v)
    }

    /// A `Float` as ``jsonValue(_:)-(Double?)`` writes a `Double`, in its own shortest form.
    static func jsonValue(_ v: Float?) -> String {
        guard let v else { return "null" }
        return v.isFinite ? number(v) : jsonValue(Double(v))
    }

    var json: String {
        let fields: [(String, String)] = [
            ("input", Self.quoted(input)), ("format", Self.quoted(format.cliName ?? format.name)),
            ("rounding", Self.quoted(rounding.name)), ("value", Self.jsonValue(value)), ("exact", value.isFinite ? Self.quoted(Self.exact(value)) : "null"),
            ("bits", Self.quoted(hexBits)), ("binary", Self.quoted(format.bitString(code))),
            ("category", Self.quoted(category)), ("error", Self.jsonValue(error)), ("error_ulps", Self.jsonValue(errorInULPs)),
            ("below", Self.jsonValue(below)), ("above", Self.jsonValue(above)),
            ("overflow", String(overflowed)), ("underflow", String(underflowed)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Shortest text that reads back as the same `Double`, without a trailing `.0`
    /// (a valid JSON number when finite).
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Shortest text that reads back as the same `Float`: `0.1` for FP32's 0.1.
    static func number(_ x: Float) -> String {
        if x.isNaN { return "nan" }
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Every decimal digit of a finite binary value (glibc's `printf` is exact):
    /// `0.100000001490116119384765625` for FP32's 0.1.
    static func exact(_ x: Float) -> String {
        var text = String(format: "%.160f", Double(x))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func quoted(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
