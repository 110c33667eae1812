import Foundation

/// Numbers as the monitor's English descriptions show them (C locale, so the text is the
/// same on every machine).
enum MonitorText {
    /// Three significant digits: `3.21`, `150`, `0.0012`, `1.5e-5`; `nan`, `inf`.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let text = String(format: "%.3g", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<e]
        let exponent = Int(text[text.index(after: e)...])!
        return "\(mantissa)e\(exponent)"
    }

    /// A fraction as a percentage with at most one decimal: `0.125` → `12.5%`, `0.5` → `50%`.
    static func percent(_ fraction: Double) -> String {
        if fraction.isNaN { return "nan%" }
        var text = String(format: "%.1f", fraction * 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + "%"
    }

    /// A range of fractions as percentages: `0.05...0.2` → `5–20%`.
    static func percentRange(_ range: ClosedRange<Double>) -> String {
        "\(percent(range.lowerBound).dropLast())–\(percent(range.upperBound))"
    }
}
