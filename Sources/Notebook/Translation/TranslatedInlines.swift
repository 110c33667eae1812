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
        let local = Local(lesson: lesson, math: math, citations: citations, definitions: definitions, inlines: typing.expressions)
        var wanted: [String: [Inline]] = [:]
        for (key, inline) in Self.placeholders(english, lesson: Local(lesson)) { wanted[key, default: []].append(inline) }
        let found = Self.placeholders(translated, lesson: local).map(\.key)
        let source = Self.placeholders(english, lesson: Local(lesson)).map(\.key)
        guard found.sorted() == source.sorted() else {
            var missing = source, extra: [String] = []
            for key in found {
                if let i = missing.firstIndex(of: key) { missing.remove(at: i) } else { extra.append(key) }
            }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing " + missing.joined(separator: ", ")) }
            if !extra.isEmpty { parts.append("not in the source " + extra.joined(separator: ", ")) }
            throw BookError([LessonError(file: "", line: entry.line, message: "the translation must keep every placeholder of its msgid, in any order (\(parts.joined(separator: "; "))): copy them from the msgid")])
        }
        let line = lesson.firstLine(english)
        return Self.mapped(translated, local: local, wanted: &wanted, line: line)
    }

    /// Where a translation's own spans live while it is matched to the English.
    struct Local {
        var math: [Math], citations: [Citation], definitions: [Definition], inlines: [InlineExpression]
        init(_ lesson: LessonDocument) {
            (math, citations, definitions, inlines) = (lesson.math, lesson.citations, lesson.definitions, lesson.inlines)
        }
        init(lesson: LessonDocument, math: [Math], citations: [Citation], definitions: [Definition], inlines: [InlineExpression]) {
            (self.math, self.citations, self.definitions, self.inlines) = (math, citations, definitions, inlines)
        }
    }

    /// Every placeholder of `inlines`, as the source text that identifies it, in reading order.
    static func placeholders(_ inlines: [Inline], lesson: Local) -> [(key: String, inline: Inline)] {
        inlines.flatMap { inline -> [(key: String, inline: Inline)] in
            switch inline {
            case .code(let literal, _): [(MessageText.codeSpan(literal), inline)]
            case .value(let i, _): [(MessageText.codeSpan("{swift} " + lesson.inlines[i].expression), inline)]
            case .math(let n, let display): [(display ? "$$\(lesson.math[n].tex)$$" : "$\(lesson.math[n].tex)$", inline)]
            case .citation(let n): [("[" + lesson.citations[n].keys.map { "@" + $0 }.joined(separator: "; ") + "]", inline)]
            case .definition(let n): [("{=\(lesson.definitions[n].text)}", inline)]
            case .html(let raw): [(raw, inline)]
            case .link(let destination, _, let c): [("](\(destination))", inline)] + placeholders(c, lesson: lesson)
            case .image(let source, _, let c): [("](\(source))", inline)] + placeholders(c, lesson: lesson)
            case .emphasis(let c), .strong(let c), .strikethrough(let c): placeholders(c, lesson: lesson)
            case .text, .softBreak, .lineBreak: []
            }
        }
    }

    /// `translated` with each placeholder replaced by the next unused English one with the
    /// same key, and every line set to the English message's.
    static func mapped(_ translated: [Inline], local: Local, wanted: inout [String: [Inline]], line: Int?) -> [Inline] {
        translated.map { inline in
            func english() -> Inline {
                let key = placeholders([inline], lesson: local)[0].key
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
    func firstLine(_ inlines: [Inline]) -> Int? { Self.firstLine(inlines) }

    /// This page with other blocks, title and summary: a translation of it.
    func replacing(blocks: [Block], title: String, summary: String) -> LessonDocument {
        LessonDocument(id: id, kind: kind, path: path, title: title, summary: summary, frontMatter: frontMatter,
                       blocks: blocks, cells: cells, inlines: inlines, math: math, citations: citations,
                       definitions: definitions)
    }
}
