import Foundation

/// Turns a lesson into the Swift source the `Lessons` module compiles.
///
/// The lesson becomes one `final class` named by its id (`Lesson_01_numbers`): `file`
/// cells are its members, and every other cell is a statement of its `run` method, in
/// order, so cells share one scope. Every cell and inline expression is wrapped in
/// `#sourceLocation`, so compiler errors, warnings, `#line` in `claim`, and traps name the
/// `.md` line. The text depends only on the code and its line numbers, never on prose, so
/// an edit to prose that keeps the lines in place leaves the generated file unchanged.
public enum SwiftGenerator {
    /// Modules every lesson can use without importing them.
    public static let imports = ["Charts", "Foundation", "LessonRuntime", "Precision", "Training"]

    /// The generated source of `lesson`, with its code hash filled in.
    public static func source(for lesson: LessonDocument) -> String {
        let body = unhashedSource(for: lesson)
        return body.replacingFirst(hashPlaceholder, with: codeHash(of: lesson))
    }

    /// The hash of everything the generated code depends on; the binary embeds it and
    /// refuses to run a lesson whose `.md` no longer hashes the same.
    public static func codeHash(of lesson: LessonDocument) -> String {
        StableHash.hex(of: unhashedSource(for: lesson))
    }

    static let hashPlaceholder = "@@CODE_HASH@@"

    static func unhashedSource(for lesson: LessonDocument) -> String {
        var out = Emitter(path: lesson.path)
        out.line("// Generated from \(lesson.path) by LessonCodegen. Do not edit: edit the lesson.")
        imports.forEach { out.line("import \($0)") }
        out.line("")
        out.line("final class \(lesson.namespace): LessonProgram {")
        out.line("    static let id = \(literal(lesson.id))")
        out.line("    static let path = \(literal(lesson.path))")
        out.line("    static let codeHash = \(literal(hashPlaceholder))")
        out.line("    static let cells: [CellInfo] = [\(lesson.cells.map(cellInfo).joined(separator: ", "))]")
        out.line("    init() {}")
        for cell in lesson.cells where cell.kind == .file {
            out.code(cell.code, at: cell.codeLine)
        }
        out.line("")
        out.line("    func run(_ lesson: LessonRun) throws {")
        for item in readingOrder(lesson) {
            switch item {
            case .cell(let cell): emit(cell, into: &out)
            case .inline(let expr): emit(expr, into: &out)
            }
        }
        out.line("        lesson.finish()")
        out.line("    }")
        out.line("}")
        return out.text
    }

    enum Item {
        case cell(Cell)
        case inline(InlineExpression)
        var line: Int {
            switch self {
            case .cell(let c): c.fenceLine
            case .inline(let e): e.line
            }
        }
    }

    /// Cells and inline values merged by line: an inline value sees every cell above it.
    static func readingOrder(_ lesson: LessonDocument) -> [Item] {
        let items = lesson.cells.filter { $0.kind != .file }.map(Item.cell) + lesson.inlines.map(Item.inline)
        return items.enumerated().sorted { a, b in
            (a.element.line, a.offset) < (b.element.line, b.offset)
        }.map(\.element)
    }

    static func cellInfo(_ cell: Cell) -> String {
        "CellInfo(index: \(cell.index), line: \(cell.codeLine), kind: .\(cell.kind.rawValue))"
    }

    static func emit(_ cell: Cell, into out: inout Emitter) {
        switch cell.kind {
        case .run, .hide:
            out.line("        lesson.cell(\(cell.index))")
            out.code(cell.code, at: cell.codeLine)
        case .norun:
            out.line("        if lesson.runsNoRunCells {")
            out.code(cell.code, at: cell.codeLine)
            out.line("        }")
        case .fails:
            out.line("        try lesson.failingCell(\(cell.index)) { () throws in")
            out.code(cell.code, at: cell.codeLine)
            out.line("        }")
        case .file:
            break
        }
    }

    /// An inline value: the expression alone on a line that the compiler attributes to the
    /// span's Markdown line, so a diagnostic quotes the author's expression, not generated
    /// code, and its column counts from the expression's start. (The opening line is
    /// attributed to the line before, where nothing can be wrong.)
    static func emit(_ expr: InlineExpression, into out: inout Emitter) {
        let name = "__inline\(expr.index)"
        out.code("let \(name) = (\n\(expr.expression)\n)", at: expr.line - 1)
        out.line("        lesson.inline(\(expr.index), line: \(expr.line), \(name))")
    }

    /// A Swift string literal for `s`.
    static func literal(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The registry that lists a book's lessons, in book order.
    public static func registry(ids: [String]) -> String {
        var out = Emitter(path: "")
        out.line("// Generated by LessonCodegen. Do not edit.")
        out.line("import LessonRuntime")
        out.line("")
        out.line("/// The lessons compiled into this module, in book order.")
        out.line("public enum LessonRegistry {")
        out.line("    public static let lessons: [CompiledLesson] = [")
        for id in ids { out.line("        CompiledLesson(\(LessonDocument.namespace(for: id)).self),") }
        out.line("    ]")
        out.line("}")
        return out.text
    }
}

/// Accumulates generated lines; code from the lesson goes between `#sourceLocation` lines.
struct Emitter {
    let path: String
    var text = ""

    mutating func line(_ s: String) {
        text += s + "\n"
    }

    mutating func code(_ code: String, at line: Int) {
        self.line("#sourceLocation(file: \(SwiftGenerator.literal(path)), line: \(line))")
        text += code.hasSuffix("\n") || code.isEmpty ? code : code + "\n"
        self.line("#sourceLocation()")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
