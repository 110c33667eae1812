import Foundation
import LessonResults
import Testing

/// Every page of the book, chapter or reference page, is a test: it runs through the
/// release `mantissa` binary, and each problem (a false claim, a trap, an error, a
/// time-out) is reported at its Markdown file and line.
@Suite struct BookLessonTests {
    /// The ids of the `.md` files of `Lessons/<folder>`.
    static func ids(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Paths.root.appending(path: "Lessons/" + folder).path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    static let chapterIDs = ids(in: "")
    static let referenceIDs = ids(in: "reference")
    static let lessonIDs = chapterIDs + referenceIDs

    @Test("the book has chapters and reference pages") func bookHasChapters() {
        #expect(!Self.chapterIDs.isEmpty)
        #expect(!Self.referenceIDs.isEmpty)
    }

    @Test("lesson runs and its claims hold", arguments: lessonIDs)
    func lessonRuns(_ id: String) async throws {
        let outcome = try await Gate.lessons.run {
            try run(Paths.binary("mantissa"), ["run-lesson", id, "--timeout", "900"])
        }
        try #require(outcome.status == 0, "mantissa run-lesson \(id) exited with \(outcome.status): \(outcome.stderr)")
        let result = try JSONDecoder().decode(LessonResult.self, from: Data(outcome.stdout.utf8))
        #expect(result.id == id)
        for failure in result.failures {
            Issue.record(
                Comment(rawValue: failure.description),
                sourceLocation: SourceLocation(
                    fileID: "Mantissa/" + failure.file, filePath: Paths.root.appending(path: failure.file).path,
                    line: max(failure.line, 1), column: 1)
            )
        }
    }
}
