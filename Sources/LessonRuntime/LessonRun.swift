import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonResults

/// One run of one lesson in this process: the generated code reports each cell and
/// inline value to it, and the lesson API (`show`, `table`, `claim`) records into it.
///
/// Text a cell prints is captured from standard output and attributed to the cell that
/// printed it. Before each cell it writes a line `[mantissa] cell N line L` to standard
/// error, so when a cell traps, the parent process can say where.
public final class LessonRun {
    /// Which cells this process runs.
    public enum Mode: Equatable, Sendable {
        /// Every cell except `fails` cells, which would end the process if they trapped.
        case main
        /// Cells before `fails` cell `index` (replayed to rebuild its state), then that cell.
        case failingCell(Int)
    }

    /// The lesson running in this process, for the free functions of the lesson API.
    nonisolated(unsafe) static var current: LessonRun?

    let program: CompiledLesson
    let mode: Mode
    private(set) var result: LessonResult
    private var cellIndex: Int?
    private var figuresInCell = 0
    private let capture: StandardOutputCapture
    /// Bytes of printed text kept, and dropped, for the current cell.
    private var printed = (kept: 0, dropped: 0)

    /// How much printed text one cell keeps: what a reader can use, with room to spare. A
    /// stray loop that prints more would bloat the page and the cache, so the rest is
    /// dropped and the cell's output ends with a note saying how much.
    public static let printedLimit = 64 * 1024

    /// Always false: `norun` cells are compiled inside `if lesson.runsNoRunCells { … }`.
    public var runsNoRunCells: Bool { false }

    init(program: CompiledLesson, mode: Mode, capture: StandardOutputCapture) {
        self.program = program
        self.mode = mode
        self.capture = capture
        self.result = LessonResult(id: program.id, codeHash: program.codeHash)
    }

    /// Cell `index` starts: output from now on is its output.
    public func cell(_ index: Int) {
        collectPrinted()
        noteDropped()
        cellIndex = index
        figuresInCell = 0
        let line = program.cells.first { $0.index == index }?.line ?? 0
        let marker = Array("[mantissa] cell \(index) line \(line)\n".utf8)
        _ = marker.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Records the value of inline expression `index` (at Markdown `line`).
    public func inline(_ index: Int, line: Int, _ value: Any) {
        collectPrinted()
        let formatted = ValueFormatter.formatted(value)
        result.inlines.append(InlineResult(index: index, line: line, text: formatted.text, exact: formatted.exact))
    }

    /// A `fails` cell: skipped in the main run; in its own process, run, and expected to
    /// throw or trap. A thrown error is its output; returning normally is a failure of the
    /// lesson. Either way the process then stops running cells.
    public func failingCell<T>(_ index: Int, _ body: () throws -> T) throws {
        guard mode == .failingCell(index) else { return }
        cell(index)
        do {
            _ = try body()
            collectPrinted()
            let line = program.cells.first { $0.index == index }?.line ?? 0
            result.failures.append(Failure(file: program.path, line: line, kind: .didNotFail,
                message: "cell \(index) ran to the end without throwing or trapping; make it fail, or remove the fails option"))
        } catch {
            record(.failure(FailureOutput(kind: .thrown, message: String(describing: error))))
        }
        throw StopAfterFailingCell()
    }

    /// An id prefix for the next figure of the current cell, unique on the lesson's page
    /// and the same in every run: `01-numbers-c4-f0`.
    func nextFigureID() -> String {
        defer { figuresInCell += 1 }
        return "\(program.id)-c\(cellIndex ?? 0)-f\(figuresInCell)"
    }

    /// The last cell has run.
    public func finish() {
        collectPrinted()
        noteDropped()
    }

    func record(_ output: Output) {
        if case .text = output {} else { collectPrinted() }
        append(output)
    }

    private func collectPrinted() {
        let (text, kept, dropped) = capture.take(limit: Self.printedLimit - printed.kept)
        printed.kept += kept
        printed.dropped += dropped
        if !text.isEmpty { append(.text(text)) }
    }

    /// Ends the current cell's printed text with a note if some of it was dropped.
    private func noteDropped() {
        if printed.dropped > 0 {
            append(.text("\n[output truncated after \(printed.kept) bytes: \(printed.dropped) more bytes were printed; a cell keeps at most \(Self.printedLimit)]\n"))
        }
        printed = (0, 0)
    }

    private func append(_ output: Output) {
        guard let index = cellIndex else { return }
        let line = program.cells.first { $0.index == index }?.line ?? 0
        if result.cells.last?.index != index {
            result.cells.append(CellResult(index: index, line: line))
        }
        if case .text(let new) = output, case .text(let old)? = result.cells[result.cells.count - 1].outputs.last {
            result.cells[result.cells.count - 1].outputs[result.cells[result.cells.count - 1].outputs.count - 1] = .text(old + new)
        } else {
            result.cells[result.cells.count - 1].outputs.append(output)
        }
    }

    func failCurrentCell(kind: Failure.Kind, message: String) {
        collectPrinted()
        let line = cellIndex.flatMap { i in program.cells.first { $0.index == i }?.line } ?? 1
        result.failures.append(Failure(file: program.path, line: line, kind: kind, message: message))
    }

    func addClaimFailures() {
        for claim in result.claims where !claim.passed {
            result.failures.append(Failure(file: program.path, line: claim.line, kind: .claimFailed, message: claim.text))
        }
    }
}
