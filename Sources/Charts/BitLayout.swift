/// A figure of binary formats' bit fields: one row per format, its fields drawn left to
/// right from the most significant bit as boxes whose widths are proportional to their
/// numbers of bits, on one scale for every row, so a 32-bit row is four times as long as an
/// 8-bit one. Rendered to deterministic SVG (``svg(idPrefix:embedded:)``) and to CSV of the
/// same fields (``csv()``).
///
/// ```swift
/// let layout = BitLayout(
///     title: "Bit fields",
///     rows: [.init("FP16", fields: [.init("sign", bits: 1), .init("exponent", bits: 5),
///                                   .init("mantissa", bits: 10)], note: "16 bits")])
/// let svg = layout.svg(idPrefix: "fig-fields")
/// ```
///
/// Fields take their colour from their name: the first name met (row by row, left to
/// right) is `chart-series-0`, the next `chart-series-1`, and so on, so every row's
/// exponent has one colour. The legend lists the names when there are several. A box is
/// labelled with its name and width (`exponent 5`), or its width alone (`5`) where that
/// is all that fits, or nothing where nothing fits (the CSV and the `<desc>` still say).
///
/// ## Edge cases
/// - A field of 0 bits (or fewer) takes no room and is neither drawn nor listed.
/// - A row with no bits is drawn as its name and note alone.
/// - With no rows the figure is its title alone.
public struct BitLayout: Sendable {
    /// One field of a row: its name, which sets its colour and legend entry, and its width.
    public struct Field: Hashable, Sendable {
        /// The field's name: `sign`, `exponent`, `mantissa`.
        public var name: String
        /// How many bits it takes.
        public var bits: Int

        /// A field called `name`, `bits` wide.
        public init(_ name: String, bits: Int) {
            self.name = name
            self.bits = bits
        }
    }

    /// One format: its name (drawn before the boxes), its fields from the most significant
    /// bit down, and a note drawn after them.
    public struct Row: Hashable, Sendable {
        /// The format's name: `FP16`.
        public var name: String
        /// The fields, most significant first.
        public var fields: [Field]
        /// Text after the boxes (`16 bits, bias 15`), or empty.
        public var note: String

        /// A row called `name` with `fields`, most significant first, and `note` after them.
        public init(_ name: String, fields: [Field], note: String = "") {
            self.name = name
            self.fields = fields
            self.note = note
        }

        /// The row's width in bits: the sum of its fields' positive widths.
        public var bitWidth: Int { drawnFields.reduce(0) { $0 + $1.bits } }

        /// The fields that take room, in order.
        var drawnFields: [Field] { fields.filter { $0.bits > 0 } }
    }

    /// Drawn above the rows, and the SVG's `<title>`.
    public var title: String
    /// The formats, top to bottom.
    public var rows: [Row]
    /// Prose describing the figure, placed before the generated summary in `<desc>`.
    public var caption: String?
    /// The SVG's width in px; its height follows from the rows.
    public var width: Double

    /// A layout of `rows` under `title`, `width` px wide (the book's column by default).
    public init(title: String, rows: [Row], caption: String? = nil, width: Double = Figure.Size.standard.width) {
        self.title = title
        self.rows = rows
        self.caption = caption
        self.width = width
    }

    /// The field names in order of first appearance; a name's position is its colour.
    var fieldNames: [String] {
        var names: [String] = []
        for row in rows {
            for field in row.drawnFields where !names.contains(field.name) { names.append(field.name) }
        }
        return names
    }

    /// The text of the SVG's `<desc>`: the ``caption``, then every row's fields and
    /// widths in words.
    ///
    /// ```text
    /// FP16, 16 bits: sign 1, exponent 5, mantissa 10 (16 bits, bias 15).
    /// ```
    public var summary: String {
        var sentences: [String] = []
        if let caption, !caption.isEmpty { sentences.append(caption) }
        for row in rows {
            let fields = row.drawnFields.map { "\($0.name) \($0.bits)" }.joined(separator: ", ")
            let note = row.note.isEmpty ? "" : " (\(row.note))"
            sentences.append("\(row.name), \(row.bitWidth) bits: \(fields.isEmpty ? "no fields" : fields)\(note)")
        }
        return sentences.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// One line per field of every row, rows in order and fields most significant first:
    /// `row,field,bits,high_bit,low_bit`, bits numbered from 0 at the least significant.
    /// Text containing a comma, a quote or a line break is quoted (RFC 4180).
    ///
    /// ```text
    /// row,field,bits,high_bit,low_bit
    /// FP16,sign,1,15,15
    /// FP16,exponent,5,14,10
    /// FP16,mantissa,10,9,0
    /// ```
    public func csv() -> String {
        var lines = ["row,field,bits,high_bit,low_bit"]
        for row in rows {
            var high = row.bitWidth - 1
            for field in row.drawnFields {
                lines.append([Figure.csvField(row.name), Figure.csvField(field.name), String(field.bits),
                              String(high), String(high - field.bits + 1)].joined(separator: ","))
                high -= field.bits
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
