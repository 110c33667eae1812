import Foundation
import Testing

/// Builds started at once in one folder take turns: the later ones say that another build
/// is running and wait, and every one of them succeeds.
@Suite struct ConcurrentBuildTests {
    @Test("three builds at once in one folder all succeed, one after another")
    func buildsTakeTurns() async throws {
        try await Gate.lessons.run {
            let book = try CacheBookCopy()
            defer { book.remove() }
            let arguments = ["build", "--root", book.root.path, "--output", book.site.path, "--no-cache", "--jobs", "1"]
            let builds = try (0..<3).map { _ in try Started(book.executable, arguments, in: book.root) }
            let outcomes = try builds.map { try $0.wait() }
            for outcome in outcomes {
                #expect(outcome.status == 0, "\(outcome.stderr)")
                #expect(outcome.stdout.contains("wrote "), "\(outcome.stdout)")
            }
            let waited = outcomes.filter { $0.stderr.contains("another build is running in this folder") }
            #expect(waited.count >= 1, "builds started together: some had to wait\n\(outcomes.map(\.stderr))")
            #expect(FileManager.default.fileExists(atPath: book.site.appending(path: "01-first.html").path))
        }
    }
}
