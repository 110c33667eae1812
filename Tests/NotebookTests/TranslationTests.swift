import Foundation
import LessonResults
import Notebook
import Testing

/// Catalogs, messages and translated pages, on a one-page book that holds one of
/// everything a translation must keep (`Books/translation`).
@Suite("Translations") struct TranslationTests {
    static let lessonSource = "A value `{swift} 1 + 1` and a formula $x^2$ [@knuth1997], with {=0.95} and a [link](#tiny), in *one* paragraph."

    static let korean: [String: String] = [
        "A tiny page": "아주 작은 페이지",
        "One of everything a translation keeps.": "번역이 지키는 것을 하나씩.",
        "Tiny": "작은 것",
        lessonSource: "[@knuth1997] 한 문단에 [링크](#tiny), {=0.95}, 수식 $x^2$, 값 `{swift} 1 + 1`이 *함께* 있다.",
        "Second heading": "두 번째 제목",
        "name": "이름",
        "meaning": "뜻",
        "the input": "입력",
    ]

    func book() throws -> Book {
        let book = try Book.load(root: Fixture.books.appending(path: "translation"), directory: "lessons")
        try #require(book.lessons.count == 1)
        return book
    }

    func catalog(_ translations: [String: String], fuzzy: Set<String> = []) throws -> Catalog {
        var text = Catalog.write(try messages(), language: "ko", translations: translations)
        for source in fuzzy {
            text = text.replacingOccurrences(of: "msgid \"\(source)\"", with: "#, fuzzy\nmsgid \"\(source)\"")
        }
        return try Catalog.parse(text, file: "lessons/po/ko.po")
    }

    func messages() throws -> [Message] { try book().lessons[0].messages }

    func render(_ catalog: Catalog) throws -> Site {
        try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates"))
            .render(try book(), results: [:], catalogs: ["ko": catalog])
    }

