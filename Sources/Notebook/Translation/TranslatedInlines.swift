extension Translator {
    /// The inlines of `entry`'s translation, with each placeholder made the English one it
    /// copies: the inline value, formula, citation or definition of `english`.
    ///
    /// - Throws: `BookError` at the entry's line when the translation is not one paragraph
    ///   or does not hold the same placeholders as its source.
    static func inlines(of entry: Catalog.Entry, replacing english: [Inline],
                        in lesson: LessonDocument) throws(BookError) -> [Inline] {
        var math: [Math] = [], citations: [Citation] = [], definitions: [Definition] = []
        let protected = Preprocessor.protectSpans(entry.translation, math: &math, citations: &citations, definitions: &definitions)
        var typing = TypedInlines()
        let blocks = typing.typed(CMark.parse(protected))
        guard blocks.count == 1, case .paragraph(let translated, _) = blocks[0] else {
            throw BookError([LessonError(file: "", line: entry.line, message: "a translation is one paragraph of inline Markdown, as its msgid is: no blank line, and no '#', '-', '>' or '1.' that would start another block")])
        }
        let local = MessageText(math: math, citations: citations, definitions: definitions, inlines: typing.expressions)
        let source = Self.placeholders(english, writer: MessageText(lesson: lesson))
        if let problem = Self.placeholderMismatch(source: source.map(\.key), found: Self.placeholders(translated, writer: local).map(\.key)) {
            throw BookError([LessonError(file: "", line: entry.line, message: "the translation must keep every placeholder of its msgid, in any order (\(problem)): copy them from the msgid")])
        }
        var wanted: [String: [Inline]] = [:]
        for (key, inline) in source { wanted[key, default: []].append(inline) }
        return Self.mapped(translated, local: local, wanted: &wanted, line: LessonDocument.firstLine(english))
    }

    /// What `found` lacks of `source` and holds beyond it, counting repeats ("missing a, b;
    /// not in the source c"); nil when they are the same in some order.
    static func placeholderMismatch(source: [String], found: [String]) -> String? {
        guard found.sorted() != source.sorted() else { return nil }
        var missing = source, extra: [String] = []
        for key in found {
            if let i = missing.firstIndex(of: key) { missing.remove(at: i) } else { extra.append(key) }
        }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing " + missing.joined(separator: ", ")) }
        if !extra.isEmpty { parts.append("not in the source " + extra.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// Every placeholder of `inlines`, as the source text that identifies it (as `writer`
    /// writes it), in reading order.
    static func placeholders(_ inlines: [Inline], writer: MessageText) -> [(key: String, inline: Inline)] {
        inlines.flatMap { inline -> [(key: String, inline: Inline)] in
            switch inline {
            case .code, .value, .math, .citation, .definition, .html: [(writer.markdown(inline), inline)]
            case .link(let destination, _, let c): [("](\(destination))", inline)] + placeholders(c, writer: writer)
            case .image(let source, _, let c): [("](\(source))", inline)] + placeholders(c, writer: writer)
            case .emphasis(let c), .strong(let c), .strikethrough(let c): placeholders(c, writer: writer)
            case .text, .softBreak, .lineBreak: []
            }
        }
    }

    /// `translated` with each placeholder replaced by the next unused English one with the
    /// same key, and every line set to the English message's.
    static func mapped(_ translated: [Inline], local: MessageText, wanted: inout [String: [Inline]], line: Int?) -> [Inline] {
        translated.map { inline in
            func english() -> Inline {
                let key = local.markdown(inline)
                return wanted[key]?.isEmpty == false ? wanted[key]!.removeFirst() : inline
            }
            switch inline {
            case .text(let text, let own): return .text(text, line: line ?? own)
            case .code, .value, .math, .citation, .definition: return english()
            case .emphasis(let c): return .emphasis(mapped(c, local: local, wanted: &wanted, line: line))
            case .strong(let c): return .strong(mapped(c, local: local, wanted: &wanted, line: line))
            case .strikethrough(let c): return .strikethrough(mapped(c, local: local, wanted: &wanted, line: line))
            case .link(let destination, let title, let c):
                return .link(destination: destination, title: title, mapped(c, local: local, wanted: &wanted, line: line))
            case .image(let source, let title, let c):
                return .image(source: source, title: title, mapped(c, local: local, wanted: &wanted, line: line))
            case .softBreak, .lineBreak, .html: return inline
            }
        }
    }
}

extension LessonDocument {
    /// This page with other blocks, title and summary: a translation of it.
    func replacing(blocks: [Block], title: String, summary: String) -> LessonDocument {
        LessonDocument(id: id, kind: kind, path: path, title: title, summary: summary, frontMatter: frontMatter,
                       blocks: blocks, cells: cells, inlines: inlines, math: math, citations: citations,
                       definitions: definitions)
    }
}
