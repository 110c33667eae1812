import Foundation
import Testing

/// Every chapter of the book is a test: it runs in the one build of the book that the
/// suites share (``BookBuild``), and each problem (a false claim, a trap, an error, a time-out) is reported at its
/// Markdown file and line.
@Suite struct BookLessonTests {
    static let lessonIDs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Paths.root.appending(path: "Lessons").path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test("the book has chapters") func bookHasChapters() {
        #expect(!Self.lessonIDs.isEmpty)
    }

    @Test("lesson runs and its claims hold", arguments: lessonIDs)
    func lessonRuns(_ id: String) async throws {
        let outcome = try await BookBuild.shared.outcome()
        let problems = outcome.problems(of: id)
        for problem in problems {
            Issue.record(
                Comment(rawValue: problem.message),
                sourceLocation: SourceLocation(
                    fileID: "Mantissa/Lessons/\(id).md", filePath: Paths.root.appending(path: "Lessons/\(id).md").path,
                    line: max(problem.line, 1), column: 1)
            )
        }
        #expect(outcome.passed(id) || !problems.isEmpty,
                "the book's build did not run \(id) to the end and named no line:\n\(outcome.run.stderr)")
    }
}
