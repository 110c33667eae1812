import Foundation
import LessonResults
import Notebook
import Testing

/// Rendering a book and the results of running it into HTML pages.
@Suite("Rendering")
struct RenderTests {
    static let payload = "<script>&\"'"

    static func renderer() throws -> SiteRenderer {
        try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates"))
    }

    /// Results for `Books/render/01-render.md`, built from the parsed lesson so lines agree.
    static func results(for book: Book) throws -> [String: LessonResult] {
        let lesson = try #require(book.lessons.first { $0.id == "01-render" })
        try #require(lesson.cells.count == 2, "cells: \(lesson.cells)")
        let shown = lesson.cells[0], hidden = lesson.cells[1]
        /// The Markdown line of the cell line that is exactly `text`.
        func claimLine(_ text: String) throws -> Int {
            let lines = shown.code.split(separator: "\n", omittingEmptySubsequences: false)
            let offset = try #require(lines.firstIndex { $0 == text }, "no line '\(text)' in the cell")
            return shown.codeLine + offset
        }
        let result = LessonResult(
            id: lesson.id, codeHash: SwiftGenerator.codeHash(of: lesson),
            cells: [
                CellResult(index: shown.index, line: shown.codeLine, outputs: [
                    .text(payload + "\n"),
                    .claim(Claim(text: "one plus one is two", passed: true, line: try claimLine("claim(1 + 1 == 2, \"one plus one is two\")"))),
                    .claim(Claim(text: "max, picked", passed: false, line: try claimLine("claim("))),
                ]),
                CellResult(index: hidden.index, line: hidden.codeLine, outputs: [.text("hidden cell output")]),
            ],
            inlines: [InlineResult(index: 0, line: lesson.inlines[0].line, text: "42 < 43")]
        )
        return [lesson.id: result]
    }

    static func site() throws -> Site {
        let book = try Fixture.book("render")
        return try renderer().render(book, results: try results(for: book))
    }

    static func page(_ site: Site, _ id: String = "01-render") throws -> String {
        let data = try #require(site.files[id + ".html"], "no \(id).html among \(site.files.keys.sorted().prefix(10))")
        return String(decoding: data, as: UTF8.self)
    }

    @Test("the site has the landing page and one page per lesson")
    func pages() throws {
        let site = try Self.site()
        for name in ["index.html", "01-render.html", "02-second.html"] {
            #expect(site.files[name] != nil, "missing \(name)")
        }
    }

    @Test("output text is HTML-escaped")
    func escaping() throws {
        let page = try Self.page(try Self.site())
        #expect(!page.contains(Self.payload), "the raw output reached the page")
        #expect(page.contains("&lt;script&gt;&amp;&quot;&#39;"), "escaped output missing")
        #expect(page.contains("Rendering &lt;&amp;&gt;"), "the title is escaped")
    }

    @Test("a cell's code is coloured in the page itself, escaped, with no script")
    func highlightedCode() throws {
        let page = try Self.page(try Self.site())
        #expect(page.contains(#"<code class="language-swift">print(<span class="hl-str">&quot;&lt;script&gt;&amp;\&quot;&#39;&quot;</span>)"#))
        #expect(page.contains(#"claim(<span class="hl-num">1</span> + <span class="hl-num">1</span> == <span class="hl-num">2</span>, "#))
        #expect(!page.contains("highlight"), "no highlighting script is loaded")
    }

    /// The conditions shown under the page's claims, as HTML.
    static func conditions(_ page: String) -> [String] {
        page.components(separatedBy: "Checked when the book was built: <code>").dropFirst().compactMap {
            $0.components(separatedBy: "</code>").first
        }
    }

    @Test("a claim shows its text and the condition taken from the cell's code")
    func claims() throws {
        let page = try Self.page(try Self.site())
        #expect(page.contains("verified</span> one plus one is two"), "passed claim")
        #expect(Self.conditions(page) == ["1 + 1 == 2", "max(1, 2) == 2"], "conditions of a one-line and a multi-line claim")
        #expect(page.contains("claim-failed"), "a false claim is marked")
        #expect(page.contains("max, picked"), "text of the multi-line claim")
    }

    @Test("inline values replace their code spans; ordinary code spans stay code")
    func inlineValues() throws {
        let page = try Self.page(try Self.site())
        #expect(page.contains(">42 &lt; 43</span>"), "the inline value, escaped")
        #expect(!page.contains("{swift}"), "the code span of an inline value leaked")
        #expect(page.contains("<code>plainCode</code>"))
    }

    @Test("a rounded number shows its exact form as a tooltip, in a table cell and inline")
    func exactValues() throws {
        let book = try Fixture.book("render")
        var results = try Self.results(for: book)
        var result = try #require(results["01-render"])
        result.inlines[0].text = "0.9996"
        result.inlines[0].exact = "0.9995989566310423"
        result.cells[0].outputs.append(.table(Table(columns: ["run", "loss"], rows: [["fp32", "0.8874"], ["bf16", "0.5"]],
                                                    numeric: [false, true], exact: [[nil, "0.8874409645795822"], [nil, nil]])))
        results["01-render"] = result
        let page = try Self.page(try Self.renderer().render(book, results: results))
        #expect(page.contains("title=\"Computed by the code on this page: 0.9995989566310423\">0.9996</span>"), "inline value")
        #expect(page.contains("<td class=\"num\" title=\"0.8874409645795822\">0.8874</td>"), "rounded cell")
        #expect(page.contains("<td class=\"num\">0.5</td>"), "an exact cell has no tooltip")
    }

