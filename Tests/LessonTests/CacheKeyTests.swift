import Foundation
import Testing

/// The result cache is keyed by what a lesson's run depends on: its own code, the compiled
/// core beside the binary, and the book's data folder; not by the bytes of the executable,
/// which change whenever any lesson of the book changes.
///
/// Each test builds a temporary copy of a small book of two lessons that always succeed
/// (`Tests/Fixtures/CacheBook`) with a temporary copy of its binary, `mantissa-cachebook`.
@Suite(.serialized) struct CacheKeyTests {
    static let book = "Tests/Fixtures/CacheBook/Lessons"
    static let lesson = "01-first"
    static let other = "02-second"

    /// A temporary root holding a copy of the book and the templates, and a folder of
    /// binaries holding a copy of `mantissa-cachebook` with the core's object folders linked
    /// beside it, as SwiftPM lays them out.
    struct Scratch {
        let root: URL
        let binaries: URL
        var executable: URL { binaries.appending(path: "mantissa-cachebook") }

        init() throws {
            let fm = FileManager.default
            root = try Paths.temporaryDirectory()
            let lessons = root.appending(path: CacheKeyTests.book)
            try fm.createDirectory(at: lessons.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: Paths.root.appending(path: CacheKeyTests.book), to: lessons)
            try fm.copyItem(at: Paths.root.appending(path: "Templates"), to: root.appending(path: "Templates"))
            binaries = root.appending(path: "bin")
            try fm.createDirectory(at: binaries, withIntermediateDirectories: true)
            try fm.copyItem(at: Paths.binary("mantissa-cachebook"), to: executable)
            for module in Self.coreModules {
                try fm.createSymbolicLink(at: binaries.appending(path: "\(module).build"),
                                          withDestinationURL: Paths.binaries.appending(path: "\(module).build"))
            }
        }

        /// The modules the cache hashes as the core.
        static let coreModules = ["Precision", "CRoundingAVX2", "Training", "Charts", "LessonRuntime", "LessonResults",
                                  "MantissaCLI"]

        /// Builds the book with the cache on; returns what the build printed.
        func build() throws -> String {
            let outcome = try run(executable, ["build", "--root", root.path,
                                               "--output", root.appending(path: "site").path], in: root)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            return outcome.stderr
        }

        func ran(_ log: String, _ lesson: String = CacheKeyTests.lesson) -> Bool { log.contains("\(lesson) ok") }

        /// Changes the bytes of the executable without changing any code it runs, as
        /// relinking after an edit to another lesson does.
        func relinkWithAnotherLessonChanged() throws {
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

    @Test("a changed executable with the same core reuses the outputs; a changed core reruns every lesson")
    func coreKeysTheCache() async throws {
        try await Gate.lessons.run {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let first = try scratch.build()
            #expect(scratch.ran(first) && scratch.ran(first, Self.other), "the first build runs both lessons: \(first)")
            #expect(!scratch.ran(try scratch.build()), "an unchanged book reuses them")

            try scratch.relinkWithAnotherLessonChanged()
            let relinked = try scratch.build()
            #expect(!scratch.ran(relinked) && !scratch.ran(relinked, Self.other),
                    "an edit to another lesson must not rerun these: \(relinked)")
            #expect(relinked.contains("2 lesson(s) unchanged"), "\(relinked)")

            try scratch.recompile("Training")
            let recompiled = try scratch.build()
            #expect(scratch.ran(recompiled) && scratch.ran(recompiled, Self.other), "an edit to Training reruns every lesson")
            #expect(!scratch.ran(try scratch.build()))
        }
    }

    @Test("an edit to the lesson itself or to the book's data reruns it")
    func ownCodeAndDataKeyTheCache() async throws {
        try await Gate.lessons.run {
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
            try text.replacingOccurrences(of: "6 * 7", with: "7 * 6").write(to: markdown, atomically: true, encoding: .utf8)
            let outcome = try run(scratch.executable, ["build", "--root", scratch.root.path,
                                                       "--output", scratch.root.appending(path: "site").path], in: scratch.root)
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("\(Self.lesson).md:1: stale: the lesson's code changed since the binary was built"),
                    "\(outcome.stderr)")
        }
    }
}
