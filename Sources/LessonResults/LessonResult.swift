import Charts
/// Everything one run of a lesson produced, in the order the reader meets it.
///
/// This is the contract between the process that runs a lesson (`mantissa run-lesson`)
/// and the renderer: it is written as JSON by one and read by the other, so it holds
/// only plain values.
public struct LessonResult: Codable, Equatable, Sendable {
    /// The lesson's id: its file name without `.md` (`01-numbers`).
    public var id: String
    /// The hash of the code the binary was compiled from (see `LessonProgram.codeHash`).
    public var codeHash: String
    /// One entry per cell that produced output, in cell order.
    public var cells: [CellResult]
    /// Every inline `{swift}` value, in reading order.
    public var inlines: [InlineResult]
    /// Everything that makes the lesson fail: false claims, traps, errors, time-outs.
    public var failures: [Failure]
    /// The largest resident memory of the process that ran the lesson (or of one of its
    /// `fails`-cell children), in bytes, when it was measured. A report for authors; never
    /// rendered.
    public var peakMemoryBytes: Int?
    /// How long the lesson's process ran, in seconds of wall time, when it was measured.
    /// A report for authors and a hint for scheduling; never rendered.
    public var runSeconds: Double?

    /// A result with these values; the lists default to empty.
    public init(id: String, codeHash: String, cells: [CellResult] = [], inlines: [InlineResult] = [], failures: [Failure] = []) {
        self.id = id
        self.codeHash = codeHash
        self.cells = cells
        self.inlines = inlines
        self.failures = failures
    }

    /// The result recorded for cell `index`, if it produced any.
    public func cell(_ index: Int) -> CellResult? {
        cells.first { $0.index == index }
    }

    /// The claims of every cell, in order.
    public var claims: [Claim] {
        cells.flatMap(\.outputs).compactMap {
            if case .claim(let claim) = $0 { claim } else { nil }
        }
    }
}

/// The outputs of one cell, in the order the cell produced them.
public struct CellResult: Codable, Equatable, Sendable {
    /// The cell's position among the lesson's Swift cells, from 0.
    public var index: Int
    /// The Markdown line of the cell's first line of code.
    public var line: Int
    /// What the cell produced, in order.
    public var outputs: [Output]

    /// A cell's result; `outputs` defaults to none.
    public init(index: Int, line: Int, outputs: [Output] = []) {
        self.index = index
        self.line = line
        self.outputs = outputs
    }
}

/// One piece of a cell's output.
public enum Output: Codable, Equatable, Sendable {
    /// Text the cell printed (standard output), or `show(value)` of a plain value.
    case text(String)
    /// A table from `table(...)`: every cell already formatted as text.
    case table(Table)
    /// A checked statement from `claim(...)`.
    case claim(Claim)
    /// The failure a `fails` cell was expected to produce: a thrown error or a trap.
    case failure(FailureOutput)
    /// A figure from `show(figure)`: its SVG and the CSV of its data.
    case figure(FigureOutput)
}

/// How a `fails` cell failed. The words shown around it are the page template's.
public struct FailureOutput: Codable, Equatable, Sendable {
    /// Whether the cell threw an error or trapped.
    public enum Kind: String, Codable, Sendable {
        /// The cell threw; `message` is the error's description.
        case thrown
        /// The cell's process trapped; `message` is the runtime's message
        /// (`Fatal error: Index out of range`).
        case trapped
    }

    public var kind: Kind
    /// The error's description, or the runtime's message.
    public var message: String
    /// Where a trap happened, `Lessons/01-numbers.md:37`, when the backtrace says.
    public var location: String?

