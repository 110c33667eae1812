import Foundation
import Testing

/// One `mantissa build --no-cache` of the real book into a scratch folder, shared by every
/// test that needs the book run: each chapter's test reads its own outcome from it, and the
/// freshness test compares its site with the committed one. Running the book once instead
/// of once per suite halves what `make test` spends on lessons.
actor BookBuild {
    static let shared = BookBuild()

    /// What the build printed and where it wrote the site.
    struct Outcome: Sendable {
        let run: Run
        let site: URL

        /// The problems the build reported at `file` (`Lessons/01-numbers.md`), as (line,
        /// message), in order.
        func problems(in file: String) -> [(line: Int, message: String)] {
            let prefix = file + ":"
            return run.stderr.split(separator: "\n").compactMap { line in
                guard line.hasPrefix(prefix) else { return nil }
                let rest = line.dropFirst(prefix.count)
                guard let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) else { return nil }
                return (number, String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
        }

        /// Whether the build's progress line says the lesson ran and held.
        func passed(_ id: String) -> Bool { run.stderr.contains("] \(id) ok ") }
    }

    private var building: Task<Outcome, Error>?

    /// The build's outcome; the first caller starts it, later callers wait for the same one.
    func outcome() async throws -> Outcome {
        if let building { return try await building.value }
        let task = Task {
            let site = try Paths.temporaryDirectory().appending(path: "site")
            // Two jobs: the build takes both of the gate's places.
            let run = try await Gate.lessons.run(places: 2) {
                try LessonTests.run(Paths.binary("mantissa"), ["build", "--output", site.path, "--jobs", "2", "--no-cache"])
            }
            return Outcome(run: run, site: site)
        }
        building = task
        return try await task.value
    }
}
