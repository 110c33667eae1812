/// How `SwiftLexer` colours a word: Swift's keywords, and the rules of context that tell a
/// contextual keyword (`set`, `some`, `async`, `mutating`, …) from a name spelled the same.
enum SwiftWords {
    /// The tokens around a word.
    struct Context {
        /// The nearest byte before the word and the first byte after it, skipping white space.
        var previous: UInt8?
        var next: UInt8?
        /// The word after it, if the next token is one.
        var nextWord: String?
        /// The colon after it, if one follows as a label's would.
        var label: Label?
    }

    /// A `:` after a word, directly (`f(in: x)`) or after one more name (`func f(in x: T)`).
    struct Label {
        var direct: Bool
        /// Whether the colon is part of a function's name, as in `f(in:)`.
        var inName: Bool
        /// The first byte after the colon that is not white space.
        var after: UInt8?
    }

    static func kind(of word: String, in context: Context) -> SwiftHighlighter.Kind? {
        if word == "_" { return nil }
        let afterDot = context.previous == UInt8(ascii: ".")
        if afterDot && memberKeywords.contains(word) { return .keyword }
        if keyword(word, context: context) && !afterDot && !isLabel(word, context) { return .keyword }
        if let first = word.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) { return .type }
        return nil
    }

    /// A keyword spelled as an argument label: after `(` or `,`, before `:` (or before the
    /// parameter's own name and `:`), but not in a function's name (`f(in:)`); `let` and
    /// `var` there bind a pattern instead. After `}`, a trailing closure's label (`} catch: {`).
    private static func isLabel(_ word: String, _ context: Context) -> Bool {
        guard let label = context.label else { return false }
        if context.previous == UInt8(ascii: "}") { return label.direct && label.after == UInt8(ascii: "{") }
        guard context.previous == UInt8(ascii: "(") || context.previous == UInt8(ascii: ",") else { return false }
        guard !label.inName else { return false }
        return label.direct || !["let", "var", "case", "inout"].contains(word)
    }

    private static func keyword(_ word: String, context: Context) -> Bool {
        if reserved.contains(word) { return true }
        if modifiers.contains(word) {
            // Not where an expression goes on (`start + open`, `x = lazy`); a declaration before
            // may end in `>`, `?` or `!` (`var x: Set<Int>`).
            if let previous = context.previous, "=+-*/%<&|^~:(,[.".utf8.contains(previous) { return false }
            if let next = context.nextWord { return declarations.contains(next) || modifiers.contains(next) }
            return context.next == UInt8(ascii: "(") && ["unowned", "nonisolated"].contains(word)
        }
        switch word {
        case "get", "set", "willSet", "didSet":
            if let next = context.nextWord { return accessors.contains(next) }
            if context.next == UInt8(ascii: "{") || context.next == UInt8(ascii: "}") { return true }
            return context.next == UInt8(ascii: "(") && [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";")].contains(context.previous)
        case "some", "any":
            return context.nextWord?.utf8.first.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? false
        case "async":
            return context.previous == UInt8(ascii: ")") || ["let", "var", "throws", "rethrows"].contains(context.nextWord)
        case "await":
            guard let next = context.next else { return false }
            return !"=:,.)]};".utf8.contains(next)
        case "actor":
            return context.nextWord != nil
        default:
            return false
        }
    }

    /// Keywords wherever they are not a member name or an argument label.
    private static let reserved: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "operator", "precedencegroup", "private", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch",
        "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "Any", "as", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try",
    ]

    /// What a modifier can precede.
    private static let declarations: Set<String> = [
        "actor", "associatedtype", "case", "class", "deinit", "enum", "extension", "fileprivate", "func", "init",
        "internal", "let", "operator", "private", "protocol", "public", "static", "struct", "subscript",
        "typealias", "var",
    ]

    /// Keywords after `.` too: `.init(…)`, `x.self`, `T.Type`.
    private static let memberKeywords: Set<String> = ["init", "self", "Self", "Type", "Protocol"]

    /// Declaration modifiers, keywords before a declaration or another modifier (`lazy var`,
    /// `final class`).
    private static let modifiers: Set<String> = [
        "convenience", "dynamic", "final", "indirect", "infix", "lazy", "mutating", "nonisolated",
        "nonmutating", "open", "optional", "override", "package", "postfix", "prefix", "required",
        "unowned", "weak",
    ]

    private static let accessors: Set<String> = ["get", "set", "willSet", "didSet"]
}
