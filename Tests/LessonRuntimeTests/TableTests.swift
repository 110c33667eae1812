import LessonResults
import LessonRuntime
import Testing

/// A lesson of one cell that shows `rows` as a table, run in this process.
private func recordedTable(_ rows: [[Any]], columns: [LocalizedText]) throws -> Table {
    TableLesson.show = { table(rows, columns: columns) }
    let result = LessonRunner.run(CompiledLesson(TableLesson.self), mode: .main)
    let outputs = try #require(result.cells.first?.outputs, "the cell recorded nothing")
    guard case .table(let table)? = outputs.first, outputs.count == 1 else {
        Issue.record("the cell's one output should be a table: \(outputs)")
        throw TableLesson.NoTable()
    }
    return table
}

private final class TableLesson: LessonProgram {
    struct NoTable: Error {}
    nonisolated(unsafe) static var show: () -> Void = {}
    static let id = "01-table"
    static let path = "Lessons/01-table.md"
    static let codeHash = ""
    static let cells = [CellInfo(index: 0, line: 7, kind: .run)]

    init() {}

    func run(_ lesson: LessonRun) throws {
        lesson.cell(0)
        Self.show()
    }
}

/// What `table(_:columns:)` records of its cells. The runs share the lesson API's one
/// current lesson, so they take turns.
@Suite("Table cells", .serialized) struct TableTests {
    @Test("a LocalizedText cell keeps its template and values; it shows its text, as text")
    func wordedCell() throws {
        let gap = 2.5
        let table = try recordedTable([["FP16", "within \(gap)% in the median" as LocalizedText, 0.5],
                                       ["BF16", "no" as LocalizedText, 1]],
                                      columns: ["format", "matched", "loss"])
        #expect(table.rows == [["FP16", "within 2.5% in the median", "0.5"], ["BF16", "no", "1"]])
        #expect(table.numeric == [false, false, true])
        #expect(table.cellWordings == [[nil, LocalizedText(template: "within {1}% in the median", arguments: ["2.5"]), nil],
                                       [nil, LocalizedText(template: "no"), nil]])
    }

    @Test("a LocalizedText whose text is a numeral is not a number: its column stays text")
    func numeralWording() throws {
        let table = try recordedTable([["1" as LocalizedText], ["2" as LocalizedText]], columns: ["seed"])
        #expect(table.numeric == [false])
        #expect(table.rows == [["1"], ["2"]])
    }

    @Test("a table of plain cells records no wordings, so its JSON is as before")
    func plainCells() throws {
        let table = try recordedTable([["FP16", 0.1, 65504]], columns: ["format", "x", "max"])
        #expect(table.cellWordings.isEmpty)
        #expect(table.rows == [["FP16", "0.1", "65504"]])
    }
}
