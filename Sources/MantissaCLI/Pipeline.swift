import Foundation
import LessonResults
import LessonRuntime
import Notebook

/// The stages of `mantissa build`, in order: load -> check prose -> verify compiled -> run ->
/// render -> write. `check` runs the first four. Each stage is a function from values to values.
enum Pipeline {
    /// Parses every lesson of the book's folder.
    static func load(root: URL, binary: BookBinary) throws(BookError) -> Book {
        try Book.load(root: root, directory: binary.lessonsDirectory)
    }

    /// Numbers typed into the prose, neither computed nor cited. A static pass over the
    /// parsed lessons: nothing runs, so its findings can be reported before lessons run.
    static func checkProse(_ book: Book) -> [Failure] {
        TypedNumber.find(in: book).map { Failure(file: $0.file, line: $0.line, kind: .typedNumber, message: $0.message) }
    }

    /// Lessons whose Markdown differs from what this binary was compiled from.
    static func verifyCompiled(_ book: Book, binary: BookBinary) -> [Failure] {
        var failures: [Failure] = []
        let compiled = Dictionary(binary.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for lesson in book.lessons {
            guard let program = compiled[lesson.id] else {
                failures.append(Failure(file: lesson.path, line: 1, kind: .stale,
                    message: "this lesson is not compiled into the binary; rebuild (swift build -c release, or make site)"))
                continue
            }
            if program.codeHash != SwiftGenerator.codeHash(of: lesson) {
                failures.append(Failure(file: lesson.path, line: 1, kind: .stale,
                    message: "the lesson's code changed since the binary was built; rebuild (swift build -c release, or make site)"))
            }
        }
        let present = Set(book.lessons.map(\.id))
        for program in binary.lessons where !present.contains(program.id) {
            failures.append(Failure(file: program.path, line: 1, kind: .stale,
                message: "the binary has a lesson whose file is gone; rebuild (swift build -c release)"))
        }
        return failures
    }

    /// Runs every lesson in a child process of its own, except those whose results are in
    /// `cache` (when given) and not named by `rerun`. Results are in book order.
    static func run(_ book: Book, binary: BookBinary, root: URL, options: RunOptions,
                    cache: ResultCache?, rerun: Set<String> = []) -> [LessonResult] {
        let byID = Dictionary(binary.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programs = book.lessons.compactMap { byID[$0.id] }
        var results: [String: LessonResult] = [:]
        for program in programs where !rerun.contains(program.id) {
            results[program.id] = cache?.result(for: program)
        }
        // Longest first (by the last run's time), so that the last lesson to finish is a
        // short one and the jobs end together. Lessons never timed go first, the later
        // chapters before the earlier ones: they tend to train the larger models.
        let timings = RunTimings(root: root)
        let toRun = programs.enumerated().filter { results[$0.element.id] == nil }
            .sorted { (timings.seconds($0.element.id), $0.offset) > (timings.seconds($1.element.id), $1.offset) }
            .map(\.element)
        if toRun.count < programs.count {
            let reused = programs.count - toRun.count
            FileHandle.standardError.write(Data("\(reused) lesson(s) unchanged since their last run: outputs reused from .mantissa-cache\n".utf8))
        }
        let me = thisExecutable()
        let ran = LessonScheduler(executable: me, root: root.path, options: options).run(toRun)
        for (program, result) in zip(toRun, ran) {
            results[program.id] = result
            cache?.store(result, for: program)
        }
        timings.record(ran)
        return programs.compactMap { results[$0.id] }
    }

    static func render(_ book: Book, results: [LessonResult], root: URL) throws -> Site {
        let renderer = try SiteRenderer(templates: root.appending(path: "Templates"))
        let catalogs = try Catalogs.load(root: root, directory: BookBinary.linked.lessonsDirectory)
        return try renderer.render(book, results: Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                                   catalogs: catalogs)
    }

    static func write(_ site: Site, to destination: URL) throws {
        try site.write(to: destination)
    }
}

/// Prints failures, one `file:line: kind: message` per line, to standard error, by file and
/// line; failures at one line keep their order.
func report(_ failures: [Failure]) {
    let order = failures.indices.sorted { (failures[$0].file, failures[$0].line, $0) < (failures[$1].file, failures[$1].line, $1) }
    for failure in order.map({ failures[$0] }) {
        FileHandle.standardError.write(Data((failure.description + "\n").utf8))
    }
}
