import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonResults
import Notebook
import Testing

/// Authors are trusted, runs are not: whatever text a run produces (printed output, table
/// headers and cells, claim texts, inline values, figure titles, labels and captions) is
/// escaped on every path into the page, and the page stays valid HTML and its SVG valid XML.
@Suite("Hostile text from a run") struct HostileOutputTests {
    /// Markup, a CDATA end, quotes, an ampersand, comment markers, a character XML forbids,
    /// what invalid UTF-8 decodes to, and a long line.
    static let hostile = "<script>alert(1)</script> ]]> \"double\" & 'single' </pre><b>bold</b> <!-- c --> \u{1}\u{FFFD} "
        + String(repeating: "x", count: 10_000)

    func page() throws -> String {
        let text = Fixture.frontMatter + "\n```swift\nlet x = 1\n```\n\nThe value is `{swift} x`.\n"
        let lesson = try LessonParser.parse(text, path: "Lessons/01-hostile.md")
        let h = Self.hostile
        let figure = Figure(title: h, x: .linear(h), y: .linear(h), marks: [.line(h, y: [1.0, 2.0])], caption: h)
        let result = LessonResult(id: lesson.id, codeHash: "", cells: [
            CellResult(index: 0, line: 7, outputs: [
                .text(h),
                .table(Table(columns: [h, "n"], rows: [[h, "1"]], numeric: [false, true])),
                .claim(Claim(text: h, passed: true, line: 7)),
                .figure(FigureOutput(title: h, caption: h, svg: figure.svg(idPrefix: "01-hostile-c0-f0", embedded: true),
                                     csv: figure.csv(), chart: figure, id: "01-hostile-c0-f0")),
            ]),
        ], inlines: [InlineResult(index: 0, line: 10, text: h)])
        let site = try SiteRenderer(templates: Fixture.packageRoot.appending(path: "Templates"))
            .render(Book(lessons: [lesson]), results: [lesson.id: result])
        return String(decoding: try #require(site.files["01-hostile.html"]), as: UTF8.self)
    }

    @Test("no markup from the run survives as markup")
    func escaped() throws {
        let page = try page()
        for raw in ["<script>alert(1)", "<b>bold</b>", "<!-- c -->", "</pre><b>", "\u{1}"] {
            #expect(!page.contains(raw), "\(raw.debugDescription) reached the page unescaped: \(page.components(separatedBy: raw).dropLast().map { String($0.suffix(120)) })")
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("the page is valid HTML to tidy")
    func tidy() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "mantissa-hostile-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(try page().utf8).write(to: file)
        let tidy = Process()
        tidy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tidy.arguments = ["tidy", "-q", "-e", "--doctype", "html5", "--show-warnings", "yes", file.path]
        let errors = Pipe()
        tidy.standardError = errors
        tidy.standardOutput = FileHandle.nullDevice
        try tidy.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tidy.waitUntilExit()
        #expect(tidy.terminationStatus == 0 && report.isEmpty, "tidy: \(report)")
    }

    @Test("every SVG on the page parses as XML")
    func svgIsXML() throws {
        let page = try page()
        var svgs: [Substring] = []
        var rest = page[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        #expect(!svgs.isEmpty)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(String(describing: parser.parserError)) in \(svg.prefix(300))")
        }
    }
}
