import Foundation
import Testing

/// The committed Korean edition (`site/ko/`) in headless Chromium: Korean queries find
/// their chapter, the link to the English page keeps the reader's place, and screenshots
/// of a chapter on a desktop and a phone are saved in `.build/screenshots/`.
@Suite("The Korean edition in a browser", .serialized) struct KoreanBrowserTests {
    static let site = Fixture.packageRoot.appending(path: "site")

    @Test("a Korean query finds the chapter that treats it", arguments: [
        ("기울기 클리핑", "05-gradient-clipping.html"), ("손실 스케일링", "08-loss-scaling.html"),
    ])
    func search(_ query: String, _ chapter: String) async throws {
        try await withBrowser { browser in
        try await browser.open(Self.site.appending(path: "ko/index.html"))
        try await browser.type(query, into: ".search input")
        let links = try await browser.run("return [...document.querySelectorAll('.search-results a')].map(a => a.getAttribute('href'))") as? [String] ?? []
        #expect(links.first?.hasPrefix(chapter) == true, "results for \(query): \(links)")
        #expect(try await browser.consoleErrors() == [])
        }
    }

    @Test("the link to the other language keeps the section; pages read well on a desktop and a phone")
    func languageSwitch() async throws {
        try await withBrowser { browser in
        let page = Self.site.appending(path: "ko/08-loss-scaling.html")
        try await browser.open(URL(string: page.absoluteString + "#a-loss-that-is-small-from-the-start")!)
        let lang = try await browser.run("return document.documentElement.lang") as? String
        #expect(lang == "ko")
        let keepAll = try await browser.run("return getComputedStyle(document.querySelector('main p')).wordBreak") as? String
        #expect(keepAll == "keep-all", "Korean lines break between words, not inside them")
        try await browser.screenshot(to: BrowserTests.screenshots.appending(path: "korean-chapter-desktop.png"))
        try await browser.click(".sidebar a.edition")
        let english = try await browser.currentURL()
        #expect(english.hasSuffix("/site/08-loss-scaling.html#a-loss-that-is-small-from-the-start"), "went to \(english)")
        let englishLang = try await browser.run("return document.documentElement.lang") as? String
        #expect(englishLang == "en")
        try await browser.resize(width: 390, height: 844)
        try await browser.open(page)
        try await browser.screenshot(to: BrowserTests.screenshots.appending(path: "korean-chapter-phone.png"))
        let overflow = try await browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int ?? -1
        #expect(overflow <= 0, "the Korean page fits a phone's width: \(overflow) px too wide")
        #expect(try await browser.consoleErrors() == [])
        }
    }
}
