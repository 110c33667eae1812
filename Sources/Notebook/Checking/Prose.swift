/// A run of prose as the number check reads it: one paragraph, table cell or front matter
/// value, as characters, each with its Markdown line and its role. What is not typed prose
/// (code spans, inline values, math, citations, definitions) stays in, written as in the
/// source, so that sentences and quotes keep their shape.
struct Prose: Equatable {
    /// What a character is to the number check.
    enum Role: Equatable {
        /// Typed by the author: a number here needs a source.
        case typed
        /// Shown but not typed as prose: a code span or inline value, math, a definition
        /// `{=…}`, raw HTML.
        case given
        /// A citation `[@key]`, or the text of a link to a web page: the sentence that holds
        /// it cites its source.
        case citation
    }

    private(set) var characters: [Character] = []
    private(set) var lines: [Int] = []
    private(set) var roles: [Role] = []

    /// The line of the last character, or `line` before any.
    private var line: Int

    init(line: Int) { self.line = line }

    mutating func append(_ text: some StringProtocol, line: Int, role: Role) {
        self.line = line
        for character in text {
            characters.append(character)
            lines.append(line)
            roles.append(role)
        }
    }
}

extension Prose {
    /// The prose of `lesson`, in reading order: the front matter's `title` and `summary`,
    /// then every paragraph and table cell, in lists and block quotes too. Headings, code
    /// blocks and HTML blocks are not prose.
    static func all(in lesson: LessonDocument) -> [Prose] {
        let frontMatter = lesson.frontMatter.map { field in
            var prose = Prose(line: field.line)
            prose.append(text: field.text, line: field.line, role: .typed, of: lesson)
            return prose
        }
        return frontMatter + all(in: lesson.blocks, of: lesson)
    }

    private static func all(in blocks: [Block], of lesson: LessonDocument) -> [Prose] {
        blocks.flatMap { block -> [Prose] in
            switch block {
            case .paragraph(let content, let line): [Prose(content, line: line, of: lesson)]
            case .blockQuote(let children): all(in: children, of: lesson)
            case .list(_, _, _, let items): items.flatMap { all(in: $0, of: lesson) }
            case .table(_, let header, let rows, let line): (header + rows.flatMap { $0 }).map { Prose($0, line: line, of: lesson) }
            case .heading, .code, .html, .thematicBreak: []
            }
        }
    }

    /// The prose of inline content that starts at `line`.
    init(_ inlines: [Inline], line: Int, of lesson: LessonDocument) {
        self.init(line: line)
        append(inlines, role: .typed, of: lesson)
    }

    /// Each inline in reading order; what is not typed prose is written back as in the
    /// source, in the role it has.
    private mutating func append(_ inlines: [Inline], role: Role, of lesson: LessonDocument) {
        for inline in inlines {
            switch inline {
            case .text(let text, let line): append(text, line: line, role: role)
            case .code(let literal, let line): append("`\(literal)`", line: line, role: .given)
            case .value(_, let line): append(MessageText(lesson: lesson).markdown(inline), line: line, role: .given)
            case .math, .definition: append(MessageText(lesson: lesson).markdown(inline), line: line, role: .given)
            case .citation: append(MessageText(lesson: lesson).markdown(inline), line: line, role: .citation)
            case .softBreak, .lineBreak: append(" ", line: line, role: role)
            case .html(let raw): append(raw, line: line, role: .given)
            case .emphasis(let content), .strong(let content), .strikethrough(let content), .image(_, _, let content):
                append(content, role: role, of: lesson)
            case .link(let destination, _, let content):
                append(content, role: Self.isWebPage(destination) ? .citation : role, of: lesson)
            }
        }
    }

    /// Front matter text, in which the preprocessor's placeholders still stand.
    private mutating func append(text: String, line: Int, role: Role, of lesson: LessonDocument) {
        var typing = TypedInlines()
        append(typing.typed(.text(text, line: line)), role: role, of: lesson)
    }

    /// A link to `http://…` or `https://…` cites a page on the web; a link to another
    /// chapter or an anchor does not.
    static func isWebPage(_ destination: String) -> Bool {
        let lowered = destination.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
    }
}
