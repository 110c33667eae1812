import Foundation
import LessonResults

/// Renders a lesson's Markdown to HTML, putting each cell's rendering where its fence
/// was, each inline `{swift}` value where its code span was, and math where its
/// placeholder was. Headings get ids (unique within the page) and are collected for the
/// page's table of contents.
struct ProseRenderer {
    let lesson: LessonDocument
    /// How cells, headings and inline values are drawn, from the page renderer's templates.
    let partials: ProsePartials
    /// The result of each inline expression, by index.
    let inlineValues: [Int: InlineResult]
    /// The page's number for each cited key, in order of first citation.
    let citationNumbers: [String: Int]

    private(set) var headings: [(level: Int, id: String, text: String)] = []
    /// The ids its headings take, in order, instead of ids from their text: a translated
    /// page's are the source page's, so anchors are the same in every language.
    var headingIDs: [String] = []
    private var usedIDs: [String: Int] = [:]

    init(lesson: LessonDocument, inlineValues: [Int: InlineResult], partials: ProsePartials, headingIDs: [String] = []) {
        self.lesson = lesson
        self.inlineValues = inlineValues
        self.partials = partials
        self.headingIDs = headingIDs
        self.citationNumbers = Self.numberCitations(lesson)
    }

    /// The ids the headings of `lesson` get from their text, in order.
    static func headingIDs(of lesson: LessonDocument) -> [String] {
        var renderer = ProseRenderer(lesson: lesson, inlineValues: [:], partials: .bare)
        _ = renderer.render(lesson.blocks)
        return renderer.headings.map(\.id)
    }

    mutating func render(_ blocks: [Block]) -> String {
        blocks.map { render($0) }.joined()
    }

    mutating func render(_ block: Block) -> String {
        switch block {
        case .paragraph(let content, _):
            if let display = displayMath(content) { return "<div class=\"math-block\">\(display)</div>\n" }
            return "<p>\(render(content))</p>\n"
        case .heading(let level, let content, _):
            let html = render(content)
            let id = headings.count < headingIDs.count ? headingIDs[headings.count] : uniqueID(HTML.slug(plain(content)))
            headings.append((level, id, plain(content)))
            return partials.heading(level, id, html) + "\n"
        case .code(let info, let literal, let line, _):
            if let cell = lesson.cells.first(where: { $0.fenceLine == line }) { return partials.cell(cell) + "\n" }
            let language = info.split(separator: " ").first.map { " class=\"language-\(HTML.escape(String($0)))\"" } ?? ""
            return "<pre><code\(language)>\(HTML.escape(literal))</code></pre>\n"
        case .html(let raw, _):
            return raw
        case .blockQuote(let children):
            return "<blockquote>\n\(render(children))</blockquote>\n"
        case .list(let ordered, let start, let tight, let items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { item -> String in
                guard tight else { return "<li>\n\(render(item))</li>\n" }
                // In a tight list a paragraph is not wrapped in <p>; the blocks after it
                // start on a new line, as cmark-gfm writes them.
                var html = ""
                for block in item {
                    if case .paragraph(let content, _) = block {
                        if !html.isEmpty && !html.hasSuffix("\n") { html += "\n" }
                        html += displayMath(content).map { "<div class=\"math-block\">\($0)</div>\n" } ?? render(content)
                    } else {
                        if !html.isEmpty && !html.hasSuffix("\n") { html += "\n" }
                        html += render(block)
                    }
                }
                return "<li>\(html)</li>\n"
            }.joined()
            return "<\(tag)\(startAttribute)>\n\(body)</\(tag)>\n"
        case .table(let alignments, let header, let rows, _):
            return renderTable(alignments, header, rows)
        case .thematicBreak:
            return "<hr>\n"
        }
    }

    mutating func renderTable(_ alignments: [Alignment], _ header: [[Inline]], _ rows: [[[Inline]]]) -> String {
        func align(_ i: Int) -> String {
            switch i < alignments.count ? alignments[i] : .none {
            case .none: ""
            case .left: " style=\"text-align: left\""
            case .center: " style=\"text-align: center\""
            case .right: " style=\"text-align: right\""
            }
        }
        var out = "<div class=\"table-wrap\"><table>\n<thead>\n<tr>"
        for (i, cell) in header.enumerated() { out += "<th\(align(i))>\(render(cell))</th>" }
        out += "</tr>\n</thead>\n"
        guard !rows.isEmpty else { return out + "</table></div>\n" }
        out += "<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() { out += "<td\(align(i))>\(render(cell))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    mutating func render(_ inlines: [Inline]) -> String {
        inlines.map { render($0) }.joined()
    }

    mutating func render(_ inline: Inline) -> String {
        switch inline {
        case .text(let s, _): return HTML.escape(s)
        case .code(let literal, _): return "<code>\(HTML.escape(literal))</code>"
        case .value(let index, let line):
            return partials.inlineValue(inlineValues[index] ?? InlineResult(index: index, line: line, text: "?"))
        case .math(let n, let display):
            guard lesson.math.indices.contains(n) else { return "" }
            return "<span class=\"math \(display ? "display" : "inline")\">\(HTML.escape(lesson.math[n].tex))</span>"
        case .citation(let n): return citationLinks(n)
        case .definition(let n): return lesson.definitions.indices.contains(n) ? HTML.escape(lesson.definitions[n].text) : ""
        case .softBreak: return "\n"
        case .lineBreak: return "<br />\n"
        case .html(let raw): return raw
        case .emphasis(let c): return "<em>\(render(c))</em>"
        case .strong(let c): return "<strong>\(render(c))</strong>"
        case .strikethrough(let c): return "<del>\(render(c))</del>"
        case .link(let destination, let title, let c):
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<a href=\"\(HTML.href(destination))\"\(t)>\(render(c))</a>"
        case .image(let source, let title, let c):
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<img src=\"\(HTML.href(source))\" alt=\"\(HTML.escape(plain(c)))\"\(t)>"
        }
    }

    /// The text of inlines without markup (for ids, titles, alt text and search): math as
    /// its TeX, a citation as its bracketed numbers, a definition or an inline value as its
    /// text.
    func plain(_ inlines: [Inline]) -> String {
        inlines.map(plain).joined()
    }

    func plain(_ inline: Inline) -> String {
        switch inline {
        case .text(let s, _), .code(let s, _), .html(let s): s
        case .softBreak, .lineBreak: " "
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): plain(c)
        case .value(let index, _): inlineValues[index]?.text ?? ""
        case .math(let n, _): lesson.math.indices.contains(n) ? lesson.math[n].tex : ""
        case .citation(let n):
            lesson.citations.indices.contains(n)
                ? "[" + lesson.citations[n].keys.map { String(citationNumbers[$0] ?? 0) }.joined(separator: ", ") + "]"
                : ""
        case .definition(let n): lesson.definitions.indices.contains(n) ? lesson.definitions[n].text : ""
        }
    }

    /// Cited keys numbered 1, 2, … in order of their first citation on the page.
    static func numberCitations(_ lesson: LessonDocument) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for key in lesson.citations.flatMap(\.keys) where numbers[key] == nil {
            numbers[key] = numbers.count + 1
        }
        return numbers
    }

