/// One piece of a page a translator translates: a paragraph, heading, list item's
/// paragraph, table cell or block quote's paragraph, or the front matter's title or
/// summary; its text as Markdown (see `MessageText`) and where it is.
public struct Message: Equatable, Sendable {
    /// What the translator reads: the `msgid` of the catalog entry.
    public let text: String
    /// The lesson's path relative to the package root: `Lessons/03-nan-grad-norm.md`.
    public let file: String
    /// The Markdown line where it starts.
    public let line: Int

    public init(text: String, file: String, line: Int) {
        self.text = text
        self.file = file
        self.line = line
    }
}

extension LessonDocument {
    /// Every message of the page, in reading order: the title and summary, then the prose.
    /// A unit with no words of its own (a table cell that is only an inline value, a
    /// paragraph that is only a formula) is not a message: there is nothing to translate.
    public var messages: [Message] {
        var found = frontMatter.map { Message(text: $0.text.sourceText(definitions), file: path, line: $0.line) }
        _ = translatingProse { inlines, line in
            found.append(Message(text: MessageText(lesson: self).markdown(inlines), file: path, line: line))
            return inlines
        }
        return found
    }

    /// The page's blocks with each message's inlines replaced by what `translate` gives for
    /// them (and its first line): the one walk that both extraction and translation use,
    /// so both see the same messages in the same order.
    func translatingProse(_ translate: ([Inline], Int) -> [Inline]) -> [Block] {
        func unit(_ inlines: [Inline], _ line: Int) -> [Inline] {
            Self.hasWords(inlines) ? translate(inlines, Self.firstLine(inlines) ?? line) : inlines
        }
        func walk(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .paragraph(let c, let line): .paragraph(unit(c, line), line: line)
                case .heading(let level, let c, let line): .heading(level: level, unit(c, line), line: line)
                case .blockQuote(let children): .blockQuote(walk(children))
                case .list(let ordered, let start, let tight, let items):
                    .list(ordered: ordered, start: start, tight: tight, items: items.map(walk))
                case .table(let alignments, let header, let rows, let line):
                    .table(alignments: alignments, header: header.map { unit($0, line) },
                           rows: rows.map { $0.map { unit($0, line) } }, line: line)
                case .code, .html, .thematicBreak: block
                }
            }
        }
        return walk(blocks)
    }

    /// Whether the inlines hold text with a letter in it (inside emphasis and links too).
    static func hasWords(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .text(let text, _): text.contains(where: \.isLetter)
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): hasWords(c)
            default: false
            }
        }
    }

    static func firstLine(_ inlines: [Inline]) -> Int? {
        for inline in inlines {
            switch inline {
            case .text(_, let line), .code(_, let line), .value(_, let line): return line
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c):
                if let line = firstLine(c) { return line }
            default: continue
            }
        }
        return nil
    }
}

extension String {
    /// Front matter text with each definition placeholder written back as `{=…}`.
    func sourceText(_ definitions: [Definition]) -> String {
        replacingDefinitions(definitions) { "{=\($0.text)}" }
    }

    /// Front matter text with each definition placeholder shown as its text, as a title is.
    func showingDefinitions(_ definitions: [Definition]) -> String {
        replacingDefinitions(definitions) { $0.text }
    }

    private func replacingDefinitions(_ definitions: [Definition], _ form: (Definition) -> String) -> String {
        Placeholder.replacing(in: self) { placeholder in
            if case .definition(let n) = placeholder, definitions.indices.contains(n) { form(definitions[n]) } else { nil }
        }
    }
}
