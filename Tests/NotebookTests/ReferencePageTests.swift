import Foundation
import LessonResults
import Notebook
import Testing

/// Reference pages (`reference/slug.md`): read, ordered after the chapters, compiled and
/// rendered like chapters, listed under their own heading; and links between pages,
/// checked when the book is read.
@Suite("Reference pages")
struct ReferencePageTests {
    @Test("reference pages follow the chapters, by file name, and have no number")
    func order() throws {
        let book = try Fixture.book("reference-pages")
        #expect(book.lessons.map(\.id) == ["01-formats", "02-rounding", "checklist", "glossary"])
        #expect(book.lessons.map(\.kind) == [.chapter(number: 1), .chapter(number: 2), .reference, .reference])
        #expect(book.lessons.map(\.number) == [1, 2, nil, nil])
        #expect(book.lessons[3].path == "reference-pages/reference/glossary.md")
        #expect(book.lessons[3].namespace == "Lesson_glossary")
    }

    @Test("BookIndex puts reference pages after the chapters, whatever the order of the paths")
    func index() throws {
        let ids = try BookIndex.ids(of: ["Lessons/reference/notation.md", "Lessons/02-two.md",
                                         "Lessons/reference/checklist.md", "Lessons/01-one.md"])
        #expect(ids == ["01-one", "02-two", "checklist", "notation"])
    }

    @Test("a badly named reference page is reported, and the chapters are still read")
    func badNameInBook() {
        let problems = Fixture.loadProblems("bad-reference-name")
        #expect(problems.map(\.file) == ["bad-reference-name/reference/Glossary.md"], "\(Fixture.describe(problems))")
    }