    /// `[1, 3]`, each number linking to its entry in the page's references.
    func citationLinks(_ index: Int) -> String {
        guard index < lesson.citations.count else { return "" }
        let links = lesson.citations[index].keys.map { key in
            "<a class=\"cite\" href=\"#ref-\(HTML.escape(key))\">\(citationNumbers[key] ?? 0)</a>"
        }
        return "[" + links.joined(separator: ", ") + "]"
    }

    /// The math of a paragraph that holds one display formula and nothing else.
    mutating func displayMath(_ content: [Inline]) -> String? {
        let meaningful = content.filter {
            switch $0 {
            case .softBreak, .lineBreak: false
            case .text(let s, _): !s.allSatisfy(\.isWhitespace)
            default: true
            }
        }
        guard meaningful.count == 1, case .math(_, display: true) = meaningful[0] else { return nil }
        return render(meaningful[0])
    }

    /// `slug`, or `slug-2`, `slug-3`, … : the first not yet used on the page, and not one the
    /// page template gives a figure (`figure-N`), a cell (`cell-N`) or the references
    /// (`references`, `ref-…`). Where every number would be reserved (after `figure`, `cell`
    /// and `ref`, and after any `ref-…`), the numbers go on `section-slug` instead: a second
    /// heading "Figure" gets `section-figure-2`, a heading "Ref counting" `section-ref-counting-2`.
    mutating func uniqueID(_ slug: String) -> String {
        let numbered = ["figure", "cell", "ref"].contains(slug) || slug.hasPrefix("ref-") ? "section-\(slug)" : slug
        var id = slug
        var n = usedIDs[slug, default: 0]
        while usedIDs[id] != nil || Self.isReserved(id) {
            n += 1
            id = "\(numbered)-\(n + 1)"
        }
        usedIDs[slug] = n
        usedIDs[id] = usedIDs[id] ?? 0
        return id
    }

    /// Whether the page template uses `id` for something other than a heading.
    static func isReserved(_ id: String) -> Bool {
        func numbered(_ prefix: String) -> Bool {
            id.hasPrefix(prefix) && id.count > prefix.count && id.dropFirst(prefix.count).allSatisfy(\.isASCII) &&
                id.dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
        return numbered("figure-") || numbered("cell-") || id == "references" || id.hasPrefix("ref-")
    }
}

/// How the prose renderer draws what is not Markdown: cells, headings (with their
/// anchors) and inline values. The page renderer fills them from its templates, where
/// every word a reader sees lives.
struct ProsePartials {
    var cell: (Cell) -> String
    var heading: (_ level: Int, _ id: String, _ html: String) -> String
    var inlineValue: (InlineResult) -> String

    /// Markup without words or cells, for uses that need only text and ids (the search index).
    static var bare: ProsePartials { ProsePartials(
        cell: { _ in "" },
        heading: { level, id, html in "<h\(level) id=\"\(id)\">\(html)</h\(level)>" },
        inlineValue: { HTML.escape($0.text) }
    ) }
}
