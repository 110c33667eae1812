import Foundation
import Notebook
import Testing

/// The book's own Korean catalog: complete, and every translation keeps its placeholders.
/// When an English message changes, its entry goes stale and this suite fails, naming it.
@Suite("The Korean edition") struct KoreanEditionTests {
    static let root = Fixture.packageRoot

    @Test("Lessons/po/ko.po translates every message of the book, none of them fuzzy")
    func complete() throws {
        let book = try Book.load(root: Self.root, directory: "Lessons")
        let catalog = try #require(try Catalogs.load(root: Self.root, directory: "Lessons")["ko"], "Lessons/po/ko.po is missing")
        let messages = try Catalogs.messages(book, templates: Self.root.appending(path: "Templates"))
        let stale = Catalogs.stale(messages, in: catalog)
        let listed = stale.prefix(5).map { "\($0.file):\($0.line): \"\($0.text.prefix(70))\"" }.joined(separator: "\n")
        #expect(stale.isEmpty, """
            \(stale.count) message(s) of the book have no confirmed Korean translation (new, changed, or fuzzy):
            \(listed)
            Run 'mantissa translate update ko', translate the entries (remove '#, fuzzy' once checked), and \
            'mantissa translate status' to see what is left.
            """)
    }

    @Test("every Korean translation keeps its message's placeholders and template tags")
    func placeholders() throws {
        let book = try Book.load(root: Self.root, directory: "Lessons")
        let catalogs = try Catalogs.load(root: Self.root, directory: "Lessons")
        let site = try SiteRenderer(templates: Self.root.appending(path: "Templates")).render(book, results: [:], catalogs: catalogs)
        #expect(site.files["ko/index.html"] != nil)
        #expect(site.files.keys.filter { $0.hasPrefix("ko/") && $0.hasSuffix(".html") }.count == book.lessons.count + 1)
    }
}
