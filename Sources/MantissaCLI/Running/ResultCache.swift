import Foundation
import LessonResults
import LessonRuntime
import Notebook

/// Lesson results kept between builds in `.mantissa-cache/` (outside `site/`), keyed by
/// the lesson's code hash and by ``RunInputs``: the compiled core the lesson links and the
/// data lessons read (`<lessons>/data/`). A lesson runs again only when its own cells, the
/// core, or that data changed; an edit to another lesson, or to prose, re-renders from the
/// cached outputs. Only successful results are kept.
struct ResultCache {
    let directory: URL
    /// The hash of everything but the lesson's own code that its results depend on.
    let inputsHash: String

    init(root: URL, lessonsDirectory: String) {
        directory = root.appending(path: ".mantissa-cache/results")
        let inputs = RunInputs(executable: thisExecutable(), dataDirectory: root.appending(path: lessonsDirectory + "/data"))
        inputsHash = StableHash.hex(of: inputs.core + " " + inputs.data)
    }

    func url(for lesson: CompiledLesson) -> URL {
        directory.appending(path: "\(lesson.id)-\(lesson.codeHash)-\(inputsHash).json")
    }

    func result(for lesson: CompiledLesson) -> LessonResult? {
        guard let data = try? Data(contentsOf: url(for: lesson)),
              let result = try? JSON.decode(LessonResult.self, from: data),
              result.failures.isEmpty, result.codeHash == lesson.codeHash else { return nil }
        return result
    }

    /// Stores `result` and removes older entries of the same lesson.
    func store(_ result: LessonResult, for lesson: CompiledLesson) {
        guard result.failures.isEmpty else { return }
        let fm = FileManager.default
        try? fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where Self.isEntry(name, of: lesson.id) {
            try? fm.removeItem(at: directory.appending(path: name))
        }
        if let text = try? JSON.encode(result) { try? Data(text.utf8).write(to: url(for: lesson)) }
    }

    /// Whether `name` is an entry of the lesson `id`, `ID-CODEHASH-INPUTSHASH.json`. The hashes
    /// are hex, so an entry of a page `formats-fp8` is not one of `formats`.
    static func isEntry(_ name: String, of id: String) -> Bool {
        name.hasPrefix(id + "-") && name.dropFirst(id.count + 1).split(separator: "-").count == 2
    }
}
