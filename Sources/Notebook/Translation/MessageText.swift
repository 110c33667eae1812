/// Writes a lesson's inline content back as the Markdown a translator reads: text with
/// Markdown's special characters escaped, emphasis and links as Markdown, and everything
/// that is not translated (code spans, inline values, math, citations, definitions, raw
/// HTML) exactly as the author wrote it. These are the message's placeholders: a
/// translation must hold the same ones, in any order.
///
/// It reads spans from their tables, a lesson's or a translation's own, so it also names
/// a translation's placeholders, and the number check writes spans back with it.
struct MessageText {
    let math: [Math], citations: [Citation], definitions: [Definition], inlines: [InlineExpression]

    init(lesson: LessonDocument) {
        self.init(math: lesson.math, citations: lesson.citations, definitions: lesson.definitions, inlines: lesson.inlines)
    }

    init(math: [Math], citations: [Citation], definitions: [Definition], inlines: [InlineExpression]) {
        (self.math, self.citations, self.definitions, self.inlines) = (math, citations, definitions, inlines)
    }

    func markdown(_ inlines: [Inline]) -> String {
        inlines.map(markdown).joined()
    }

    func markdown(_ inline: Inline) -> String {
        switch inline {
        case .text(let text, _): Self.escaped(text)
        case .code(let literal, _): Self.codeSpan(literal)
        case .value(let index, _): Self.codeSpan("{swift} " + inlines[index].expression)
        case .math(let n, let display): display ? "$$\(math[n].tex)$$" : "$\(math[n].tex)$"
        case .citation(let n): "[" + citations[n].keys.map { "@" + $0 }.joined(separator: "; ") + "]"
        case .definition(let n): "{=\(definitions[n].text)}"
        case .softBreak: " "
        case .lineBreak: "\\\n"
        case .html(let raw): raw
        case .emphasis(let c): "*\(markdown(c))*"
        case .strong(let c): "**\(markdown(c))**"
        case .strikethrough(let c): "~~\(markdown(c))~~"
        case .link(let destination, let title, let c): "[\(markdown(c))](\(Self.target(destination, title)))"
        case .image(let source, let title, let c): "![\(markdown(c))](\(Self.target(source, title)))"
        }
    }

    /// Text with a backslash before each character that would start Markdown, math, a
    /// definition or a placeholder here.
    static func escaped(_ text: String) -> String {
        var out = ""
        var previous: Character? = nil
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", "$", "~": out.append("\\")
            case "=" where previous == "{": out.insert("\\", at: out.index(before: out.endIndex))
            default: break
            }
            out.append(character)
            previous = character
        }
        return out
    }

    /// A code span that holds `literal` exactly: fenced by more backticks than any run
    /// inside it, padded when it starts or ends with a backtick.
    static func codeSpan(_ literal: String) -> String {
        var longest = 0, run = 0
        for character in literal {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = literal.hasPrefix("`") || literal.hasSuffix("`") ? " " : ""
        return fence + pad + literal + pad + fence
    }

    /// A link's destination and title as written between the parentheses.
    static func target(_ destination: String, _ title: String) -> String {
        let written = destination.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<\(destination)>" : destination
        return title.isEmpty ? written : written + " \"" + title.replacing("\"", with: "\\\"") + "\""
    }
}
