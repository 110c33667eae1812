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

    /// What the runs wrote (claims, table headers, figure titles) is known only from a run;
    /// the committed site is that run's (the freshness test holds it to a fresh build), so
    /// a string it shows untranslated is a stale or missing entry.
    @Test("the committed site/ko/ shows nothing untranslated, run strings included")
    func nothingUntranslated() throws {
        let folder = Self.root.appending(path: "site/ko")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!pages.isEmpty, "site/ko/ holds the Korean pages")
        var found: [String] = []
        for page in pages {
            let html = try String(contentsOf: folder.appending(path: page), encoding: .utf8)
            // The marker class ends a class attribute: a span's `class="untranslated"` or a
            // figure's `class="chart-figure untranslated"`.
            for piece in html.components(separatedBy: "untranslated\"").dropFirst() {
                let text = piece.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
                found.append("site/ko/\(page): \"\(text.prefix(70))\"")
            }
        }
        #expect(found.isEmpty, """
            \(found.count) string(s) on the Korean pages are not translated:
            \(found.prefix(5).joined(separator: "\n"))
            Run 'make site', then 'mantissa translate update ko', translate the new entries, and 'make site' again.
            """)
    }
}
