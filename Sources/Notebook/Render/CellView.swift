import LessonResults

/// Numbers a page's figures in reading order and collects their CSV files.
final class FigureCollector {
    let lessonID: String
    private(set) var files: [(path: String, csv: String)] = []

    init(lessonID: String) { self.lessonID = lessonID }

    /// The next figure's number and the site path of its data.
    func add(csv: String) -> (number: Int, path: String) {
        let number = files.count + 1
        let path = "data/\(lessonID)-figure-\(number).csv"
        files.append((path, csv))
        return (number, path)
    }
}

/// What `cell.mustache` sees of a cell and its outputs.
enum CellView {
    /// `root` leads from the page to the site's root, where the figures' data is.
    /// `words` gives the HTML of what the run wrote, in the page's language.
    static func data(_ cell: Cell, result: CellResult?, figures: FigureCollector, root: String = "",
                     words: RunWords = RunWords()) -> [String: Any] {
        let outputs: [[String: Any]] = (result?.outputs ?? []).map { output in
            switch output {
            case .text(let text):
                return ["text": text.hasSuffix("\n") ? String(text.dropLast()) : text]
            case .table(let table):
                return ["table": tableData(table, words: words)]
            case .claim(let claim):
                var data: [String: Any] = ["text": words.html(claim.wording ?? LocalizedText(verbatim: claim.text)),
                                           "passed": claim.passed]
                if let condition = ClaimSource.condition(in: cell.code, line: claim.line - cell.codeLine) {
                    data["condition"] = condition
                }
                return ["claim": data]
            case .failure(let failure):
                var data: [String: Any] = ["message": failure.message, failure.kind.rawValue: true]
                if let location = failure.location { data["location"] = location }
                return ["failure": data]
            case .figure(let figure):
                let (number, path) = figures.add(csv: figure.csv)
                var data: [String: Any] = ["number": String(number), "title": words.html(LocalizedText(verbatim: figure.title)),
                                           "svg": figure.svg, "csv": root + path]
                if words.catalog != nil, let chart = figure.chart, let id = figure.id {
                    let drawn = words.svg(chart, id: id)
                    data["svg"] = drawn.svg
                    if !drawn.translated { data["untranslated"] = true }
                }
                if let caption = figure.caption { data["caption"] = words.html(LocalizedText(verbatim: caption)) }
                return ["figure": data]
            }
        }
        return [
            "index": String(cell.index),
            "kind": cell.kind.rawValue,
            "code": SwiftHighlighter.html(cell.code.hasSuffix("\n") ? String(cell.code.dropLast()) : cell.code),
            "showCode": cell.kind != .hide,
            "norun": cell.kind == .norun,
            "fails": cell.kind == .fails,
            "file": cell.kind == .file,
            "outputs": outputs,
            "hasOutputs": !outputs.isEmpty,
        ]
    }

    /// Columns and rows; a cell has its HTML (a worded cell's in this edition's words),
    /// whether it is numeric and, if the text rounds a number, the number's exact form.
    static func tableData(_ table: Table, words: RunWords) -> [String: Any] {
        func numeric(_ column: Int) -> Bool { table.numeric.indices.contains(column) && table.numeric[column] }
        return [
            "columns": table.wordings.enumerated().map { i, c in ["name": words.html(c), "numeric": numeric(i)] },
            "rows": table.rows.enumerated().map { r, row in
                ["cells": row.enumerated().map { c, value -> [String: Any] in
                    let html = table.wording(row: r, column: c).map(words.html) ?? HTML.escape(value)
                    var cell: [String: Any] = ["value": html, "numeric": numeric(c)]
                    if let exact = table.exact(row: r, column: c) { cell["exact"] = exact }
                    return cell
                }]
            },
        ]
    }
}
