import Notebook
import Testing

/// Fenced ```swift cells: kinds, positions, code, and the errors a fence can have.
@Suite("Cells")
struct CellTests {
    struct ExpectedCell: Sendable, CustomTestStringConvertible {
        let index: Int
        let kind: Cell.Kind
        let code: String
        let fenceLine: Int
        var testDescription: String { "cell \(index) (\(kind == .run ? "run" : kind.rawValue))" }
    }

    /// The cells of `Books/cells/01-every-kind.md`, in reading order.
    static let expected: [ExpectedCell] = [
        ExpectedCell(index: 0, kind: .run, code: "let answer = 42\n", fenceLine: 6),
        ExpectedCell(index: 1, kind: .hide, code: "let hidden = answer\n", fenceLine: 10),
        ExpectedCell(index: 2, kind: .norun, code: "fatalError(\"never runs\")\n", fenceLine: 14),
        ExpectedCell(index: 3, kind: .fails, code: "struct Oops: Error {}\nthrow Oops()\n", fenceLine: 18),
        ExpectedCell(index: 4, kind: .file, code: "struct Model { var weight = 2.5 }\n", fenceLine: 23),
        ExpectedCell(index: 5, kind: .run, code: "let inList = [1, 2].map { $0 * 2 }\n", fenceLine: 37),
    ]

    @Test("every kind of cell, in order, with its code and lines", arguments: expected)
    func cell(_ expected: ExpectedCell) throws {
        let lesson = try Fixture.lesson("cells")
        try #require(expected.index < lesson.cells.count, "only \(lesson.cells.count) cells: \(lesson.cells)")
        let cell = lesson.cells[expected.index]
        #expect(cell.index == expected.index)
        #expect(cell.kind == expected.kind)
        #expect(cell.code == expected.code)
        #expect(cell.fenceLine == expected.fenceLine)
        #expect(cell.codeLine == expected.fenceLine + 1)
    }

    @Test("```python and ```text fences are not cells, and are kept as code blocks")
    func otherLanguages() throws {
        let lesson = try Fixture.lesson("cells")
        #expect(lesson.cells.count == Self.expected.count, "cells: \(lesson.cells.map(\.code))")
        #expect(!lesson.cells.contains { $0.code.contains("not a cell") })
        let infos = lesson.blocks.compactMap { block -> String? in
            if case .code(let info, _, _, _) = block { info } else { nil }
        }
        #expect(infos.contains("python") && infos.contains("text"), "code blocks: \(infos)")
    }

    static let errors: [ExpectedProblem] = [
        ExpectedProblem(
            name: "unknown option", text: Fixture.frontMatter + "\n```swift fast\nlet x = 1\n```\n", line: 6,
            fragments: ["'fast'", "hide", "norun", "fails", "file"]),
        ExpectedProblem(
            name: "two options", text: Fixture.frontMatter + "\n```swift hide norun\nlet x = 1\n```\n", line: 6,
            fragments: ["hide norun", "at most one option"]),
        ExpectedProblem(
            name: "unterminated fence", text: Fixture.frontMatter + "\nProse.\n\n```swift\nlet x = 1\nlet y = 2\n", line: 8,
            fragments: ["unterminated code fence"]),
        ExpectedProblem(
            name: "unterminated non-swift fence", text: Fixture.frontMatter + "\n```text\nsome text\n", line: 6,
            fragments: ["unterminated code fence"]),
        ExpectedProblem(
            name: "@main in a cell", text: Fixture.frontMatter + "\n```swift\nlet x = 1\n\n@main struct App {}\n```\n", line: 9,
            fragments: ["@main"]),
        ExpectedProblem(
            name: "@main in a file cell", text: Fixture.frontMatter + "\n```swift file\n@main\nstruct App {}\n```\n", line: 7,
            fragments: ["@main"]),
        ExpectedProblem(
            name: "import", text: Fixture.frontMatter + "\n```swift\nimport Foundation\n```\n", line: 7,
            fragments: ["cannot import", "already imports Charts, Foundation, LessonRuntime, Precision, Training"]),
        ExpectedProblem(
            name: "extension in a file cell", text: Fixture.frontMatter + "\n```swift file\nstruct A {}\n\npublic extension A {\n    func f() {}\n}\n```\n",
            line: 9, fragments: ["cannot declare an extension", "`swift file` cell"]),
        ExpectedProblem(
            name: "operator", text: Fixture.frontMatter + "\n```swift\ninfix operator ** : MultiplicationPrecedence\n```\n", line: 7,
            fragments: ["cannot declare an operator"]),
        ExpectedProblem(
            name: "protocol outside a file cell", text: Fixture.frontMatter + "\n```swift\nlet x = 1\nprotocol P {}\n```\n", line: 8,
            fragments: ["declare a protocol in a `swift file` cell"]),
    ]

    @Test("a protocol in a file cell, and the words import or extension inside a body, are fine")
    func fileScopeWordsInPlace() throws {
        let text = Fixture.frontMatter + "\n```swift file\nprotocol P {}\nfunc f() {\n    import_count += 1\n}\n```\n\n```swift\nlet s = [1].map {\n    extension($0)\n}\n```\n"
        let lesson = try LessonParser.parse(text, path: "Lessons/01-fine.md")
        #expect(lesson.cells.count == 2)
    }

    @Test("errors name the fence or code line", arguments: errors)
    func error(_ expected: ExpectedProblem) {
        expected.check()
    }

    @Test("a closed fence inside a block quote is a cell, not an unterminated fence")
    func cellInBlockQuote() throws {
        let text = Fixture.frontMatter + "\n> ```swift\n> let quoted = 1\n> ```\n"
        let lesson = try LessonParser.parse(text, path: "Lessons/01-quote.md")
        #expect(lesson.cells.map(\.code) == ["let quoted = 1\n"])
        #expect(lesson.cells.first?.fenceLine == 6)
    }
}