    @Test("a reference page compiles like a chapter, and the registry lists it after the chapters")
    func codegen() throws {
        let book = try Fixture.book("reference-pages")
        let glossary = try #require(book.lessons.last)
        let source = SwiftGenerator.source(for: glossary)
        #expect(source.contains("final class Lesson_glossary: LessonProgram"))
        #expect(source.contains("#sourceLocation(file: \"reference-pages/reference/glossary.md\", line: 14)"))
        let registry = SwiftGenerator.registry(ids: try BookIndex.ids(of: book.lessons.map(\.path)))
        let order = ["Lesson_01_formats", "Lesson_02_rounding", "Lesson_checklist", "Lesson_glossary"]
            .map { registry.range(of: "CompiledLesson(\($0).self)")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(registry)")
    }

    static func site() throws -> Site {
        let book = try Fixture.book("reference-pages")
        let glossary = try #require(book.lessons.first { $0.id == "glossary" })
        let result = LessonResult(id: glossary.id, codeHash: "", cells: [
            CellResult(index: 0, line: glossary.cells[0].codeLine, outputs: [
                .claim(Claim(text: "epsilon is small", passed: true, line: glossary.cells[0].codeLine)),
            ]),
        ], inlines: [InlineResult(index: 0, line: glossary.inlines[0].line, text: "1.1920929e-07")])
        return try RenderTests.renderer().render(book, results: [glossary.id: result])
    }

    @Test("each reference page is ID.html, headed as a reference page, its cells and values rendered")
    func pages() throws {
        let site = try Self.site()
        let glossary = try RenderTests.page(site, "glossary")
        #expect(site.files["checklist.html"] != nil)
        #expect(glossary.contains("<p class=\"chapter-number\">Reference</p>"), "header")
        #expect(try RenderTests.page(site, "01-formats").contains("<p class=\"chapter-number\">Chapter 1</p>"))
        #expect(glossary.contains("epsilon is small") && glossary.contains(">1.1920929e-07</span>"), "claim and inline value")
        #expect(glossary.contains("id=\"machine-epsilon\""), "the term's heading anchor")
    }

    /// The text of `html` from the first `start` on, up to the first `end` after it.
    static func section(_ html: String, from start: String, to end: String) throws -> String {
        let from = try #require(html.range(of: start), "no \(start)")
        let to = try #require(html.range(of: end, range: from.upperBound..<html.endIndex), "no \(end) after \(start)")
        return String(html[from.lowerBound..<to.upperBound])
    }

    @Test("the landing page lists the reference pages under their own heading, after the chapters, unnumbered")
    func landing() throws {
        let index = try RenderTests.page(try Self.site(), "index")
        let chapters = try Self.section(index, from: "<ol class=\"chapters\">", to: "</ol>")
        #expect(chapters.contains("01-formats.html") && !chapters.contains("glossary.html"))
        let reference = try Self.section(index, from: "<h2 class=\"reference-heading\">Reference</h2>", to: "</ul>")
        #expect(reference.range(of: "checklist.html")!.lowerBound < reference.range(of: "glossary.html")!.lowerBound)
        #expect(!reference.contains("Chapter"))
        let checklist = try Self.section(reference, from: "checklist.html", to: "</li>")
        let glossary = try Self.section(reference, from: "glossary.html", to: "</li>")
        #expect(!checklist.contains("claims verified") && glossary.contains("1 claims verified"), "a page without claims says nothing of them")
        #expect(index.range(of: "</ol>")!.lowerBound < index.range(of: "reference-heading")!.lowerBound)
    }

    @Test("every page's navigation lists the reference pages; the pager runs on from the last chapter")
    func navigation() throws {
        let site = try Self.site()
        let chapter = try RenderTests.page(site, "02-rounding")
        let list = try Self.section(chapter, from: "<ul class=\"chapter-list reference-list\">", to: "</ul>")
        #expect(list.contains("<a href=\"checklist.html\">Checklist</a>") && list.contains("<a href=\"glossary.html\">Glossary</a>"))
        #expect(chapter.contains("<a class=\"next\" href=\"checklist.html\">Checklist →</a>"))
        let glossary = try RenderTests.page(site, "glossary")
        #expect(glossary.contains("<a class=\"previous\" href=\"checklist.html\">← Checklist</a>"))
        #expect(!glossary.contains("class=\"next\""))
        let current = try Self.section(glossary, from: "<li class=\"current\">", to: "</li>\n</ol>")
        #expect(current.contains("glossary.html") && current.contains("href=\"#machine-epsilon\""), "the glossary's contents")
    }

    @Test("links between pages resolve when the book is read: pages and heading anchors exist")
    func goodLinks() throws {
        _ = try Fixture.book("reference-pages")
    }

    @Test("the book's own pages link only to pages and headings that exist, and chapters link to the glossary")
    func bookLinks() throws {
        let book = try Book.load(root: Fixture.packageRoot, directory: "Lessons")
        #expect(book.lessons.contains { $0.id == "glossary" })
        let chapters = book.lessons.filter { $0.number != nil }
        let glossaryLinks = chapters.flatMap { chapter in
            ((try? String(contentsOf: Fixture.packageRoot.appending(path: chapter.path), encoding: .utf8)) ?? "")
                .components(separatedBy: "](glossary.html#").dropFirst()
        }
        #expect(!glossaryLinks.isEmpty, "no chapter links to the glossary")
    }

    @Test("a link to a missing page or a missing anchor is an error at its block's line")
    func badLinks() {
        let problems = Fixture.loadProblems("page-links")
        #expect(problems.map(\.file) == Array(repeating: "page-links/01-links.md", count: 3), "\(Fixture.describe(problems))")
        #expect(problems.map(\.line) == [12, 14, 16], "\(Fixture.describe(problems))")
        let messages = problems.map(\.message)
        #expect(messages[0].contains("glossary.html") && messages[0].contains("no page of the book"))
        #expect(messages[1].contains("02-target.html#absent") && messages[1].contains("no heading"))
        #expect(messages[2].contains("#nowhere") && messages[2].contains("this page"))
    }
}
