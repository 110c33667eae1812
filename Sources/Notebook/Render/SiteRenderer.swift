import Charts
import Foundation
import LessonResults
import Mustache

/// Renders a book and the results of running it into a `Site`, from the template files of
/// a `Templates/` folder: `index.mustache` (the landing page), `page.mustache` (a
/// chapter), `cell.mustache` (a cell with its outputs) and partials they include.
/// Every word a reader sees outside the lessons is in those files.
public struct SiteRenderer {
    /// The templates' sources, by name, with their words still marked (`TemplateWords`).
    let sources: [String: String]
    let templates: URL

    /// Reads every `*.mustache` file of `templates`.
    public init(templates: URL) throws {
        var sources: [String: String] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        for name in names.sorted() {
            let text = try String(contentsOf: templates.appending(path: name), encoding: .utf8)
            // A template file's last newline is not part of what it draws: inline partials
            // (an inline value in a sentence) must not add a space.
            sources[String(name.dropLast(".mustache".count))] = text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
        for required in ["index", "page", "cell", "heading", "inline-value", "untranslated"] where sources[required] == nil {
            throw TemplateError(file: required + ".mustache", message: "missing from \(templates.lastPathComponent)/")
        }
        self.sources = sources
        self.templates = templates
        _ = try edition(language: Edition.source, catalog: nil)
    }

    /// The whole site: the landing page, one page per lesson, and the assets; then the same
    /// pages in each language of `catalogs` (by language code) in a folder of its own
    /// (`ko/`), from the same results.
    ///
    /// - Throws: `BookError` for a translation that does not keep its placeholders,
    ///   `TemplateError` for a template that cannot be rendered.
    public func render(_ book: Book, results: [String: LessonResult], catalogs: [String: Catalog] = [:]) throws -> Site {
        var site = Site()
        let languages = [Edition.source] + catalogs.keys.sorted()
        var problems: [LessonError] = []
        // A translation's headings take the English anchors.
        let headingIDs = catalogs.isEmpty ? [:]
            : Dictionary(uniqueKeysWithValues: book.lessons.map { ($0.id, ProseRenderer.headingIDs(of: $0)) })
        for language in languages {
            let edition = try edition(language: language, catalog: catalogs[language], languages: languages)
            var translated = book
            if let translator = edition.translator {
                let outcomes = book.lessons.map(translator.translate)
                problems += outcomes.flatMap(\.problems)
                translated = Book(lessons: outcomes.map(\.lesson), bibliography: book.bibliography)
            }
            try render(translated, results: results, edition: edition, headingIDs: edition.translator == nil ? [:] : headingIDs, into: &site)
            problems += edition.words.problems
        }
        if !problems.isEmpty { throw BookError(problems) }
        // Figures are embedded without their own <style>: one copy serves every page.
        site.add("assets/charts.css", text: ChartStyle.defaultStylesheet + "\n")
        try Assets.add(to: &site, templates: templates)
        return site
    }

    /// One edition's pages and search index, in its folder.
    /// `headingIDs` (by lesson id) are the anchors of a translation's headings: the source's.
    func render(_ book: Book, results: [String: LessonResult], edition: Edition, headingIDs: [String: [String]],
                into site: inout Site) throws {
        let pages = book.lessons.map { lesson in Self.entry(lesson, claims: results[lesson.id]?.claims.count ?? 0) }
        site.add(edition.folder + "index.html",
                 text: HTML.replacingControlCharacters(
                    try edition.render("index", Self.navigation(pages, in: book).merging(edition.data(page: "index.html")) { a, _ in a }) + "\n"))
        for (i, lesson) in book.lessons.enumerated() {
            let result = results[lesson.id] ?? LessonResult(id: lesson.id, codeHash: "")
            let figures = FigureCollector(lessonID: lesson.id)
            site.add(edition.folder + lesson.id + ".html",
                     text: HTML.replacingControlCharacters(
                        try page(lesson, result: result, position: i, pages: pages, book: book, figures: figures, edition: edition,
                                 headingIDs: headingIDs[lesson.id] ?? [])))
            if edition.folder.isEmpty { for (path, csv) in figures.files { site.add(path, text: csv) } }
        }
        site.add(edition.folder + "assets/search-index.js", text: try SearchIndex.script(book, results: results, headingIDs: headingIDs))
    }

    /// The templates of `language`, their words translated by `catalog` (none for English).
    func edition(language: String, catalog: Catalog?, languages: [String] = [Edition.source]) throws -> Edition {
        var loaded: [String: MustacheTemplate] = [:]
        var problems: [LessonError] = []
        for (name, source) in sources {
            let text = TemplateWords.localized(source) { words in
                guard let catalog else { return words }
                guard let entry = catalog.translation(of: words), entry.isUsable else { return nil }
                guard TemplateWords.tags(entry.translation) == TemplateWords.tags(words) else {
                    problems.append(LessonError(file: catalog.file, line: entry.line, message: "the translation must keep the Mustache tags of its msgid (\(TemplateWords.tags(words).joined(separator: " ")))"))
                    return nil
                }
                return entry.translation
            }
            do {
                loaded[name] = try MustacheTemplate(string: text)
            } catch {
                throw TemplateError(file: name + ".mustache", message: String(describing: error))
            }
        }
        if !problems.isEmpty { throw BookError(problems) }
        var edition = Edition(language: language, languages: languages, library: MustacheLibrary(templates: loaded))
        if let catalog {
            let marker = try edition.render("untranslated", [:])
            edition.translator = Translator(catalog: catalog, marker: marker)
            edition.words = RunWords(catalog: catalog, marker: marker)
        }
        return edition
    }

    /// What the landing page and the navigation show of a page: its link, title, summary,
    /// claim count (when it has claims) and, for a chapter, its number.
    static func entry(_ lesson: LessonDocument, claims: Int) -> [String: Any] {
        var entry: [String: Any] = ["href": lesson.id + ".html", "title": lesson.title, "summary": lesson.summary]
        if claims > 0 { entry["claims"] = String(claims) }
        if let number = lesson.number { entry["number"] = String(number) }
        return entry
    }

    /// `pages` (one entry per lesson, in book order) split for the templates: `chapters`,
    /// and `referencePages.pages` when the book has reference pages.
    static func navigation(_ pages: [[String: Any]], in book: Book) -> [String: Any] {
        let isChapter = book.lessons.map { $0.number != nil }
        var data: [String: Any] = ["chapters": pages.indices.filter { isChapter[$0] }.map { pages[$0] }]
        let references = pages.indices.filter { !isChapter[$0] }.map { pages[$0] }
        if !references.isEmpty { data["referencePages"] = ["pages": references] }
        return data
    }

    func page(_ lesson: LessonDocument, result: LessonResult, position: Int, pages: [[String: Any]],
              book: Book, figures: FigureCollector, edition: Edition, headingIDs: [String] = []) throws -> String {
        let values = Dictionary(result.inlines.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var cellError: Error?
        func draw(_ template: String, _ data: [String: Any]) -> String {
            do { return try edition.render(template, data) } catch {
                cellError = error
                return ""
            }
        }
        let partials = ProsePartials(
            cell: { cell in draw("cell", CellView.data(cell, result: result.cell(cell.index), figures: figures, root: edition.root,
                                                             words: edition.words)) },
            heading: { level, id, html in draw("heading", ["level": String(level), "id": id, "html": html]) },
            inlineValue: { value in
                var data: [String: Any] = ["value": value.text]
                if let exact = value.exact { data["exact"] = exact }
                return draw("inline-value", data)
            }
        )
        var prose = ProseRenderer(lesson: lesson, inlineValues: values, partials: partials, headingIDs: headingIDs)
        let content = prose.render(lesson.blocks)
        if let cellError { throw cellError }
        let toc = prose.headings.filter { $0.level == 2 || $0.level == 3 }
            .map { ["id": $0.id, "text": $0.text, "level": String($0.level)] }
        var sidebar = pages
        sidebar[position]["current"] = true
        if !toc.isEmpty { sidebar[position]["contents"] = ["items": toc] }
        var data = Self.navigation(sidebar, in: book).merging([
            "id": lesson.id, "title": lesson.title, "summary": lesson.summary,
            "content": content, "claims": String(result.claims.count),
        ]) { a, _ in a }.merging(edition.data(page: lesson.id + ".html")) { a, _ in a }
        if let number = lesson.number { data["number"] = String(number) }
        let cited = prose.citationNumbers.sorted { $0.value < $1.value }
        if !cited.isEmpty {
            data["references"] = ["items": cited.compactMap { key, number -> [String: Any]? in
                guard let reference = book.bibliography.references[key] else { return nil }
                // The authors end the reference's first sentence; "et al." already ends it.
                let authors = reference.authors.hasSuffix(".") ? reference.authors : reference.authors + "."
                var entry: [String: Any] = ["key": key, "number": String(number), "authors": authors,
                                            "title": reference.title, "year": String(reference.year)]
                if let venue = reference.venue { entry["venue"] = venue }
                if let url = reference.url { entry["url"] = url }
                return entry
            }]
        }
        if position > 0 { data["previous"] = pages[position - 1] }
        if position + 1 < pages.count { data["next"] = pages[position + 1] }
        return try edition.render("page", data) + "\n"
    }
}

/// A template that is missing, does not parse, or cannot be rendered.
public struct TemplateError: Error, CustomStringConvertible {
    /// The template's file name in `Templates/`: `page.mustache`.
    public let file: String
    /// What is wrong with it.
    public let message: String
    /// `Templates/FILE: MESSAGE`.
    public var description: String { "Templates/\(file): \(message)" }
}
