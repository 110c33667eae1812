import LessonResults

/// One page of the book, a chapter or a reference page: its metadata, its Markdown, and
/// the Swift it runs.
public struct LessonDocument: Equatable, Sendable {
    /// Where a page stands in the book, from its file's name and folder.
    public enum Kind: Equatable, Sendable {
        /// `NN-slug.md` in the lessons folder: chapter `NN`.
        case chapter(number: Int)
        /// `reference/slug.md`: a page after the chapters (a glossary, a checklist),
        /// listed under its own heading and not numbered.
        case reference
    }

    /// The file name without `.md`: `01-numbers`, or `glossary` for a reference page. The
    /// page is `ID.html`.
    public let id: String
    /// A chapter, with the `NN` of `NN-slug` that orders the book, or a reference page.
    public let kind: Kind
    /// The file's path relative to the package root: `Lessons/01-numbers.md`.
    public let path: String
    /// The `title` of the front matter, as shown (a definition `{=…}` in it as its text).
    public let title: String
    /// The `summary` of the front matter, or empty if it has none; shown like `title`.
    public let summary: String
    /// The front matter's fields as written, with their lines, for the number check.
    let frontMatter: [FrontMatterField]
    /// The Markdown, with math replaced by placeholders (see `Math`).
    public let blocks: [Block]
    /// The Swift cells, in reading order.
    public let cells: [Cell]
    /// The inline `{swift}` expressions, in reading order.
    public let inlines: [InlineExpression]
    /// The math spans, indexed by their placeholders.
    public let math: [Math]
    /// The citations `[@key]`, in reading order, indexed by their placeholders.
    public let citations: [Citation]
    /// The definitions `{=…}` of the front matter and the prose, in reading order,
    /// indexed by their placeholders.
    public let definitions: [Definition]

    /// The chapter's number; nil for a reference page.
    public var number: Int? {
        switch kind {
        case .chapter(let number): number
        case .reference: nil
        }
    }

    /// The Swift type the generated code declares for this lesson: `Lesson_01_numbers`.
    /// Each lesson's cells and `file` declarations live in this namespace, so two
    /// lessons may both declare `struct Model`.
    public var namespace: String { Self.namespace(for: id) }

    static func namespace(for id: String) -> String {
        "Lesson_" + String(id.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}

/// A fenced ` ```swift ` block of a lesson.
public struct Cell: Equatable, Sendable {
    /// How a cell is treated, from its fence's info string.
    public typealias Kind = CellKind

    /// Position among the lesson's Swift cells, from 0.
    public let index: Int
    /// How the cell is treated, from its fence's info string.
    public let kind: Kind
    /// The cell's code, without its fences.
    public let code: String
    /// The Markdown line of the opening fence.
    public let fenceLine: Int
    /// The Markdown line of the first line of code.
    public var codeLine: Int { fenceLine + 1 }
}

/// An inline `` `{swift} expr` `` span in prose.
public struct InlineExpression: Equatable, Sendable {
    /// Position among the lesson's inline expressions, from 0.
    public let index: Int
    /// The Swift expression after `{swift}`, without surrounding spaces and tabs.
    public let expression: String
    /// The Markdown line of the span.
    public let line: Int
}

/// A `$…$` or `$$…$$` span, protected from Markdown before parsing.
public struct Math: Equatable, Sendable {
    /// The TeX between the dollar signs, without surrounding whitespace.
    public let tex: String
    /// True for `$$…$$` (display math), false for `$…$` (inline math).
    public let display: Bool
}

/// A citation `[@key]` or `[@a; @b]` in prose. Keys are looked up in the book's
/// bibliography (`Lessons/references.json`).
public struct Citation: Equatable, Sendable {
    /// The cited keys, without `@`, in the order written.
    public let keys: [String]
    /// The Markdown line of the citation.
    public let line: Int
}

/// A value the author states as given rather than computes, such as a hyperparameter
/// named before the code that sets it: `{=0.95}` in prose or front matter, shown as the
/// plain text `0.95`. `mantissa check` does not ask for a source for the numbers in it.
///
/// The text runs from `{=` to the first `}` on the same line, without the spaces around
/// it; it holds no braces and is shown as written (no Markdown, no math). `\{=` in prose
/// is a literal `{=`.
public struct Definition: Equatable, Sendable {
    /// The text between `{=` and `}`, without surrounding spaces and tabs.
    public let text: String
    /// The Markdown line of the definition.
    public let line: Int
}

/// A front matter line `key: value`: the value as written, each definition in it replaced
/// by its placeholder, and the line.
struct FrontMatterField: Equatable, Sendable {
    let key: String
    let text: String
    let line: Int
}
