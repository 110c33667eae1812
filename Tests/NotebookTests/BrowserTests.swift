import Foundation
import Notebook
import Testing

/// The site in a real browser (headless Chromium): math and code rendered, no console
/// errors, search in English and in Korean, the theme toggle. Screenshots are saved in
/// `.build/screenshots/` for a person to look at.
@Suite("In a browser", .serialized) struct BrowserTests {
    static let site = Fixture.packageRoot.appending(path: "site")
    static let screenshots = Fixture.packageRoot.appending(path: ".build/screenshots")

    @Test("the book's pages render, search finds a chapter, and the theme toggle works")
    func book() async throws {
        try await withBrowser { browser in
        try await browser.open(Self.site.appending(path: "index.html"))
        try await browser.screenshot(to: Self.screenshots.appending(path: "landing-light.png"))
        #expect(try await browser.consoleErrors() == [])

        try await browser.type("subnormal", into: ".search input")
        let links = try await browser.run("return [...document.querySelectorAll('.search-results a')].map(a => a.getAttribute('href'))") as? [String] ?? []
        #expect(links.contains { $0.hasPrefix("01-numbers.html") }, "search results: \(links)")

        try await browser.open(Self.site.appending(path: "01-numbers.html"))
        let math = try await browser.run("return document.querySelectorAll('.math .katex').length") as? Int ?? 0
        let unrendered = try await browser.run("return document.querySelectorAll('.math:not(:has(.katex))').length") as? Int ?? -1
        // Keywords are coloured by the page's own markup and CSS: a colour of their own.
        let keywords = try await browser.run("""
            const code = document.querySelector('pre code'), keyword = code && code.querySelector('.hl-kw');
            return keyword && getComputedStyle(keyword).color !== getComputedStyle(code).color ? code.querySelectorAll('.hl-kw').length : 0
            """) as? Int ?? 0
        #expect(math > 0 && unrendered == 0, "math rendered: \(math), left as TeX: \(unrendered)")
        #expect(keywords > 0, "highlighted keywords: \(keywords)")
        try await browser.screenshot(to: Self.screenshots.appending(path: "chapter-light.png"))
        #expect(try await browser.consoleErrors() == [])

        let before = try await browser.run("return getComputedStyle(document.body).backgroundColor") as? String
        try await browser.click("[data-theme-toggle]")
        let theme = try await browser.run("return document.documentElement.dataset.theme") as? String
        let after = try await browser.run("return getComputedStyle(document.body).backgroundColor") as? String
        #expect(theme == "dark" && before != after, "theme \(theme ?? "none"), background \(before ?? "") -> \(after ?? "")")
        try await browser.screenshot(to: Self.screenshots.appending(path: "chapter-dark.png"))
        try await browser.open(Self.site.appending(path: "index.html"))
        let remembered = try await browser.run("return document.documentElement.dataset.theme") as? String
        #expect(remembered == "dark", "the choice is remembered on the next page")
        try await browser.screenshot(to: Self.screenshots.appending(path: "landing-dark.png"))
        try await browser.click("[data-theme-toggle]")
        #expect(try await browser.consoleErrors() == [])
        }
    }

    @Test("search finds a Korean page for a Korean query", arguments: ["부동소수점", "소수", "기울기"])
    func korean(_ query: String) async throws {
        let book = try Book.load(root: Fixture.books.appending(path: "korean"), directory: "lessons")
        let site = try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates")).render(book, results: [:])
        let folder = FileManager.default.temporaryDirectory.appending(path: "mantissa-korean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try site.write(to: folder)

        try await withBrowser { browser in
        try await browser.open(folder.appending(path: "index.html"))
        try await browser.type(query, into: ".search input")
        let links = try await browser.run("return [...document.querySelectorAll('.search-results a')].map(a => a.getAttribute('href'))") as? [String] ?? []
        #expect(links.first?.hasPrefix("01-formats.html") == true, "results for \(query): \(links)")
        #expect(!links.contains { $0.hasPrefix("02-english.html") }, "the English page does not match \(query)")
        if query == "부동소수점" { try await browser.screenshot(to: Self.screenshots.appending(path: "search-korean.png")) }
        #expect(try await browser.consoleErrors() == [])
        }
    }
}

/// Runs `body` with a fresh browser and always quits it, so no Chromium outlives a test.
/// One browser runs at a time in the whole test process: the English and Korean suites
/// would otherwise start two Chromiums at once on a 2-core machine already busy with
/// lesson builds.
func withBrowser(_ body: (WebDriver) async throws -> Void) async throws {
    await BrowserTurn.shared.acquire()
    do {
        let browser = try await WebDriver()
        do {
            try await body(browser)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    } catch {
        await BrowserTurn.shared.release()
        throw error
    }
    await BrowserTurn.shared.release()
}

/// A lock that suspends instead of blocking a thread.
actor BrowserTurn {
    static let shared = BrowserTurn()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