    /// A failure of `kind` with `message`, located at `location` if known.
    public init(kind: Kind, message: String, location: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

/// A rendered figure.
public struct FigureOutput: Codable, Equatable, Sendable {
    /// The figure's title, shown after its number.
    public var title: String
    /// Text shown after the title, if any.
    public var caption: String?
    /// An `<svg>` element for an HTML page (styled by the page's `assets/charts.css`),
    /// its ids unique on the page.
    public var svg: String
    /// The figure's data as CSV.
    public var csv: String
    /// The chart itself, from which another edition draws the figure with its labels
    /// translated; nil for a drawing that is not a chart (a bit layout).
    public var chart: Figure?
    /// The prefix of the ids in `svg`, unique on the page; another drawing uses it too.
    public var id: String?

    /// A figure from its title, caption, SVG and CSV, and the chart and id it was drawn from.
    public init(title: String, caption: String?, svg: String, csv: String, chart: Figure? = nil, id: String? = nil) {
        self.title = title
        self.caption = caption
        self.svg = svg
        self.csv = csv
        self.chart = chart
        self.id = id
    }
}

extension FigureOutput {
    /// Equal when they draw the same: the same title, caption, SVG, CSV and id, and both
    /// with or both without a chart (the SVG is the chart's drawing).
    public static func == (a: FigureOutput, b: FigureOutput) -> Bool {
        (a.title, a.caption, a.svg, a.csv, a.id) == (b.title, b.caption, b.svg, b.csv, b.id) && (a.chart == nil) == (b.chart == nil)
    }
}

extension Output {
    private enum Key: String, CodingKey { case text, table, claim, failure, figure }

    /// One key naming the kind, holding the value: `{"text": "x is 4\n"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let text): try container.encode(text, forKey: .text)
        case .table(let table): try container.encode(table, forKey: .table)
        case .claim(let claim): try container.encode(claim, forKey: .claim)
        case .failure(let failure): try container.encode(failure, forKey: .failure)
        case .figure(let figure): try container.encode(figure, forKey: .figure)
        }
    }

    /// Reads the form `encode(to:)` writes: an object with one key naming the kind.
    ///
    /// - Throws: `DecodingError.dataCorrupted` if the object does not have exactly one of
    ///   the keys `text`, `table`, `claim`, `failure`, `figure`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "an output is an object with exactly one of the keys text, table, claim, failure, figure"))
        }
        switch key {
        case .text: self = .text(try container.decode(String.self, forKey: key))
        case .table: self = .table(try container.decode(Table.self, forKey: key))
        case .claim: self = .claim(try container.decode(Claim.self, forKey: key))
        case .failure: self = .failure(try container.decode(FailureOutput.self, forKey: key))
        case .figure: self = .figure(try container.decode(FigureOutput.self, forKey: key))
        }
    }
}

/// A table of already-formatted cells.
public struct Table: Codable, Equatable, Sendable {
    /// The column headers.
    public var columns: [String]
    /// The column headers as templates and their values, which a translation fills; empty
    /// when the table was recorded without them.
    public var columnWordings: [LocalizedText]
    /// The body rows, each a list of formatted cells.
    public var rows: [[String]]
    /// Per column: true when its cells are numbers, which the page right-aligns.
    public var numeric: [Bool]
    /// Per cell, in the shape of `rows`: the value's shortest round-trip form where the
    /// cell shows it rounded (`0.9995989566310423` for `0.9996`), otherwise nil. The page
    /// offers it as the cell's tooltip. Empty when no cell is rounded.
    public var exact: [[String?]]
    /// Per cell, in the shape of `rows`: the template and values of a cell whose value was
    /// a `LocalizedText` (its text is the cell's), which a translation fills; nil for any
    /// other cell. Empty when no cell has one.
    public var cellWordings: [[LocalizedText?]]

    /// A table from its headers, rows, per-column numeric flags and, where cells are
    /// rounded, their exact forms, and where cells are words to translate, their wordings
    /// (none by default).
    public init(columns: [String], rows: [[String]], numeric: [Bool], exact: [[String?]] = [],
                columnWordings: [LocalizedText] = [], cellWordings: [[LocalizedText?]] = []) {
        self.columns = columns
        self.columnWordings = columnWordings
        self.rows = rows
        self.numeric = numeric
        self.exact = exact.joined().contains { $0 != nil } ? exact : []
        self.cellWordings = cellWordings.joined().contains { $0 != nil } ? cellWordings : []
    }

    private enum CodingKeys: String, CodingKey { case columns, rows, numeric, exact, columnWordings, cellWordings }

