/// Turns what the preprocessor hid from cmark back into nodes of their own: the
/// placeholders in text become `.math`, `.citation` and `.definition`, and each
/// `` `{swift} expr` `` code span becomes `.value`. Everything after parsing (checks,
/// rendering, translation) reads these nodes; nothing counts spans or decodes
/// placeholder characters again.
struct TypedInlines {
    /// The inline expressions met so far, in reading order (their index is their value's).
    private(set) var expressions: [InlineExpression] = []

    mutating func typed(_ blocks: [Block]) -> [Block] {
        blocks.map { typed($0) }
    }

    mutating func typed(_ block: Block) -> Block {
        switch block {
        case .paragraph(let c, let line): return .paragraph(typed(c), line: line)
        case .heading(let level, let c, let line): return .heading(level: level, typed(c), line: line)
        case .blockQuote(let children): return .blockQuote(typed(children))
        case .list(let ordered, let start, let tight, let items):
            return .list(ordered: ordered, start: start, tight: tight, items: items.map { typed($0) })
        case .table(let alignments, let header, let rows, let line):
            return .table(alignments: alignments, header: header.map { typed($0) },
                          rows: rows.map { $0.map { typed($0) } }, line: line)
        case .code, .html, .thematicBreak: return block
        }
    }

    mutating func typed(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { typed($0) }
    }

    mutating func typed(_ inline: Inline) -> [Inline] {
        switch inline {
        case .text(let text, let line):
            return Placeholder.pieces(of: text).map { piece in
                switch piece {
                case .text(let text): .text(text, line: line)
                case .placeholder(.math(let n, let display)): .math(n, display: display)
                case .placeholder(.citation(let n)): .citation(n)
                case .placeholder(.definition(let n)): .definition(n)
                }
            }
        case .code(let literal, let line):
            guard let expression = LessonParser.inlineExpression(literal) else { return [inline] }
            expressions.append(InlineExpression(index: expressions.count, expression: expression, line: line))
            return [.value(expressions.count - 1, line: line)]
        case .emphasis(let c): return [.emphasis(typed(c))]
        case .strong(let c): return [.strong(typed(c))]
        case .strikethrough(let c): return [.strikethrough(typed(c))]
        case .link(let destination, let title, let c): return [.link(destination: destination, title: title, typed(c))]
        case .image(let source, let title, let c): return [.image(source: source, title: title, typed(c))]
        case .softBreak, .lineBreak, .html, .value, .math, .citation, .definition: return [inline]
        }
    }
}
