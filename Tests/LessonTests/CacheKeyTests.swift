import Foundation
import Testing

/// The result cache is keyed by what a lesson's run depends on: its own code, the compiled
/// core beside the binary, and the book's data folder; not by the bytes of the executable,
/// which change whenever any lesson of the book changes.
///
/// Each test builds a ``CacheBookCopy``.
@Suite(.serialized) struct CacheKeyTests {
    static let book = CacheBookCopy.book
    static let lesson = "01-first"
    static let other = "02-second"

    @Test("a changed executable with the same core reuses the outputs; a changed core reruns every lesson")
    func coreKeysTheCache() async throws {
        try await Gate.lessons.run {
            let scratch = try CacheBookCopy()
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
            let scratch = try CacheBookCopy()
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
                                                       "--output", scratch.site.path], in: scratch.root)
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("\(Self.lesson).md:1: stale: the lesson's code changed since the binary was built"),
                    "\(outcome.stderr)")
        }
    }
}
