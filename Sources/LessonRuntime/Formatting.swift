import Foundation
import Precision

/// How values become text in a lesson's output: the same rules for inline `{swift}`
/// values, table cells and `show`, so a number reads the same wherever it appears.
public enum ValueFormatter {
    /// - A `String` is used as it is, and a `LocalizedText` shows its text (words, never a
    ///   number, even when its text is a numeral).
    /// - A number (an integer, `Double`, `Float` or `Float16`) prints by the reading rule
    ///   of `ReadableNumber`: integers and whole values in full (`65504`); a value whose
    ///   shortest round-trip form has at most 7 significant digits in that form (`0.1`,
    ///   `0.0078125`, `9.18e-41`); any other to 4 significant digits (`0.9996`,
    ///   `3.384e-05`), more if the last would be 0 (`1.0000001`); `inf`, `-inf`, `nan`
    ///   (every NaN, whatever its sign bit, which differs between CPUs).
    /// - An array of floating-point values prints as `[3, -0.5, inf]`, its elements told
    ///   apart as a table column's are (``column(_:)``).
    /// - Anything else prints as `String(describing:)`.
    ///
    /// Author-formatted text (`fixed`, `scientific`, string interpolation) is a `String`
    /// and stays as it is.
    public static func text(_ value: Any) -> String {
        formatted(value).text
    }

    /// ``text(_:)``, and the value's exact form when the text rounds it.
    public static func formatted(_ value: Any) -> FormattedValue {
        if let number = number(value) { return FormattedValue(number.text, exact: number.roundTrip) }
        switch value {
        case let s as String: return FormattedValue(s)
        case let s as Substring: return FormattedValue(String(s))
        case let s as LocalizedText: return FormattedValue(s.text)
        case let xs as [Float]: return list(xs.map(ReadableNumber.init))
        case let xs as [Double]: return list(xs.map(ReadableNumber.init))
        default: return FormattedValue(String(describing: value))
        }
    }

    /// The cells of one table column: numbers by the reading rule, with as many
    /// significant digits as it takes for numbers that differ to print differently
    /// (`ReadableNumber.texts`); other values as ``formatted(_:)`` formats them.
    public static func column(_ values: [Any]) -> [FormattedValue] {
        let numbers = values.map(number)
        var texts = ReadableNumber.texts(numbers.compactMap { $0 }).makeIterator()
        return zip(values, numbers).map { value, number in
            guard let number, let text = texts.next() else { return formatted(value) }
            return FormattedValue(text, exact: number.roundTrip)
        }
    }

    /// True for values a table right-aligns.
    public static func isNumber(_ value: Any) -> Bool {
        switch value {
        case is any BinaryInteger, is any BinaryFloatingPoint: true
        default: false
        }
    }

    /// The number `value` is, if it is an integer, `Double`, `Float` or `Float16`.
    static func number(_ value: Any) -> ReadableNumber? {
        switch value {
        case let x as Double: ReadableNumber(x)
        case let x as Float: ReadableNumber(x)
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        case let x as Float16: ReadableNumber(x)
        #endif
        case let n as any BinaryInteger: ReadableNumber(n)
        default: nil
        }
    }

    private static func list(_ numbers: [ReadableNumber]) -> FormattedValue {
        func bracketed(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        return FormattedValue(bracketed(ReadableNumber.texts(numbers)), exact: bracketed(numbers.map(\.roundTrip)))
    }
}

/// A value as a lesson's output shows it, and its exact form when that differs.
public struct FormattedValue: Equatable, Sendable {
    /// What the page shows: `0.9996`.
    public var text: String
    /// The shortest round-trip form of the value when `text` rounds it
    /// (`0.9995989566310423`), for a tooltip; nil when `text` is already exact.
    public var exact: String?

    /// A value shown as `text`; `exact` is kept only when it differs from `text`.
    public init(_ text: String, exact: String? = nil) {
        self.text = text
        self.exact = exact == text ? nil : exact
    }
}

/// `x` in scientific notation with `digits` significant digits: `6.10e-05`, `-inf`, `nan`.
/// For tables whose numbers span many orders of magnitude. Correctly rounded from the
/// exact binary value (C's `%e`).
public func scientific(_ x: Double, digits: Int = 3) -> String {
    x.isFinite ? String(format: "%.\(max(digits, 1) - 1)e", x) : ValueFormatter.text(x)
}

/// `x` with exactly `decimals` digits after the point: `fixed(7.2247, decimals: 2)` is
/// `7.22`. Correctly rounded from the exact binary value (C's `%f`).
public func fixed(_ x: Double, decimals: Int) -> String {
    x.isFinite ? String(format: "%.\(max(decimals, 0))f", x) : ValueFormatter.text(x)
}

/// `2^-24` when `x` is an exact power of two (up to sign), otherwise nil.
public func powerOfTwo(_ x: Double) -> String? {
    guard x.isFinite, x != 0, x.significand == 1 else { return nil }
    return (x < 0 ? "-" : "") + "2^\(Int(x.exponent))"
}
