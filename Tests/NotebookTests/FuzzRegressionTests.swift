import Foundation
import Notebook
import Testing

/// Inputs on which `Tools/fuzz/run.sh` found a trap, a hang or a memory error, each run the
/// way the fuzz target runs it: read as a lesson file, and as the prose of one; every lesson
/// that parses is rendered. A thrown `BookError` is a correct answer; a hang fails the test
/// (`finishes`), and the run goes on.
@Suite("Inputs the fuzzer found")
struct FuzzRegressionTests {
    /// `Tests/NotebookTests/FuzzRegressions`: one minimised input per bug.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "FuzzRegressions")

    static func inputs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Whether `body`, run on a thread of its own, returns within `seconds`. A hung body keeps
    /// its thread until the test process exits, so it cannot hold the cooperative pool, which a
    /// time limit needs to report anything.
    static func finishes(within seconds: Double = 10, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { body(); done.signal() }.start()
        return done.wait(timeout: .now() + seconds) == .success
    }

    @Test("the folder holds the inputs") func folderIsRead() throws {
        #expect(try Self.inputs() == ["heading-figure-twice.md", "heading-in-ref-namespace.md"])
    }

    @Test("parsed and rendered", arguments: try inputs())
    func parseAndRender(_ name: String) throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appending(path: name)), as: UTF8.self)
        let documents = [text, Fixture.frontMatter + "\n" + text].compactMap { try? LessonParser.parse($0, path: "Lessons/01-fuzz.md") }
        #expect(!documents.isEmpty, "neither reading of \(name) parses, so nothing would be rendered")
        for document in documents {
            #expect(Self.finishes { _ = document.proseHTML() }, "rendering \(name) did not finish")
        }
    }

    /// A heading's id was made unique by numbering its slug (`setup-2`, `setup-3`, …), which
    /// looped forever when every number was an id the page reserves: a second "Figure"
    /// (`figure-N` is a figure's), "Cell" (`cell-N`) or "Ref", or any "Ref …" (`ref-…` is a
    /// reference's). Those are numbered under `section-` instead.
    @Test("a heading whose numbered ids are all reserved gets one outside them", arguments: [
        ("Figure", ["figure", "section-figure-2", "section-figure-3"]),
        ("Cell", ["cell", "section-cell-2", "section-cell-3"]),
        ("Ref", ["ref", "section-ref-2", "section-ref-3"]),
        ("Ref counting", ["section-ref-counting-2", "section-ref-counting-3", "section-ref-counting-4"]),
    ])
    func reservedNumbering(_ heading: String, _ ids: [String]) throws {
        let markdown = String(repeating: "# \(heading)\n\n", count: 3)
        let lesson = try LessonParser.parse(Fixture.frontMatter + "\n" + markdown, path: "Lessons/01-fuzz.md")
        let html = Rendered()
        try #require(Self.finishes { html.set(lesson.proseHTML()) }, "rendering did not finish")
        let expected = ids.map { "<h1 id=\"\($0)\">\(heading)</h1>" }.joined(separator: "\n") + "\n"
        #expect(html.get() == expected)
    }
}

/// The HTML a rendering thread hands back to the test.
private final class Rendered: @unchecked Sendable {
    private let lock = NSLock()
    private var html: String?
    func set(_ value: String) { lock.withLock { html = value } }
    func get() -> String? { lock.withLock { html } }
}
