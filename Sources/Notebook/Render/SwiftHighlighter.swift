/// Colours Swift code for the page, so cells are highlighted with JavaScript off, in print
/// and in every edition alike.
///
/// It is a lexer with a few rules of context, not a parser: it colours keywords, string,
/// regex, number and comment literals, attributes, `#if` directives, and names that start
/// with a capital letter as types (Swift's convention, which the book follows). Where the
/// compiler's own classification (swift-syntax's `SwiftIDEUtils`) decides by syntax, the
/// lexer decides by the neighbouring tokens:
/// - a keyword after `.` is a member name (`.default`), except `init`, `self`, `Type` and
///   `Protocol`; a keyword after `(` or `,` and before `:` is an argument label (`in:`),
///   unless it is part of a function's name (`f(in:)`); so is one between `}` and `: {`;
/// - `get`, `set`, `willSet` and `didSet` are keywords before `{`, `}` or another accessor;
///   `some` and `any` before a capitalised name; modifiers such as `mutating`, `lazy` or
///   `final` before a declaration, unless an operator precedes them; `async` after `)` or
///   before `let`, `var` or `throws`;
/// - `/` starts a regex literal after `(`, `,`, `=`, `:`, `[`, `{` or `;` when the line
///   closes it, and divides anywhere else.
///
/// `NotebookTests` compares it, byte by byte, with swift-syntax's classification of every
/// cell in the book and of a corpus of harder Swift (`Tests/NotebookTests/Oracle/`). The
/// departures: a capitalised name used as a value (`Float(3)`, `Float.pi`) is coloured as a
/// type, where swift-syntax calls it an identifier, and a lowercase type name (C's `pid_t`)
/// stays plain.
public enum SwiftHighlighter {
    /// What a span of code is; the raw value is its CSS class without the `hl-` prefix.
    public enum Kind: String, Sendable, CaseIterable {
        case keyword = "kw", string = "str", number = "num", comment = "com"
        case attribute = "attr", directive = "dir", type = "type"
    }

    /// A coloured span: its kind and its UTF-8 offsets in the code.
    public struct Span: Equatable, Sendable {
        public let kind: Kind
        public let range: Range<Int>
    }

    /// The coloured spans of `code`, in order and not overlapping; the rest is plain.
    public static func spans(in code: String) -> [Span] {
        var lexer = SwiftLexer(Array(code.utf8))
        lexer.lex()
        return lexer.spans
    }

    /// `code` as escaped HTML, each span wrapped in `<span class="hl-KIND">`.
    public static func html(_ code: String) -> String {
        let bytes = Array(code.utf8)
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        var position = 0
        func text(_ range: Range<Int>) -> String { HTML.escape(String(decoding: bytes[range], as: UTF8.self)) }
        for span in spans(in: code) {
            out += text(position..<span.range.lowerBound)
            out += "<span class=\"hl-\(span.kind.rawValue)\">" + text(span.range) + "</span>"
            position = span.range.upperBound
        }
        return out + text(position..<bytes.count)
    }
}