    @Test("a page's messages are its prose, title and summary; units without words are not messages")
    func messagesOfAPage() throws {
        #expect(try messages().map(\.text) == [
            "A tiny page", "One of everything a translation keeps.", "Tiny", Self.lessonSource,
            "Second heading", "name", "meaning", "the input", "an item",
        ])
        #expect(try messages().map(\.line) == [2, 3, 6, 8, 11, 13, 13, 15, 17])
    }

    @Test("a translated page keeps the English run's values, math, citations and anchors, in the translation's order")
    func translatedPage() throws {
        let site = try render(try catalog(Self.korean))
        let page = try #require(site.text(at: "ko/01-tiny.html"))
        #expect(page.contains("<html lang=\"ko\">"))
        #expect(page.contains("<title>아주 작은 페이지 · Mantissa</title>"))
        #expect(page.contains("<h1 id=\"tiny\">작은 것"), "the heading keeps the English anchor")
        #expect(page.contains("<h2 id=\"second-heading\">두 번째 제목"))
        let paragraph = try #require(page.components(separatedBy: "\n").first { $0.contains("링크") })
        let citation = try #require(paragraph.range(of: "class=\"cite\""))
        let math = try #require(paragraph.range(of: "<span class=\"math inline\">x^2</span>"))
        let value = try #require(paragraph.range(of: "class=\"inline-value\""))
        #expect(citation.lowerBound < math.lowerBound && math.lowerBound < value.lowerBound, "the Korean order: \(paragraph)")
        #expect(paragraph.contains("0.95") && paragraph.contains("<em>함께</em>") && paragraph.contains("href=\"#tiny\""))
        #expect(page.contains("<td>입력</td>"))
        #expect(page.contains("<span class=\"untranslated\" lang=\"en\" title=\"Not yet translated\">an item</span>"),
                "a message without a translation shows the English, marked")
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../01-tiny.html\">"))
        let english = try #require(site.text(at: "01-tiny.html"))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"ko\" href=\"ko/01-tiny.html\">"))
        #expect(english.contains("data-keep-place>한국어</a>"))
        #expect(site.text(at: "ko/assets/search-index.js")?.contains("두 번째 제목") == true)
    }

    @Test("a fuzzy or empty entry is not shown: the English is, marked")
    func fuzzyIsNotShown() throws {
        var translations = Self.korean
        translations["Tiny"] = ""
        let page = try #require(try render(try catalog(translations, fuzzy: ["Second heading"])).text(at: "ko/01-tiny.html"))
        #expect(page.contains("title=\"Not yet translated\">Tiny</span>"))
        #expect(page.contains("title=\"Not yet translated\">Second heading</span>"))
        #expect(!page.contains("두 번째 제목"))
    }

    @Test("a translation that drops or changes a placeholder fails at its catalog line", arguments: [
        ("[@knuth1997] 한 문단에 [링크](#tiny), {=0.95}, 수식 $x^2$이 *함께* 있다.", "missing `{swift} 1 + 1`"),
        ("[@knuth1997] 한 문단에 [링크](#tiny), {=0.95}, 수식 $x^3$, 값 `{swift} 1 + 1`.", "not in the source $x^3$"),
        ("한 문단에 [링크](#other), {=0.95}, $x^2$, `{swift} 1 + 1` [@knuth1997].", "](#other)"),
        ("첫 문단.\n\n둘째 문단 [@knuth1997] [링크](#tiny) {=0.95} $x^2$ `{swift} 1 + 1`", "one paragraph"),
    ])
    func placeholderMismatch(_ translation: String, _ fragment: String) throws {
        var translations = Self.korean
        translations[Self.lessonSource] = translation
        let catalog = try catalog(translations)
        let line = try #require(catalog.entries.first { $0.source == Self.lessonSource }?.line)
        do {
            _ = try render(catalog)
            Issue.record("the build should fail for \(translation)")
        } catch let error as BookError {
            #expect(error.problems.count == 1, "\(error)")
            #expect(error.problems.first?.file == "lessons/po/ko.po")
            #expect(error.problems.first?.line == line, "\(error)")
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test("a changed English paragraph makes its entry stale, named with its place")
    func staleness() throws {
        let catalog = try catalog(Self.korean.merging(["an item": "항목 하나"]) { a, _ in a })
        #expect(Catalogs.stale(try messages(), in: catalog).isEmpty)
        let edited = try String(contentsOf: Fixture.books.appending(path: "translation/lessons/01-tiny.md"), encoding: .utf8)
            .replacingOccurrences(of: "in *one* paragraph.", with: "in *a single* paragraph.")
        let lesson = try LessonParser.parse(edited, path: "lessons/01-tiny.md")
        let stale = Catalogs.stale(lesson.messages, in: catalog)
        #expect(stale.map(\.line) == [8], "\(stale)")
        #expect(stale.first?.text.hasSuffix("in *a single* paragraph.") == true)
        let rows = Catalogs.coverage(lesson.messages, by: catalog)
        #expect(rows.map(\.untranslated) == [1] && rows.map(\.translated) == [8])
    }

    @Test("a template word's translation must keep its Mustache tags")
    func templateTags() throws {
        let templates = Fixture.packageRoot.appending(path: "Templates")
        let words = try TemplateWords.messages(templates: templates)
        #expect(words.contains { $0.text == "Chapter {{number}}" && $0.file == "Templates/page.mustache" })
        var text = Catalog.write(try messages() + words, language: "ko", translations: Self.korean)
        text = text.replacingOccurrences(of: "msgid \"Chapter {{number}}\"\nmsgstr \"\"", with: "msgid \"Chapter {{number}}\"\nmsgstr \"장\"")
        let catalog = try Catalog.parse(text, file: "lessons/po/ko.po")
        #expect(throws: BookError.self) { try render(catalog) }
    }

    @Test("a translated copy of a page aligns block by block, and one with a block too many is refused")
    func alignment() throws {
        let english = try book().lessons[0]
        let source = try String(contentsOf: Fixture.books.appending(path: "translation/lessons/01-tiny.md"), encoding: .utf8)
        let copy = try LessonParser.parse(source.replacingOccurrences(of: "## Second heading", with: "## 두 번째 제목"), path: english.path)
        let pairs = try TranslationAlignment.pairs(english, copy, file: "ko/01-tiny.md")
        #expect(pairs.count == 9)
        #expect(pairs.first { $0.source == "Second heading" }?.translation == "두 번째 제목")
        let longer = try LessonParser.parse(source + "\nOne more paragraph.\n", path: english.path)
        #expect(throws: BookError.self) { try TranslationAlignment.pairs(english, longer, file: "ko/01-tiny.md") }
    }
}

@Suite("PO catalogs") struct CatalogTests {
    @Test("entries: continued strings, escapes, fuzzy flags; the header and obsolete entries are skipped")
    func parse() throws {
        let text = """
            msgid ""
            msgstr ""
            "Language: ko\\n"

            #: Lessons/01-numbers.md:5
            msgid ""
            "A long "
            "paragraph with \\"quotes\\"\\n"
            msgstr "긴 문단"

            #, fuzzy
            msgid "Old"
            msgstr "옛"

            #~ msgid "Gone"
            #~ msgstr "사라짐"
            """
        let catalog = try Catalog.parse(text, file: "po/ko.po")
        #expect(catalog.entries.map(\.source) == ["A long paragraph with \"quotes\"\n", "Old"])
        #expect(catalog.entries.map(\.line) == [6, 12])
        #expect(catalog.translation(of: "Old")?.isUsable == false)
        #expect(catalog.translation(of: "A long paragraph with \"quotes\"\n")?.translation == "긴 문단")
    }

    @Test("what the book does not write is refused at its line")
    func refused() {
        #expect(throws: BookError.self) { try Catalog.parse("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n", file: "po/ko.po") }
        do {
            _ = try Catalog.parse("msgid \"a\"\nmsgstr[0] \"b\"\n", file: "po/ko.po")
            Issue.record("plural forms should be refused")
        } catch {
            #expect(error.problems.map(\.line) == [2])
        }
    }

    @Test("a written catalog reads back with every translation")
    func roundTrip() throws {
        let messages = [Message(text: "One\nline \"two\"", file: "a.md", line: 3), Message(text: "Plain", file: "a.md", line: 9),
                        Message(text: "Plain", file: "b.md", line: 1)]
        let text = Catalog.write(messages, language: "ko", translations: ["Plain": "평범"])
        #expect(text.contains("#: a.md:9 b.md:1"))
        let catalog = try Catalog.parse(text, file: "po/ko.po")
        #expect(catalog.entries.map(\.source) == ["One\nline \"two\"", "Plain"])
        #expect(catalog.entries.map(\.translation) == ["", "평범"])
    }
}

extension Site {
    /// The file at `path` as UTF-8 text, if the site has it.
    func text(at path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
}

/// What a run writes (claims, table headers and worded cells, figure titles), translated
/// as templates.
@Suite("Translated run strings") struct RunStringTests {
    let claim = LocalizedText(template: "learning rate {1} diverges in {2} of 5 seeds", arguments: ["0.3", "4"])
    /// A cell recorded from `"within \(3)%" as LocalizedText`, beside a `String` cell.
    let within = LocalizedText(template: "within {1}%", arguments: ["3"])

    func book() throws -> Book { try Book.load(root: Fixture.books.appending(path: "translation"), directory: "lessons") }

    func result(of lesson: LessonDocument) -> LessonResult {
        var result = LessonResult(id: lesson.id, codeHash: "")
        result.cells = [CellResult(index: 0, line: 20, outputs: [
            .claim(Claim(text: claim.text, passed: true, line: 21, wording: claim)),
            .table(Table(columns: ["format", "#", "matched"], rows: [["FP16", "1", "within 3%"]], numeric: [false, true, false],
                         columnWordings: ["format", "#", "matched"], cellWordings: [[nil, nil, within]])),
        ])]
        return result
    }

    func site(_ translations: [String: String]) throws -> Site {
        let book = try book()
        let lesson = book.lessons[0]
        let result = result(of: lesson)
        let messages = lesson.messages + RunMessages.messages(of: lesson, result: result)
        let catalog = try Catalog.parse(Catalog.write(messages, language: "ko", translations: translations), file: "lessons/po/ko.po")
        return try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates"))
            .render(book, results: [lesson.id: result], catalogs: ["ko": catalog])
    }

    @Test("a run's messages are its templates with letters: headers and worded cells, at the cell's line")
    func messages() throws {
        let lesson = try book().lessons[0]
        let messages = RunMessages.messages(of: lesson, result: result(of: lesson))
        #expect(messages.map(\.text) == ["learning rate {1} diverges in {2} of 5 seeds", "format", "matched", "within {1}%"],
                "a header without letters is not a message, and a String cell (FP16) is not one either")
        #expect(messages.map(\.line) == [21, 20, 20, 20])
        #expect(messages.allSatisfy { $0.file == lesson.path })
    }

    @Test("a translated claim shows the run's values in the translation's order")
    func translatedClaim() throws {
        let page = try #require(try site(["learning rate {1} diverges in {2} of 5 seeds": "시드 5개 중 {2}개에서 학습률 {1}은 발산한다",
                                          "format": "형식"]).text(at: "ko/01-tiny.html"))
        #expect(page.contains("시드 5개 중 4개에서 학습률 0.3은 발산한다"))
        #expect(page.contains(">형식</th>"))
    }

    @Test("a translated cell shows the run's value in the translation; a String cell stays as written")
    func translatedCell() throws {
        let site = try site(["within {1}%": "{1}% 이내"])
        let korean = try #require(site.text(at: "ko/01-tiny.html"))
        #expect(korean.contains("<td>FP16</td><td class=\"num\">1</td><td>3% 이내</td>"))
        let english = try #require(site.text(at: "01-tiny.html"))
        #expect(english.contains("<td>FP16</td><td class=\"num\">1</td><td>within 3%</td>"))
    }

    @Test("an untranslated claim or cell shows the English, marked")
    func untranslated() throws {
        let page = try #require(try site([:]).text(at: "ko/01-tiny.html"))
        #expect(page.contains("title=\"Not yet translated\">learning rate 0.3 diverges in 4 of 5 seeds</span>"))
        #expect(page.contains("title=\"Not yet translated\">within 3%</span></td>"))
    }

    @Test("a translation that drops a value fails at its catalog line", arguments: [
        ["learning rate {1} diverges in {2} of 5 seeds": "학습률 {1}은 발산한다"],
        ["within {1}%": "이내"],
    ])
    func droppedValue(translations: [String: String]) throws {
        #expect(throws: BookError.self) { try site(translations) }
    }
}
