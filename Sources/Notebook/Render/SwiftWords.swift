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
        /// Whether `:` follows directly or after one more name, as in `f(in: x)` or `func f(in x: T)`.
        var labelFollows: Bool
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
    /// parameter's own name and `:`). `let` and `var` there bind a pattern instead.
    private static func isLabel(_ word: String, _ context: Context) -> Bool {
        guard context.previous == UInt8(ascii: "(") || context.previous == UInt8(ascii: ",") else { return false }
        guard context.labelFollows else { return false }
        return context.next == UInt8(ascii: ":") || !["let", "var", "case", "inout"].contains(word)
    }

    private static func keyword(_ word: String, context: Context) -> Bool {
        if reserved.contains(word) { return true }
        if modifiers.contains(word) {
            if let next = context.nextWord { return reserved.contains(next) || modifiers.contains(next) || next == "actor" }
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
            return context.nextWord != nil || context.next == UInt8(ascii: "(") || context.next == UInt8(ascii: "[")
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

    /// Keywords after `.` too: `.init(…)`, `x.self`, `T.Type`.
    private static let memberKeywords: Set<String> = ["init", "self", "Self", "Type", "Protocol"]

    /// Declaration modifiers, keywords when another keyword follows (`lazy var`, `final class`).
    private static let modifiers: Set<String> = [
        "convenience", "dynamic", "final", "indirect", "infix", "lazy", "mutating", "nonisolated",
        "nonmutating", "open", "optional", "override", "package", "postfix", "prefix", "required",
        "unowned", "weak",
    ]

    private static let accessors: Set<String> = ["get", "set", "willSet", "didSet"]
}
