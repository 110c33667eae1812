/// A string a run shows to readers, kept with its interpolations so that it translates as
/// a template: `"Gradient norm at learning rate \(rate)"` is the template
/// `Gradient norm at learning rate {1}` with the argument `0.01`. A catalog holds the
/// template, so a number that changes does not make the translation stale; the values
/// come from the run. (SwiftUI's `LocalizedStringKey` records its interpolations the same
/// way.)
///
/// In a template `{N}` is the N-th argument (from 1), and `{{` and `}}` are literal braces.
public struct LocalizedText: Codable, Equatable, Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The text with each interpolation replaced by `{N}`.
    public var template: String
    /// Each interpolated value as `"\(value)"` writes it, in order.
    public var arguments: [String]

    public init(template: String, arguments: [String] = []) {
        self.template = template
        self.arguments = arguments
    }

    /// A text with no interpolation.
    public init(verbatim text: String) {
        self.init(template: Self.escaped(text))
    }

    public init(stringLiteral value: String) {
        self.init(verbatim: value)
    }

    public init(stringInterpolation: Interpolation) {
        self.init(template: stringInterpolation.template, arguments: stringInterpolation.arguments)
    }

    /// The text as the run wrote it.
    public var text: String { Self.filling(template, with: arguments) ?? template }
    public var description: String { text }

    /// Records literal segments and interpolated values as a template and its arguments.
    public struct Interpolation: StringInterpolationProtocol {
        var template = ""
        var arguments: [String] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            template += LocalizedText.escaped(literal)
        }

        public mutating func appendInterpolation<T>(_ value: T) {
            arguments.append(String(describing: value))
            template += "{\(arguments.count)}"
        }
    }

    /// `text` with its braces doubled, as a template's literal text.
    static func escaped(_ text: String) -> String {
        text.replacing("{", with: "{{").replacing("}", with: "}}")
    }

    /// `template` (this text's or its translation) with its arguments in place; nil when
    /// it names an argument there is not, or has a lone brace.
    public static func filling(_ template: String, with arguments: [String]) -> String? {
        var out = ""
        var rest = Substring(template)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            out += rest[..<brace]
            let after = rest[rest.index(after: brace)...]
            if after.first == rest[brace] {
                out.append(rest[brace])
                rest = after.dropFirst()
                continue
            }
            guard rest[brace] == "{", let close = after.firstIndex(of: "}"), let n = Int(after[..<close]),
                  arguments.indices.contains(n - 1) else { return nil }
            out += arguments[n - 1]
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// The argument numbers a template uses, sorted, with repeats.
    public static func placeholders(in template: String) -> [Int] {
        var found: [Int] = []
        var rest = Substring(template)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            let after = rest[rest.index(after: brace)...]
            if after.first == rest[brace] { rest = after.dropFirst(); continue }
            guard rest[brace] == "{", let close = after.firstIndex(of: "}") else { rest = after; continue }
            if let n = Int(after[..<close]) { found.append(n) }
            rest = after[after.index(after: close)...]
        }
        return found.sorted()
    }
}
