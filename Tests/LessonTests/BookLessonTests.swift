import Foundation
import Testing

/// Every page of the book, chapter or reference page, is a test: it runs in the one build of
/// the book that the suites share (``BookBuild``), and each problem (a false claim, a trap,
/// an error, a time-out) is reported at its Markdown file and line.
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
        let outcome = try await BookBuild.shared.outcome()
        let file = Self.referenceIDs.contains(id) ? "Lessons/reference/\(id).md" : "Lessons/\(id).md"
        let problems = outcome.problems(in: file)
        for problem in problems {
            Issue.record(
                Comment(rawValue: problem.message),
                sourceLocation: SourceLocation(
                    fileID: "Mantissa/" + file, filePath: Paths.root.appending(path: file).path,
                    line: max(problem.line, 1), column: 1)
            )
        }
        #expect(outcome.passed(id) || !problems.isEmpty,
                "the book's build did not run \(id) to the end and named no line:\n\(outcome.run.stderr)")
    }
}
