import Foundation
import Notebook
import Testing

/// The Swift generated from a lesson, its code hash, and the book's registry.
@Suite("Code generation")
struct CodegenTests {
    static let path = "codegen/01-codegen.md"

    func text() throws -> String {
        try String(contentsOf: Fixture.books.appending(path: Self.path), encoding: .utf8)
    }

    func parse(_ text: String) throws -> LessonDocument {
        try LessonParser.parse(text, path: Self.path)
    }

    @Test("every cell's code follows a #sourceLocation at its code line")
    func cellLocations() throws {
        let lesson = try Fixture.lesson("codegen")
        let source = SwiftGenerator.source(for: lesson)
        #expect(lesson.cells.count == 2)
        for cell in lesson.cells {
            let located = "#sourceLocation(file: \"\(Self.path)\", line: \(cell.codeLine))\n\(cell.code)#sourceLocation()\n"
            #expect(source.contains(located), "cell \(cell.index) at line \(cell.codeLine) is not located in:\n\(source)")
        }
    }

    @Test("every inline value's expression is alone on the line the compiler counts as its Markdown line")
    func inlineLocations() throws {
        let lesson = try Fixture.lesson("codegen")
        let source = SwiftGenerator.source(for: lesson)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lesson.inlines.count == 1)
        for inline in lesson.inlines {
            // The directive names the line before, so the line after next is the span's.
            let marker = "#sourceLocation(file: \"\(Self.path)\", line: \(inline.line - 1))"
            let at = try #require(lines.firstIndex { $0 == marker }, "no \(marker) in:\n\(source)")
            #expect(lines[at + 1].hasSuffix(" = ("), "the line after \(marker) is \(lines[at + 1])")
            #expect(lines[at + 2] == inline.expression, "the expression's line is \(lines[at + 2])")
        }
    }

    @Test("the lesson is a namespace class named after its id, with its hash")
    func namespace() throws {
        let lesson = try Fixture.lesson("codegen")
        let source = SwiftGenerator.source(for: lesson)
        #expect(lesson.namespace == "Lesson_01_codegen")
        #expect(source.contains("final class Lesson_01_codegen"), "\(source)")
        let hash = SwiftGenerator.codeHash(of: lesson)
        #expect(hash.count == 16 && hash.allSatisfy(\.isHexDigit), "hash \(hash)")
        #expect(source.contains("static let codeHash = \"\(hash)\""), "\(source)")
    }

    @Test("editing prose without moving lines changes neither the source nor the hash")
    func proseEdit() throws {
        let original = try text()
        let edited = original.replacingOccurrences(of: "learns slowly.", with: "learns, we hope, rather quickly.")
        try #require(edited != original)
        let a = try parse(original), b = try parse(edited)
        #expect(SwiftGenerator.source(for: a) == SwiftGenerator.source(for: b))
        #expect(SwiftGenerator.codeHash(of: a) == SwiftGenerator.codeHash(of: b))
    }

    @Test("a new prose line above a cell moves its #sourceLocation and changes the hash")
    func proseLineAdded() throws {
        let original = try text()
        let edited = original.replacingOccurrences(of: "learns slowly.", with: "learns slowly.\nVery slowly.")
        let a = try parse(original), b = try parse(edited)
        #expect(SwiftGenerator.source(for: a) != SwiftGenerator.source(for: b))
        #expect(SwiftGenerator.codeHash(of: a) != SwiftGenerator.codeHash(of: b))
        let moved = try #require(b.cells.first)
        #expect(moved.codeLine == a.cells[0].codeLine + 1)
        #expect(SwiftGenerator.source(for: b).contains("#sourceLocation(file: \"\(Self.path)\", line: \(moved.codeLine))"))
    }

    @Test("changing a cell changes the hash")
    func cellEdit() throws {
        let original = try text()
        let edited = original.replacingOccurrences(of: "var weight = 2.5", with: "var weight = 3.5")
        try #require(edited != original)
        let a = try parse(original), b = try parse(edited)
        #expect(SwiftGenerator.codeHash(of: a) != SwiftGenerator.codeHash(of: b))
    }

    @Test("the registry lists the lessons in the order given")
    func registry() {
        let registry = SwiftGenerator.registry(ids: ["10-ten", "02-two", "9-nine"])
        let entries = registry.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("CompiledLesson(") }
        #expect(entries == [
            "CompiledLesson(Lesson_10_ten.self),",
            "CompiledLesson(Lesson_02_two.self),",
            "CompiledLesson(Lesson_9_nine.self),",
        ], "\(registry)")
    }

    /// 64-bit FNV-1a over UTF-8, written here from its definition to check `StableHash`.
    static func fnv1a(_ text: String) -> String {
        let offsetBasis: UInt64 = 14_695_981_039_346_656_037
        let prime: UInt64 = 1_099_511_628_211
        let hash = text.utf8.reduce(offsetBasis) { ($0 ^ UInt64($1)) &* prime }
        return String(format: "%016llx", hash)
    }

    static let hashInputs = ["", "a", "foobar", "Mantissa ∑ 𝛼 é", String(repeating: "0123456789", count: 100)]

    @Test("StableHash is 64-bit FNV-1a over UTF-8, as 16 hex digits", arguments: hashInputs)
    func stableHash(_ input: String) {
        #expect(StableHash.hex(of: input) == Self.fnv1a(input))
        let bytes = Array(input.utf8)
        #expect(bytes.withUnsafeBytes { StableHash.hex(of: $0) } == Self.fnv1a(input), "the raw-bytes path agrees")
    }

    /// Test vectors published with the FNV specification (Fowler, Noll, Vo).
    @Test("StableHash gives FNV-1a's published test vectors", arguments: [
        ("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"),
    ])
    func publishedVectors(_ input: String, _ expected: String) {
        #expect(StableHash.hex(of: input) == expected)
    }

    @Test("the code hash is the same for the same lesson parsed twice")
    func hashStable() throws {
        let a = try parse(try text()), b = try parse(try text())
        #expect(SwiftGenerator.codeHash(of: a) == SwiftGenerator.codeHash(of: b))
        #expect(SwiftGenerator.source(for: a) == SwiftGenerator.source(for: b))
    }
}