    /// Reads what `encode(to:)` writes; `exact` may be absent (no cell rounded), and so may
    /// `columnWordings` and `cellWordings` (results recorded before them, or none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(columns: try container.decode([String].self, forKey: .columns),
                  rows: try container.decode([[String]].self, forKey: .rows),
                  numeric: try container.decode([Bool].self, forKey: .numeric),
                  exact: try container.decodeIfPresent([[String?]].self, forKey: .exact) ?? [],
                  columnWordings: try container.decodeIfPresent([LocalizedText].self, forKey: .columnWordings) ?? [],
                  cellWordings: try container.decodeIfPresent([[LocalizedText?]].self, forKey: .cellWordings) ?? [])
    }

    /// Writes every field; `cellWordings` only when a cell has one, so a table of plain
    /// cells is written as it was before cells had wordings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(rows, forKey: .rows)
        try container.encode(numeric, forKey: .numeric)
        try container.encode(exact, forKey: .exact)
        try container.encode(columnWordings, forKey: .columnWordings)
        if !cellWordings.isEmpty { try container.encode(cellWordings, forKey: .cellWordings) }
    }

    /// The exact form of the cell at `row`, `column`, if it is shown rounded.
    public func exact(row: Int, column: Int) -> String? {
        Self.cell(row, column, of: exact)
    }

    /// The wording of the cell at `row`, `column`, if its value was a `LocalizedText`.
    public func wording(row: Int, column: Int) -> LocalizedText? {
        Self.cell(row, column, of: cellWordings)
    }

    /// The entry for one cell of a per-cell list, nil where the list (empty when no cell
    /// has one) does not reach it.
    private static func cell<T>(_ row: Int, _ column: Int, of grid: [[T?]]) -> T? {
        grid.indices.contains(row) && grid[row].indices.contains(column) ? grid[row][column] : nil
    }
}

/// A statement the lesson checked while it ran.
public struct Claim: Codable, Equatable, Sendable {
    /// What the claim says, in the author's words.
    public var text: String
    /// Whether the condition held.
    public var passed: Bool
    /// The Markdown line of the `claim(...)` call.
    public var line: Int
    /// The text as a template and the values interpolated into it, which a translation
    /// fills; nil for a claim recorded without one.
    public var wording: LocalizedText?

    /// A claim from its text, outcome and line, and its wording when it has interpolations.
    public init(text: String, passed: Bool, line: Int, wording: LocalizedText? = nil) {
        self.text = text
        self.passed = passed
        self.line = line
        self.wording = wording
    }
}

/// The formatted value of one inline `{swift}` expression.
public struct InlineResult: Codable, Equatable, Sendable {
    /// The expression's position among the lesson's inline values, from 0.
    public var index: Int
    /// The Markdown line of the expression.
    public var line: Int
    /// The value, formatted as the page shows it.
    public var text: String
    /// The value's shortest round-trip form when `text` rounds it (`0.9995989566310423`
    /// for `0.9996`), otherwise nil. The page offers it as a tooltip.
    public var exact: String?

    /// An inline value from its index, line, text and, if `text` rounds it, exact form.
    public init(index: Int, line: Int, text: String, exact: String? = nil) {
        self.index = index
        self.line = line
        self.text = text
        self.exact = exact
    }
}

/// Something that makes a lesson fail, located at a Markdown line.
public struct Failure: Codable, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; the raw value is the phrase `description` prints.
    public enum Kind: String, Codable, Sendable {
        /// A `claim(...)` condition was false.
        case claimFailed = "claim failed"
        /// A cell threw an error.
        case threw = "error thrown"
        /// The lesson's process stopped on a trap or a signal.
        case trapped = "trapped"
        /// The lesson, or a `fails` cell, ran longer than the time limit.
        case timedOut = "timed out"
        /// A `fails` cell ran to the end without throwing or trapping.
        case didNotFail = "fails cell did not fail"
        /// The compiled lesson no longer matches its Markdown: the binary needs a rebuild.
        case stale = "stale"
        /// A number in prose that is neither computed nor cited (found without running
        /// anything; see `TypedNumber` in `Notebook`).
        case typedNumber = "a number typed in prose"
        /// The lesson's process could not start, exited with a nonzero status, or
        /// printed no result.
        case crashed = "crashed"
    }

    /// The Markdown file, relative to the package root (`Lessons/01-numbers.md`).
    public var file: String
    /// The Markdown line the failure points at.
    public var line: Int
    /// What went wrong.
    public var kind: Kind
    /// The details: a failed claim's text, the error, or what to do.
    public var message: String

    /// A failure from its location, kind and message.
    public init(file: String, line: Int, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `Lessons/FILE.md:LINE: claim failed: TEXT`, the form editors and CI logs link.
    public var description: String {
        "\(file):\(line): \(kind.rawValue): \(message)"
    }
}
