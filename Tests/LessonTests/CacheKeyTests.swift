import Foundation
import Testing

/// The result cache is keyed by what a lesson's run depends on: its own code, the compiled
/// core beside the binary, and the book's data folder; not by the bytes of the executable,
/// which change whenever any lesson of the book changes.
///
/// Each test builds a temporary copy of the fixture book with a temporary copy of
/// `mantissa-fixtures`. Of that book only `01-all-cells` succeeds, and only successful
/// results are cached, so it is the lesson whose reuse is observed.
@Suite(.serialized) struct CacheKeyTests {
    static let book = "Tests/Fixtures/Lessons"
    static let lesson = "01-all-cells"

    /// A temporary root holding a copy of the fixture book, and a folder of binaries
    /// holding a copy of `mantissa-fixtures` with the core's object folders linked beside it,
    /// as SwiftPM lays them out.
    struct Scratch {
        let root: URL
        let binaries: URL
        var executable: URL { binaries.appending(path: "mantissa-fixtures") }

        init() throws {
            let fm = FileManager.default
            root = try Paths.temporaryDirectory()
            let lessons = root.appending(path: CacheKeyTests.book)
            try fm.createDirectory(at: lessons.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: Paths.root.appending(path: CacheKeyTests.book), to: lessons)
            binaries = root.appending(path: "bin")
            try fm.createDirectory(at: binaries, withIntermediateDirectories: true)
            try fm.copyItem(at: Paths.binary("mantissa-fixtures"), to: executable)
            for module in Self.coreModules {
                try fm.createSymbolicLink(at: binaries.appending(path: "\(module).build"),
                                          withDestinationURL: Paths.binaries.appending(path: "\(module).build"))
            }
        }

        /// The modules the cache hashes as the core.
        static let coreModules = ["Precision", "Training", "Charts", "LessonRuntime", "LessonResults", "MantissaCLI"]

        /// Builds the book with the cache on; returns what the build printed.
        func build() throws -> String {
            let outcome = try run(executable, ["build", "--root", root.path, "--timeout", "1",
                                               "--output", root.appending(path: "site").path], in: root)
            #expect(outcome.status != 0, "the fixture book has failing lessons, so the build fails")
            return outcome.stderr
        }

        func ran(_ log: String) -> Bool { log.contains("\(CacheKeyTests.lesson) ok") }

        /// Changes the bytes of the executable without changing any code it runs, as
        /// relinking after an edit to another lesson does.
        func relinkWithAnotherLessonChanged() throws {
            // Written to a new file that replaces the old one: a hung lesson's process may
            // still be running the old one.
            try (try Data(contentsOf: executable) + Data("another lesson changed".utf8)).write(to: executable, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
        }

        /// Replaces the link to `module`'s objects with a copy in which one object file
        /// differs, as recompiling an edited source of that module does.
        func recompile(_ module: String) throws {
            let fm = FileManager.default
            let folder = binaries.appending(path: "\(module).build")
            try fm.removeItem(at: folder)
            try fm.copyItem(at: Paths.binaries.appending(path: "\(module).build"), to: folder)
            let object = try #require(fm.subpaths(atPath: folder.path)?.sorted().first { $0.hasSuffix(".o") })
            let handle = try FileHandle(forWritingTo: folder.appending(path: object))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0]))
            try handle.close()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("a changed executable with the same core reuses the lesson; a changed core reruns it")
    func coreKeysTheCache() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.ran(try scratch.build()), "the first build runs the lesson")
        #expect(!scratch.ran(try scratch.build()), "an unchanged book reuses it")

        try scratch.relinkWithAnotherLessonChanged()
        let relinked = try scratch.build()
        #expect(!scratch.ran(relinked), "an edit to another lesson must not rerun this one: \(relinked)")
        #expect(relinked.contains("1 lesson(s) unchanged"), "\(relinked)")

        try scratch.recompile("Training")
        #expect(scratch.ran(try scratch.build()), "an edit to Training reruns every lesson")
        #expect(!scratch.ran(try scratch.build()))
    }

    @Test("an edit to the lesson itself or to the book's data reruns it")
    func ownCodeAndDataKeyTheCache() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(scratch.ran(try scratch.build()))

        let data = scratch.root.appending(path: "\(Self.book)/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("1,2,3\n".utf8).write(to: data.appending(path: "table.csv"))
        #expect(scratch.ran(try scratch.build()), "new data reruns the lesson")
        #expect(!scratch.ran(try scratch.build()))

        // An edit to the lesson's code is refused until the binary is rebuilt from it, and
        // the rebuilt binary's lesson has another code hash, so its old result is not used.
        let markdown = scratch.root.appending(path: "\(Self.book)/\(Self.lesson).md")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        try text.replacingOccurrences(of: "double(21)", with: "double(20) + 2").write(to: markdown, atomically: true, encoding: .utf8)
        let stale = try scratch.build()
        #expect(stale.contains("\(Self.lesson).md:1: stale: the lesson's code changed since the binary was built"), "\(stale)")
    }
}
