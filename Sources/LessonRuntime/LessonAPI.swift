import Charts
import LessonResults

// The functions a lesson's cells call. Each reports to the lesson that is running.

/// Shows a value under the cell, formatted as `ValueFormatter` formats it.
public func show(_ value: Any) {
    LessonRun.current?.record(.text(ValueFormatter.text(value) + "\n"))
}

/// Shows a figure under the cell: its SVG inline, a numbered caption (the figure's title
/// and caption), and a link to its data as CSV.
public func show(_ figure: Figure) {
    guard let run = LessonRun.current else { return }
    let id = run.nextFigureID()
    run.record(.figure(FigureOutput(title: figure.title, caption: figure.caption,
                                    svg: figure.svg(idPrefix: id, embedded: true), csv: figure.csv(),
                                    chart: figure, id: id)))
}

/// Shows formats' bit fields drawn to scale under the cell, numbered and captioned like a
/// figure, with a link to its fields as CSV.
public func show(_ layout: BitLayout) {
    guard let run = LessonRun.current else { return }
    let id = run.nextFigureID()
    run.record(.figure(FigureOutput(title: layout.title, caption: layout.caption,
                                    svg: layout.svg(idPrefix: id, embedded: true), csv: layout.csv())))
}

/// Shows a table under the cell. Each row has one value per column; numbers are
/// formatted by `ValueFormatter.column` (the reading rule, with the digits a column needs
/// to tell its numbers apart) and right-aligned, and a rounded number keeps its exact
/// form for the cell's tooltip.
///
/// The headers translate as templates (a `LocalizedText`, like a claim's text), and so
/// does a cell whose value is a `LocalizedText`: `"yes" as LocalizedText`, or
/// `"within \(percent)%" as LocalizedText`, whose translation shows the same value. The
/// cell shows its text. Any other cell, a `String` included, is shown in every edition as
/// the run wrote it.
///
/// A row with the wrong number of values is a mistake in the lesson: it traps, naming
/// the row, so the cell's location is reported.
public func table(_ rows: [[Any]], columns: [LocalizedText]) {
    for (i, row) in rows.enumerated() where row.count != columns.count {
        // fatalError, not preconditionFailure: its message survives optimised builds.
        fatalError("table row \(i) has \(row.count) values for \(columns.count) columns")
    }
    let numeric = columns.indices.map { c in !rows.isEmpty && rows.allSatisfy { ValueFormatter.isNumber($0[c]) } }
    let cells = columns.indices.map { c in ValueFormatter.column(rows.map { $0[c] }) }
    let text = rows.indices.map { r in cells.map { $0[r].text } }
    let exact = rows.indices.map { r in cells.map { $0[r].exact } }
    let wordings = rows.map { row in row.map { $0 as? LocalizedText } }
    LessonRun.current?.record(.table(Table(columns: columns.map(\.text), rows: text, numeric: numeric, exact: exact,
                                           columnWordings: columns, cellWordings: wordings)))
}

/// States something the lesson has computed and checks it. The page shows the claim
/// with a "verified" mark; a false claim fails the build and the tests, naming this line.
/// Its text is kept as a template with the values interpolated into it, so a translation
/// shows the same values.
public func claim(_ condition: Bool, _ text: LocalizedText, line: Int = #line) {
    LessonRun.current?.record(.claim(Claim(text: text.text, passed: condition, line: line, wording: text)))
}

/// A reader-facing string kept as a template with its values (see `LessonResults`); write
/// `LocalizedText(verbatim: name)` to pass a `String` that was built elsewhere.
public typealias LocalizedText = LessonResults.LocalizedText
