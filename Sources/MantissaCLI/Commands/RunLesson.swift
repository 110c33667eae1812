import ArgumentParser
import Foundation
import LessonResults
import LessonRuntime
import Notebook

/// Runs one lesson in this process and prints its results as JSON. `build` and `check`
/// run each lesson this way, in a child process, so a trap or a hang stops only it.
struct RunLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-lesson",
        abstract: "Run one lesson and print its results as JSON.",
        shouldDisplay: false
    )

    @OptionGroup var book: BookOptions

    @Argument(help: "The lesson's id, e.g. 01-numbers.")
    var id: String

    @Option(parsing: .unconditional, help: "Seconds each `fails` cell's own process may run.")
    var timeout: Double = 600

    @Option(help: .hidden)
    var failingCell: Int?

    func run() throws {
        // Lessons run in the package root, so cells can read committed data by relative path.
        guard FileManager.default.changeCurrentDirectoryPath(book.rootURL().path) else {
            throw ValidationError("cannot enter --root \(book.root)")
        }
        guard let program = BookBinary.linked.lessons.first(where: { $0.id == id }) else {
            let known = BookBinary.linked.lessons.map(\.id).joined(separator: ", ")
            throw ValidationError("no lesson '\(id)' in this binary (lessons: \(known)); if you just added it, rebuild")
        }
        if let stale = Staleness.check(program, root: book.rootURL()) {
            print(try JSON.encode(LessonResult(id: program.id, codeHash: program.codeHash, failures: [stale])))
            return
        }
        if let index = failingCell {
            print(try JSON.encode(LessonRunner.run(program, mode: .failingCell(index))))
            return
        }
        var result = LessonRunner.run(program, mode: .main)
        for cell in program.cells where cell.kind == .fails {
            let child = try runFailingCell(program, cell)
            result.cells.append(child.cell)
            result.failures += child.failures
        }
        result.cells.sort { $0.index < $1.index }
        result.peakMemoryBytes = peakMemoryBytes()
        print(try JSON.encode(result))
    }

    /// The peak resident memory of this process and of its finished children, whichever is
    /// larger (Linux reports `ru_maxrss` in KiB).
    func peakMemoryBytes() -> Int {
        var mine = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &mine)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        return max(mine.ru_maxrss, children.ru_maxrss) * 1024
    }

    /// Runs `fails` cell `cell` in a child process that replays the cells before it.
    func runFailingCell(_ program: CompiledLesson, _ cell: CellInfo) throws -> (cell: CellResult, failures: [Failure]) {
        let me = thisExecutable()
        let outcome = try ChildProcess(
            executable: me,
            arguments: ["run-lesson", program.id, "--root", book.rootURL().path, "--failing-cell", String(cell.index)],
            directory: book.rootURL()
        ).run(timeout: timeout)
        var result = CellResult(index: cell.index, line: cell.line)
        switch outcome.ending {
        case .exited(0):
            let child = try JSON.decode(LessonResult.self, from: outcome.stdout)
            let own = child.cell(cell.index) ?? result
            // The child replayed the cells before this one; their failures are the main run's.
            let ownClaims = Set(own.outputs.compactMap { if case .claim(let c) = $0 { c.line } else { nil } })
            let failures = child.failures.filter { $0.kind != .claimFailed || ownClaims.contains($0.line) }
            return (own, failures)
        case .signalled(let signal):
            let crash = CrashReport(stderr: outcome.stderrText, signal: signal)
            let location = crash.line.map { "\(program.path):\($0)" }
            result.outputs.append(.failure(FailureOutput(kind: .trapped, message: crash.message, location: location)))
            return (result, [])
        case .timedOut:
            return (result, [Failure(file: program.path, line: cell.line, kind: .timedOut,
                message: "fails cell \(cell.index) ran longer than \(Int(timeout)) s")])
        case .exited(let code):
            return (result, [Failure(file: program.path, line: cell.line, kind: .crashed,
                message: "fails cell \(cell.index)'s process exited with status \(code): \(outcome.stderrText.suffix(500))")])
        }
    }
}
