import Foundation
import Notebook
import Testing

/// Definitions `{=…}`: numbers stated as given, shown as plain text.
@Suite("Definitions")
struct DefinitionTests {
    @Test("definitions are read with their text and line, from front matter and prose")
    func parsed() throws {
        let book = try Fixture.book("typed-numbers")
        let lesson = try #require(book.lessons.first { $0.id == "01-exempt" })
        #expect(lesson.definitions.map(\.text) == ["16", "2", "0.003", "0.003", "β = (0.9, 0.95)", "16"])
        #expect(lesson.definitions.map(\.line) == [2, 3, 8, 25, 25, 25])
        #expect(lesson.title == "The 16-bit formats")
        #expect(lesson.summary == "Nothing on this page needs a source, not even its 2 given numbers.")
    }

    @Test("a definition renders as its plain text, in prose, headings and the page's title")
    func rendered() throws {
        let book = try Fixture.book("typed-numbers")
        let site = try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates")).render(book, results: [:])
        let page = String(decoding: try #require(site.files["01-exempt.html"]), as: UTF8.self)
        #expect(page.contains("a learning rate of 0.003, β = (0.9, 0.95), a 16-bit format."))
        #expect(page.contains(">A learning rate of 0.003<a class=\"anchor\""), "the heading shows the definition's text")
        #expect(page.contains("<title>The 16-bit formats"))
        #expect(!page.contains("{="))
        #expect(!page.unicodeScalars.contains { (0xE000...0xE005).contains($0.value) }, "no placeholder is left")
        let typed = String(decoding: try #require(site.files["02-typed.html"]), as: UTF8.self)
        #expect(typed.contains("A brace kept as text: {=14}"), "\\{= is a literal brace")
    }
}
