/// A page in another language: the English page's blocks with each message's inlines
/// replaced by its translation from a catalog. The translation is parsed as Markdown the
/// way the English is, and its placeholders (inline values, math, citations, definitions,
/// code spans, link targets, raw HTML) are matched to the English ones, so an inline value
/// shows the very result of the English run.
public struct Translator {
    public let catalog: Catalog
    /// The opening tag an untranslated message is wrapped in (the template
    /// `untranslated.mustache`, in the edition's words); a `</span>` closes it.
    public let marker: String

    public init(catalog: Catalog, marker: String = "<span class=\"untranslated\" lang=\"en\">") {
        self.catalog = catalog
        self.marker = marker
    }

    /// What translating a page gives.
    public struct Outcome: Sendable {
        /// The page in the catalog's language; untranslated messages stay English,
        /// wrapped in `marker`.
        public var lesson: LessonDocument
        /// Messages with no usable translation (missing, empty or fuzzy).
        public var untranslated: [Message]
        /// Translations that do not keep their message's placeholders, at the catalog line.
        public var problems: [LessonError]
    }

    /// `inlines` wrapped in the marker of an untranslated message.
    func marked(_ inlines: [Inline]) -> [Inline] {
        [.html(marker)] + inlines + [.html("</span>")]
    }

    public func translate(_ lesson: LessonDocument) -> Outcome {
        var untranslated: [Message] = []
        var problems: [LessonError] = []
        let writer = MessageText(lesson: lesson)
        func front(_ key: String) -> String? {
            guard let field = lesson.frontMatter.last(where: { $0.key == key }) else { return nil }
            let source = field.text.sourceText(lesson.definitions)
            guard let entry = catalog.translation(of: source), entry.isUsable else {
                untranslated.append(Message(text: source, file: lesson.path, line: field.line))
                return nil
            }
            let wanted = Self.definitions(in: source), found = Self.definitions(in: entry.translation)
            guard wanted.sorted() == found.sorted() else {
                problems.append(mismatch(entry, missing: wanted.subtracting(found), extra: found.subtracting(wanted)))
                return nil
            }
            return Self.showingDefinitions(entry.translation)
        }
        let title = front("title"), summary = front("summary")
        let blocks = lesson.translatingProse { inlines, line in
            let source = writer.markdown(inlines)
            guard let entry = catalog.translation(of: source), entry.isUsable else {
                untranslated.append(Message(text: source, file: lesson.path, line: line))
                return marked(inlines)
            }
            do throws(BookError) {
                return try Self.inlines(of: entry, replacing: inlines, in: lesson)
            } catch {
                problems.append(contentsOf: error.problems.map {
                    LessonError(file: catalog.file, line: $0.line, message: $0.message)
                })
                return marked(inlines)
            }
        }
        let translated = lesson.replacing(blocks: blocks, title: title ?? lesson.title, summary: summary ?? lesson.summary)
        return Outcome(lesson: translated, untranslated: untranslated, problems: problems)
    }

    func mismatch(_ entry: Catalog.Entry, missing: some Collection<String>, extra: some Collection<String>) -> LessonError {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing " + missing.sorted().joined(separator: ", ")) }
        if !extra.isEmpty { parts.append("not in the English " + extra.sorted().joined(separator: ", ")) }
        let start = entry.source.prefix(60)
        return LessonError(file: catalog.file, line: entry.line, message: "the translation of \"\(start)\(entry.source.count > 60 ? "…" : "")\" must keep the placeholders of its source (\(parts.joined(separator: "; "))): copy them from the msgid")
    }

    /// The `{=…}` definitions written in `text`.
    static func definitions(in text: String) -> Set<String> {
        var found: [Definition] = []
        _ = Preprocessor.protectDefinitions(text, line: 1, definitions: &found)
        return Set(found.map { "{=\($0.text)}" })
    }

    /// `text` with each `{=…}` shown as its text, as a title is.
    static func showingDefinitions(_ text: String) -> String {
        var found: [Definition] = []
        return Preprocessor.protectDefinitions(text, line: 1, definitions: &found).replacingPlaceholders(found)
    }
}

extension String {
    fileprivate func replacingPlaceholders(_ definitions: [Definition]) -> String {
        Placeholder.replacing(in: self) { placeholder in
            if case .definition(let n) = placeholder, definitions.indices.contains(n) { definitions[n].text } else { nil }
        }
    }
}
