import Foundation

/// A number as the book prints it for a reader: short where the full text is noise,
/// exact where the digits are the point.
///
/// ## The reading rule
/// - Integers print in full: `65504`, `-3`. So do whole floating-point values whose
///   shortest round-trip form has no exponent (Swift writes whole `Double`s below 2^53
///   and whole `Float`s below 2^24 without one): `16777216`.
/// - A value whose shortest round-trip form (``roundTrip``: the shortest decimal that
///   reads back as the same value in its own type) has at most ``exactDigits`` (7)
///   significant digits prints as that form: `0.1`, `-2.5`, `0.0078125`, `0.001953125`,
///   `9.18e-41`. So does a value of at most ``exactBits`` (11) significant bits, which
///   is every value of FP16, TF32, BF16 and the FP8 formats: `1.0078125`, `1.0009766`,
///   `6.103515625e-05`, `0.100097656`. The numbers the book is about keep their text.
/// - Any other value prints rounded to ``significantDigits`` (4) significant digits,
///   correctly rounded from its exact binary value (C's `%e`): positional when the
///   rounded magnitude is in [1e-4, 1e6) (`0.9996`, `16.41`, `363707`: digits before
///   the point are never replaced by zeros), scientific otherwise (`3.384e-05`, as
///   `scientific(x, digits: 4)` writes it).
/// - A rounded text never ends in the digit 0: digits are added until its last digit
///   is not 0 (`1.0000001`, not `1.000`; `0.40001`, not `0.4000`), so a rounded value
///   never looks rounder than it is, and a text of fewer than 4 significant digits is
///   always the value's round-trip form. When the digits run out, the value prints in
///   its round-trip form.
/// - Numbers read side by side (a table column, a list) are told apart: see
///   ``texts(_:)``.
///
/// ## Edge cases
/// `inf` and `-inf` for infinities; `nan` for every NaN, whatever its sign bit (which
/// differs between CPUs) or payload; `-0` for negative zero; subnormals follow the rule
/// like any other value (`Float`'s smallest prints `1e-45`, its round-trip form).
public struct ReadableNumber: Sendable, CustomStringConvertible {
    /// Digits a rounded value keeps: 4 significant digits.
    public static let significantDigits = 4
    /// Values whose round-trip form has at most this many significant digits print in it.
    public static let exactDigits = 7
    /// Values with at most this many significant bits (FP16's precision) print in their
    /// round-trip form.
    public static let exactBits = 11

    /// The shortest text that reads back as the same value in its own type, without a
    /// trailing `.0`: `0.9995989566310423` for a `Double`, `3.1415927` for a `Float`,
    /// `65504`, `inf`, `nan`. For an integer, its digits.
    public let roundTrip: String
    /// The value itself (exact: `Float` and `Float16` convert to `Double` exactly).
    private let value: Double
    /// Significant digits of `roundTrip` when a shorter text may stand for it, otherwise
    /// 0 (integers, whole values, short forms, non-finite values).
    private let roundingDigits: Int

    /// A `Double`, read by the rule.
    public init(_ x: Double) { self.init(value: x, description: x.description) }

    /// A `Float`, read by the rule; its round-trip form is `Float`'s own (`3.1415927`).
    public init(_ x: Float) { self.init(value: Double(x), description: x.description) }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// A `Float16`, read by the rule; its round-trip form is `Float16`'s own.
    public init(_ x: Float16) { self.init(value: Double(x), description: x.description) }
    #endif

    /// An integer: always printed in full.
    public init<Integer: BinaryInteger>(_ n: Integer) {
        roundTrip = String(n)
        value = Double(n)
        roundingDigits = 0
    }

    private init(value: Double, description: String) {
        self.value = value
        if value.isNaN {
            roundTrip = "nan"
        } else {
            roundTrip = description.hasSuffix(".0") ? String(description.dropLast(2)) : description
        }
        let digits = Self.significantDigitCount(roundTrip)
        let whole = value.isFinite && value.rounded(.towardZero) == value && !roundTrip.contains("e")
        let fewBits = value.significandWidth < Self.exactBits  // width counts the bits after the leading 1
        roundingDigits = !value.isFinite || whole || fewBits || digits <= Self.exactDigits ? 0 : digits
    }

    /// The value as the rule prints it: `0.9996`, `3.384e-05`, `0.0078125`, `inf`.
    public var text: String { text(minimumDigits: Self.significantDigits) }

    /// ``text``.
    public var description: String { text }

    /// The value printed with at least `minimumDigits` significant digits where it is
    /// rounded (the rule uses 4; ``texts(_:)`` more, to tell numbers apart). A value the
    /// rule prints exactly prints the same whatever `minimumDigits` is.
    public func text(minimumDigits: Int) -> String {
        var digits = Swift.max(minimumDigits, 1)
        while digits < roundingDigits {
            let candidate = Self.rounded(value, significantDigits: digits)
            if candidate.prefix(while: { $0 != "e" }).last != "0" { return candidate }
            digits += 1
        }
        return roundTrip
    }

    /// The texts of numbers read side by side, as in a table column: each by the rule,
    /// with the smallest minimum of significant digits (4 or more) at which numbers with
    /// different round-trip forms also print differently. If 4 digits show `2.718` for
    /// both `2.7178466` and `2.7178464`, the whole column gets 8: `2.7178466`,
    /// `2.7178464`; values printed exactly are unaffected.
    public static func texts(_ numbers: [ReadableNumber]) -> [String] {
        let most = numbers.map(\.roundingDigits).max() ?? 0
        var digits = significantDigits
        while true {
            let texts = numbers.map { $0.text(minimumDigits: digits) }
            if digits >= most || tellsApart(numbers, texts) { return texts }
            digits += 1
        }
    }

    /// True when no text stands for two different round-trip forms.
    private static func tellsApart(_ numbers: [ReadableNumber], _ texts: [String]) -> Bool {
        var meaning: [String: String] = [:]
        for (number, text) in zip(numbers, texts) {
            if let seen = meaning.updateValue(number.roundTrip, forKey: text), seen != number.roundTrip { return false }
        }
        return true
    }

    /// `x` (finite) correctly rounded to `significantDigits` digits: positional when the
    /// rounded exponent is in -4...5, with every digit before the point, else `%e`.
    private static func rounded(_ x: Double, significantDigits: Int) -> String {
        let scientific = String(format: "%.\(significantDigits - 1)e", x)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]),
            (-4...5).contains(exponent)
        else { return scientific }
        return String(format: "%.\(Swift.max(significantDigits - 1 - exponent, 0))f", x)
    }

    /// Significant digits of a decimal text (`0.0078125` has 5, `65504` has 5, `1e+16` 1).
    private static func significantDigitCount(_ text: String) -> Int {
        let digits = text.prefix { $0 != "e" }.filter(\.isNumber)
        return digits.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
    }
}
