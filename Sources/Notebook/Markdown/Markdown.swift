/// A Markdown document as Swift values: what cmark-gfm parsed, converted once.
///
/// Lines are 1-based and refer to the original `.md` file (front matter and math are
/// replaced before parsing without moving any line).
public indirect enum Block: Equatable, Sendable {
    /// A paragraph and the line it starts on.
    case paragraph([Inline], line: Int)
    /// A heading of `level` 1 to 6 and the line it starts on.
    case heading(level: Int, [Inline], line: Int)
    /// A fenced or indented code block. `info` is the full info string (`swift hide`);
    /// `closed` is false for a fence that runs to the end of the file.
    case code(info: String, literal: String, line: Int, closed: Bool)
    /// A block of raw HTML, as written.
    case html(String, line: Int)
    /// A block quote and the blocks inside it.
    case blockQuote([Block])
    /// A bullet or ordered list: `start` is an ordered list's first number, `tight` is
    /// true when blank lines do not separate its items, and each item is a list of blocks.
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
    /// A GFM table: one alignment per column, the header's cells, then each row's cells.
    case table(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]], line: Int)
    /// A thematic break (`---`).
    case thematicBreak
}

/// Column alignment of a GFM table.
public enum Alignment: Equatable, Sendable {
    /// `none` when the column's delimiter has no colon; otherwise `:--`, `:-:` or `--:`.
    case none, left, center, right
}

/// Inline content of a paragraph, heading or table cell.
public indirect enum Inline: Equatable, Sendable {
    /// Literal text, on one line (line endings are `softBreak`s), and that line.
    case text(String, line: Int)
    /// A code span. `line` is the line of the paragraph line that holds it.
    case code(String, line: Int)
    /// A line ending inside a paragraph.
    case softBreak
    /// A hard line break (a backslash or two spaces before the line ending).
    case lineBreak
    /// Raw inline HTML, as written.
    case html(String)
    /// Emphasized content (`*…*`).
    case emphasis([Inline])
    /// Strongly emphasized content (`**…**`).
    case strong([Inline])
    /// Struck-through content (`~~…~~`).
    case strikethrough([Inline])
    /// A link to `destination`, with its title (empty if none) and its text.
    case link(destination: String, title: String, [Inline])
    /// An image at `source`, with its title (empty if none) and its alt text.
    case image(source: String, title: String, [Inline])

    // What a lesson adds to Markdown, typed right after parsing (`LessonParser.typed`);
    // cmark itself never produces these.

    /// An inline `` `{swift} expr` `` value: its index among the lesson's `inlines` (and the
    /// run's inline results), and its line.
    case value(Int, line: Int)
    /// A `$…$` or `$$…$$` formula: its index among the lesson's `math`.
    case math(Int, display: Bool)
    /// A citation `[@key]`: its index among the lesson's `citations`.
    case citation(Int)
    /// A definition `{=…}`: its index among the lesson's `definitions`.
    case definition(Int)
}

extension Inline {
    /// The literal text, without markup. A lesson's typed nodes (values, math, citations,
    /// definitions) have no text of their own here; the page renderer's `plain` gives it.
    public var plainText: String {
        switch self {
        case .text(let s, _), .code(let s, _), .html(let s): s
        case .softBreak, .lineBreak: " "
        case .emphasis(let c), .strong(let c), .strikethrough(let c),
             .link(_, _, let c), .image(_, _, let c):
            c.map(\.plainText).joined()
        case .value, .math, .citation, .definition: ""
        }
    }
}
