import Foundation
import LessonResults
import LessonRuntime

/// Runs every lesson of a book, each in its own `run-lesson` child process, several at
/// once, each with a time limit. A lesson that traps, hangs or crashes becomes a result
/// with a located failure; the others still run.
struct LessonScheduler {
    let executable: URL
    let root: String
    let options: RunOptions

    func run(_ programs: [CompiledLesson]) -> [LessonResult] {
        let results = Locked([LessonResult?](repeating: nil, count: programs.count))
        let next = Locked(0)
        let progress = Progress(total: programs.count)
        DispatchQueue.concurrentPerform(iterations: min(options.jobs, max(programs.count, 1))) { _ in
            while true {
                let i = next.withLock { n in defer { n += 1 }; return n }
                guard i < programs.count else { return }
                let start = DispatchTime.now()
                var result = runOne(programs[i])
                result.runSeconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                results.withLock { $0[i] = result }
                progress.finished(result)
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    func runOne(_ program: CompiledLesson) -> LessonResult {
        // Lessons run in the package root, so a cell can read committed data by a relative
        // path (`Lessons/data/…`).
        let child = ChildProcess(executable: executable,
                                 arguments: ["run-lesson", program.id, "--root", root, "--timeout", String(options.timeout)],
                                 directory: URL(fileURLWithPath: root))
        let firstLine = program.cells.first?.line ?? 1
        let empty = LessonResult(id: program.id, codeHash: program.codeHash)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try child.run(timeout: options.timeout)
        } catch {
            return failed(empty, Failure(file: program.path, line: firstLine, kind: .crashed, message: "could not start: \(error)"))
        }
        switch outcome.ending {
        case .exited(let code):
            if code == 0, let result = try? JSON.decode(LessonResult.self, from: outcome.stdout) { return result }
            return failed(empty, exited(program, status: code, stderr: outcome.stderrText, firstLine: firstLine))
        case .signalled(let signal):
            let crash = CrashReport(stderr: outcome.stderrText, signal: signal)
            let cell = crash.cell.map { "cell \($0): " } ?? ""
            return failed(empty, Failure(file: program.path, line: crash.line ?? firstLine, kind: .trapped,
                message: "\(cell)\(crash.message)"))
        case .timedOut:
            let crash = CrashReport(stderr: outcome.stderrText, signal: nil)
            let cell = crash.cell.map { " in cell \($0)" } ?? ""
            return failed(empty, Failure(file: program.path, line: crash.line ?? firstLine, kind: .timedOut,
                message: "stopped after \(Int(options.timeout)) s\(cell); raise --timeout if the lesson is just slow"))
        }
    }

    /// A lesson process that ended without its result: a cell called `exit` (which ends the
    /// process however deep it is called), or the runner itself failed before any cell.
    func exited(_ program: CompiledLesson, status: Int32, stderr: String, firstLine: Int) -> Failure {
        let crash = CrashReport(stderr: stderr, signal: nil)
        guard let cell = crash.cell, let line = crash.line else {
            return Failure(file: program.path, line: firstLine, kind: .crashed,
                           message: "the lesson's process exited with status \(status) before its first cell ran: \(stderr.suffix(500))")
        }
        return Failure(file: program.path, line: line, kind: .crashed,
                       message: "the lesson exited (exit(\(status))) in cell \(cell), at line \(line); cells must return, not end the process: throw an error to stop a lesson")
    }

    func failed(_ result: LessonResult, _ failure: Failure) -> LessonResult {
        var result = result
        result.failures.append(failure)
        return result
    }
}

/// Prints one line per finished lesson to standard error.
final class Progress: Sendable {
    let total: Int
    let done = Locked(0)

    init(total: Int) { self.total = total }

    func finished(_ result: LessonResult) {
        let seconds = result.runSeconds ?? 0
        let n = done.withLock { n in n += 1; return n }
        let status = result.failures.isEmpty ? "ok" : "FAILED (\(result.failures.count))"
        let memory = result.peakMemoryBytes.map { String(format: ", peak memory %.0f MB", Double($0) / 1e6) } ?? ""
        let line = "[\(n)/\(total)] \(result.id) \(status) \(String(format: "%.1f", seconds)) s\(memory)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// A value behind a lock, shared by the scheduler's threads.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
