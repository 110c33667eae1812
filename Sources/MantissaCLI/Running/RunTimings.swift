import Foundation
import LessonResults

/// How long each lesson took the last time it ran, kept in `.mantissa-cache/run-seconds.json`
/// to start the longest lessons first. A hint only: a missing or unreadable file, or a
/// lesson never timed, counts as "long", and nothing the site shows depends on it.
struct RunTimings {
    let file: URL
    private let known: [String: Double]

    init(root: URL) {
        file = root.appending(path: ".mantissa-cache/run-seconds.json")
        known = (try? JSONDecoder().decode([String: Double].self, from: Data(contentsOf: file))) ?? [:]
    }

    /// The last run time of lesson `id`, or infinity when it is not known.
    func seconds(_ id: String) -> Double { known[id] ?? .infinity }

    /// Adds the run times of `results` to the file.
    func record(_ results: [LessonResult]) {
        var updated = known
        for result in results { if let seconds = result.runSeconds { updated[result.id] = seconds } }
        guard updated != known else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? JSON.encode(updated).write(to: file, atomically: true, encoding: .utf8)
    }
}
