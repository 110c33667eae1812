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
            var wanted: [Definition] = [], shown: [Definition] = []
            _ = Preprocessor.protectDefinitions(source, line: field.line, definitions: &wanted)
            let translated = Preprocessor.protectDefinitions(entry.translation, line: field.line, definitions: &shown)
            let written = { (definitions: [Definition]) in definitions.map { "{=\($0.text)}" } }
            if let problem = Self.placeholderMismatch(source: written(wanted), found: written(shown)) {
                let start = entry.source.prefix(60)
                problems.append(LessonError(file: catalog.file, line: entry.line, message: "the translation of \"\(start)\(entry.source.count > 60 ? "…" : "")\" must keep the definitions of its source (\(problem)): copy them from the msgid"))
                return nil
            }
            return translated.showingDefinitions(shown)
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
}
