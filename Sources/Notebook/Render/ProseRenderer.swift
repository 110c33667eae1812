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
    private var inlineCount = 0
    private var usedIDs: [String: Int] = [:]

    init(lesson: LessonDocument, inlineValues: [Int: InlineResult], partials: ProsePartials) {
        self.lesson = lesson
        self.inlineValues = inlineValues
        self.partials = partials
        self.citationNumbers = Self.numberCitations(lesson)
        // Cells are anchored as `cell-N`; a heading must not take one of those ids.
        for cell in lesson.cells { usedIDs["cell-\(cell.index)"] = 0 }
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
            let id = uniqueID(HTML.slug(plain(content)))
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
                if tight, item.allSatisfy({ if case .paragraph = $0 { true } else { false } }) {
                    return "<li>" + item.map { block -> String in
                        guard case .paragraph(let c, _) = block else { return "" }
                        return render(c)
                    }.joined(separator: "\n") + "</li>\n"
                }
                return "<li>\n\(render(item))</li>\n"
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
        out += "</tr>\n</thead>\n<tbody>\n"
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
        case .text(let s, _): return withMath(HTML.escape(s))
        case .code(let literal, _):
            if LessonParser.inlineExpression(literal) != nil {
                defer { inlineCount += 1 }
                return partials.inlineValue(inlineValues[inlineCount] ?? InlineResult(index: inlineCount, line: 0, text: "?"))
            }
            return "<code>\(HTML.escape(literal))</code>"
        case .softBreak: return "\n"
        case .lineBreak: return "<br>\n"
        case .html(let raw): return raw
        case .emphasis(let c): return "<em>\(render(c))</em>"
        case .strong(let c): return "<strong>\(render(c))</strong>"
        case .strikethrough(let c): return "<del>\(render(c))</del>"
        case .link(let destination, let title, let c):
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<a href=\"\(HTML.escape(destination))\"\(t)>\(render(c))</a>"
        case .image(let source, let title, let c):
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            return "<img src=\"\(HTML.escape(source))\" alt=\"\(HTML.escape(plain(c)))\"\(t)>"
        }
    }

    /// The text of inlines with math shown as its TeX (for ids, titles and alt text).
    func plain(_ inlines: [Inline]) -> String {
        let text = inlines.map(\.plainText).joined()
        // One pass: a placeholder is an opening mark, a number and the closing mark.
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let mark = rest.firstIndex(where: { $0 == Preprocessed.inlineOpen || $0 == Preprocessed.displayOpen
                                                 || $0 == Preprocessed.citationOpen || $0 == Preprocessed.continuation }) {
            result += rest[..<mark]
            let open = rest[mark]
            rest = rest[rest.index(after: mark)...]
            if open == Preprocessed.continuation { continue }
            guard let close = rest.firstIndex(of: Preprocessed.close), let index = Int(rest[..<close]),
                  let replacement = placeholder(open, index) else {
                result.append(open)
                continue
            }
            result += replacement.filter { $0 != Preprocessed.continuation }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The plain text of placeholder `index` opened by `open`: the TeX of a formula, or
    /// the bracketed numbers of a citation.
    private func placeholder(_ open: Character, _ index: Int) -> String? {
        if open == Preprocessed.citationOpen {
            guard lesson.citations.indices.contains(index) else { return nil }
            let numbers = lesson.citations[index].keys.map { String(citationNumbers[$0] ?? 0) }.joined(separator: ", ")
            return "[\(numbers)]"
        }
        return lesson.math.indices.contains(index) ? lesson.math[index].tex : nil
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

    /// Replaces math and citation placeholders in already-escaped text with HTML.
    func withMath(_ escaped: String) -> String {
        let markers: Set<Character> = [Preprocessed.inlineOpen, Preprocessed.displayOpen, Preprocessed.continuation, Preprocessed.citationOpen]
        guard escaped.contains(where: markers.contains) else {
            return escaped
        }
        var out = ""
        var i = escaped.startIndex
        while i < escaped.endIndex {
            let c = escaped[i]
            if c == Preprocessed.citationOpen, let close = escaped[i...].firstIndex(of: Preprocessed.close),
               let n = Int(escaped[escaped.index(after: i)..<close]) {
                out += citationLinks(n)
                i = escaped.index(after: close)
            } else if c == Preprocessed.inlineOpen || c == Preprocessed.displayOpen,
               let close = escaped[i...].firstIndex(of: Preprocessed.close),
               let n = Int(escaped[escaped.index(after: i)..<close]), n < lesson.math.count {
                let kind = c == Preprocessed.displayOpen ? "display" : "inline"
                out += "<span class=\"math \(kind)\">\(HTML.escape(lesson.math[n].tex))</span>"
                i = escaped.index(after: close)
            } else {
                if c != Preprocessed.continuation { out.append(c) }
                i = escaped.index(after: i)
            }
        }
        return out
    }

    /// The math of a paragraph that holds one display formula and nothing else.
    func displayMath(_ content: [Inline]) -> String? {
        let meaningful = content.filter {
            switch $0 {
            case .softBreak, .lineBreak: false
            case .text(let s, _): !s.allSatisfy { $0 == Preprocessed.continuation || $0.isWhitespace }
            default: true
            }
        }
        guard meaningful.count == 1, case .text(let s, _) = meaningful[0],
              s.first == Preprocessed.displayOpen,
              s.filter({ $0 != Preprocessed.continuation && !$0.isWhitespace }).last == Preprocessed.close,
              s.filter({ $0 == Preprocessed.close }).count == 1 else { return nil }
        return withMath(HTML.escape(s.filter { !$0.isNewline }))
    }

    /// `base`, or `base-2`, `base-3`, … : the first not yet used on the page.
    mutating func uniqueID(_ base: String) -> String {
        var id = base
        var n = usedIDs[base, default: 0]
        while usedIDs[id] != nil {
            n += 1
            id = "\(base)-\(n + 1)"
        }
        usedIDs[base] = n
        usedIDs[id] = usedIDs[id] ?? 0
        return id
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