    @Test("math becomes KaTeX spans, inline and display")
    func math() throws {
        let page = try Self.page(try Self.site())
        #expect(page.contains("<span class=\"math inline\">a&lt;b</span>"))
        #expect(page.contains("<span class=\"math display\">x^2</span>"))
        #expect(!page.contains("\u{E000}") && !page.contains("\u{E001}") && !page.contains("\u{E002}") && !page.contains("\u{E003}"),
                "a math placeholder reached the page")
    }

    @Test("a hide cell's code is not on the page, its output is")
    func hiddenCell() throws {
        let page = try Self.page(try Self.site())
        #expect(!page.contains("hiddenSetupMarker"))
        #expect(page.contains("hidden cell output"))
        #expect(page.contains("max(1, 2) == 2"), "a shown cell's code is on the page")
    }

    /// Every `id="…"` of a page.
    static func ids(_ page: String) -> [String] {
        page.split(separator: "id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("headings get unique ids")
    func headingIDs() throws {
        let page = try Self.page(try Self.site())
        let ids = Self.ids(page)
        #expect(ids.contains("rendering") && ids.contains("setup") && ids.contains("setup-2"), "ids: \(ids)")
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
    }

    @Test("ids stay unique when a heading's text is another's suffixed id")
    func headingIDCollision() throws {
        let book = try Fixture.book("heading-ids")
        let page = try Self.page(try Self.renderer().render(book, results: [:]), "01-headings")
        let ids = Self.ids(page)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
    }

    @Test("a heading never takes an id the page gives a figure, a cell or the references")
    func reservedIDs() throws {
        let book = try Fixture.book("heading-ids")
        let page = try Self.page(try Self.renderer().render(book, results: [:]), "01-headings")
        let headingIDs = page.split(separator: "<h").dropFirst().compactMap { tag -> String? in
            guard let start = tag.range(of: "id=\"") else { return nil }
            return tag[start.upperBound...].split(separator: "\"").first.map(String.init)
        }
        #expect(headingIDs.contains("figure-1-2") && headingIDs.contains("references-2") && headingIDs.contains("cell-0-2"),
                "heading ids: \(headingIDs)")
    }

    @Test("rendering twice gives identical bytes")
    func determinism() throws {
        let first = try Self.site(), second = try Self.site()
        let differing = Set(first.files.keys).union(second.files.keys).filter { first.files[$0] != second.files[$0] }
        #expect(differing.isEmpty, "files that differ: \(differing.sorted())")
    }

    @Test("no page holds an absolute path of this machine")
    func noAbsolutePaths() throws {
        let site = try Self.site()
        let machine = [Fixture.packageRoot.path, FileManager.default.currentDirectoryPath, NSHomeDirectory(), NSTemporaryDirectory()]
        let forbidden = machine.filter { $0.count > 1 } + ["/usr/share/"]
        let pages = site.files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 3)
        for name in pages {
            let page = String(decoding: site.files[name]!, as: UTF8.self)
            for path in forbidden where page.contains(path) {
                Issue.record("\(name) contains the machine path \(path)")
            }
        }
    }

    @Test("a claim condition containing an escaped backslash in a string is extracted whole")
    func claimWithBackslash() throws {
        let text = Fixture.frontMatter + "\n```swift\nclaim(s == \"\\\\\", \"a backslash\")\n```\n"
        let lesson = try LessonParser.parse(text, path: "Lessons/01-backslash.md")
        let cell = try #require(lesson.cells.first)
        let result = LessonResult(id: lesson.id, codeHash: "", cells: [
            CellResult(index: 0, line: cell.codeLine, outputs: [.claim(Claim(text: "a backslash", passed: true, line: cell.codeLine))]),
        ])
        let page = try Self.page(try Self.renderer().render(Book(lessons: [lesson]), results: [lesson.id: result]), lesson.id)
        #expect(Self.conditions(page) == ["s == &quot;\\\\&quot;"])
    }

    @Test("an inline value in an image's alt text is its own value, and the values after it keep theirs")
    func valueInAltText() throws {
        let text = Fixture.frontMatter + "\n![width `{swift} 1 + 1`](plot.png)\n\nAfter it: `{swift} 2 + 2`.\n"
        let lesson = try LessonParser.parse(text, path: "Lessons/01-alt.md")
        #expect(lesson.inlines.map(\.expression) == ["1 + 1", "2 + 2"])
        let result = LessonResult(id: lesson.id, codeHash: "", inlines: [
            InlineResult(index: 0, line: 6, text: "two"), InlineResult(index: 1, line: 8, text: "four"),
        ])
        let page = try Self.page(try Self.renderer().render(Book(lessons: [lesson]), results: [lesson.id: result]), lesson.id)
        #expect(page.contains("alt=\"width two\""), "the alt text shows its value")
        #expect(page.contains(">four</span>"), "the paragraph after the image shows the second value, not the first")
        #expect(!page.contains(">two</span>"))
    }
}

