import Foundation
import Testing

/// `mantissa build --output` writes a new or empty folder or replaces a site built before;
/// anything else is refused at once, before a lesson runs, and left as it was.
@Suite struct OutputFolderTests {
    /// Builds a copy of the small book into `output`, a path relative to its root.
    func build(_ book: CacheBookCopy, output: String) throws -> Run {
        try run(book.executable, ["build", "--root", book.root.path, "--output", output], in: book.root)
    }

    @Test("a file is refused, keeps its text, and no lesson runs")
    func refusesFile() throws {
        let book = try CacheBookCopy()
        defer { book.remove() }
        let readme = book.root.appending(path: "README.md")
        try Data("# My project\n".utf8).write(to: readme)
        let outcome = try build(book, output: "README.md")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("README.md is a file"), "\(outcome.stderr)")
        #expect(!book.ran(outcome.stderr), "refused before running: \(outcome.stderr)")
        #expect(try Data(contentsOf: readme) == Data("# My project\n".utf8))
    }

    @Test("a folder of other files is refused, even one that looks like a site")
    func refusesForeignFolder() throws {
        let book = try CacheBookCopy()
        defer { book.remove() }
        let script = book.root.appending(path: "web/assets/book.js")
        try FileManager.default.createDirectory(at: script.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: script)
        let outcome = try build(book, output: "web")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("is a folder of other files"), "\(outcome.stderr)")
        #expect(try Data(contentsOf: script) == Data("mine".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: book.root.appending(path: "web").path) == ["assets"])
    }
}
