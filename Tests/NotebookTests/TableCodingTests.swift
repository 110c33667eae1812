import Foundation
import LessonResults
import Testing

/// A table's JSON, as the result cache and `run-lesson` write it (sorted keys): cell
/// wordings survive a round trip, and results written before them still read.
@Suite("Table JSON") struct TableCodingTests {
    func json(_ table: Table) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Output.table(table)), as: UTF8.self)
    }

    func decoded(_ json: String) throws -> Table {
        guard case .table(let table) = try JSONDecoder().decode(Output.self, from: Data(json.utf8)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a table: \(json)"))
        }
        return table
    }

    @Test("a worded cell's template and values survive a round trip")
    func roundTrip() throws {
        let table = Table(columns: ["format", "matched"], rows: [["FP16", "within 3%"], ["BF16", "-"]], numeric: [false, false],
                          columnWordings: ["format", "matched"],
                          cellWordings: [[nil, LocalizedText(template: "within {1}%", arguments: ["3"])], [nil, nil]])
        let text = try json(table)
        #expect(text.contains(#""cellWordings":[[null,{"arguments":["3"],"template":"within {1}%"}],[null,null]]"#))
        #expect(try decoded(text) == table)
    }

    @Test("a table of plain cells is written without cellWordings, as before them")
    func plainTable() throws {
        let table = Table(columns: ["x"], rows: [["0.5"]], numeric: [true], columnWordings: ["x"],
                          cellWordings: [[nil]])
        #expect(try json(table) == #"{"table":{"columnWordings":[{"arguments":[],"template":"x"}],"columns":["x"],"exact":[],"numeric":[true],"rows":[["0.5"]]}}"#)
    }

    @Test("a result written before cell wordings decodes, with none")
    func olderResult() throws {
        let table = try decoded(#"{"table":{"columns":["format"],"numeric":[false],"rows":[["FP16"]]}}"#)
        #expect(table == Table(columns: ["format"], rows: [["FP16"]], numeric: [false]))
        #expect(table.cellWordings.isEmpty)
        #expect(table.wording(row: 0, column: 0) == nil)
    }
}
