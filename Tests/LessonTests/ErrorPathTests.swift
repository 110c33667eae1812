import Foundation
import LessonResults
import Testing

/// The fixture book (`Tests/Fixtures/Lessons`) is compiled into `mantissa-fixtures`
/// exactly as the real book is into `mantissa`; each of its lessons breaks in one way,
/// and each break must be reported at the right Markdown line.
@Suite struct ErrorPathTests {
    static let fixtures = "Tests/Fixtures/Lessons/"

    /// `mantissa-fixtures check`, run once for the whole suite.
    static let check: Result<Run, any Error> = Result {
        try run(Paths.binary("mantissa-fixtures"), ["check", "--timeout", "3"])
    }

    func checkRun() throws -> Run { try Self.check.get() }

    func runLesson(_ id: String, root: URL = Paths.root) throws -> LessonResult {
        let outcome = try run(Paths.binary("mantissa-fixtures"), ["run-lesson", id, "--root", root.path, "--timeout", "60"])
        try #require(outcome.status == 0, "run-lesson \(id): \(outcome.stderr)")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(LessonResult.self, from: Data(outcome.stdout.utf8))
    }

    @Test("check fails when any lesson fails") func checkFails() throws {
        #expect(try checkRun().status != 0)
    }

    @Test("each broken lesson is reported at its file and line", arguments: [
        "Tests/Fixtures/Lessons/02-false-claim.md:9: claim failed: one equals two",
        "Tests/Fixtures/Lessons/03-trap.md:14: trapped: cell 1: Fatal error: Index out of range",
        "Tests/Fixtures/Lessons/04-hang.md:7: timed out: stopped after 3 s in cell 0",
        "Tests/Fixtures/Lessons/05-fails-succeeds.md:7: fails cell did not fail",
        "Tests/Fixtures/Lessons/06-throws.md:7: error thrown: the data is broken",
        "Tests/Fixtures/Lessons/07-hanging-fails.md:7: timed out: stopped after 3 s",
        "Tests/Fixtures/Lessons/09-hang-leaves-processes.md:7: timed out: stopped after 3 s in cell 0",
        "Tests/Fixtures/Lessons/10-exits.md:13: crashed: the lesson exited (exit(0)) in cell 1, at line 13; cells must return",
    ])
    func located(_ expected: String) throws {
        let lines = try checkRun().stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(expected) }, "expected a line starting \(expected) in:\n\(lines.joined(separator: "\n"))")
    }

    @Test("a cell keeps the first 64 KiB it prints, cut at a character, and says how much it dropped")
    func printedTextIsCapped() throws {
        let result = try runLesson("11-prints-a-lot")
        #expect(result.failures.isEmpty)
        guard case .text(let flood)? = result.cell(0)?.outputs.first else {
            Issue.record("no printed text in \(String(describing: result.cell(0)))"); return
        }
        // 100,000 euro signs of three bytes each: 21,845 fit in 65,536 bytes, and the
        // byte left over would be the first third of the next one.
        let kept = String(repeating: "€", count: 21_845)
        #expect(flood.hasPrefix(kept) && !flood.hasPrefix(kept + "€"), "kept \(flood.prefix(while: { $0 == "€" }).count) characters")
        #expect(!flood.contains("\u{FFFD}"), "no character is cut in two")
        #expect(flood.hasSuffix("\n[output truncated after 65535 bytes: 234465 more bytes were printed; a cell keeps at most 65536]\n"),
                "\(flood.suffix(200))")
        #expect(result.cell(1)?.outputs == [.text("after the flood\n")], "the next cell starts a fresh budget")
    }

    @Test("a lesson with every kind of cell passes") func goodLessonPasses() throws {
        let stderr = try checkRun().stderr
        #expect(!stderr.contains("01-all-cells.md:"), "\(stderr)")
    }

    @Test("outputs of every cell kind") func everyCellKind() throws {
        let result = try runLesson("01-all-cells")
        #expect(result.failures.isEmpty)
        // Cell 0 is the `file` cell and cell 3 is `norun`: neither produces output.
        #expect(result.cells.map(\.index) == [1, 2, 4, 5])
        let first = try #require(result.cell(1))
        #expect(first.outputs.first == .text("the answer is 42\n"))
        #expect(first.outputs.contains(.table(Table(columns: ["name", "value"], rows: [["one", "1"], ["two", "2.5"]], numeric: [false, true],
                                                    columnWordings: [LocalizedText(template: "name"), LocalizedText(template: "value")]))))
        #expect(result.claims == [Claim(text: "the answer is 42", passed: true, line: 19,
                                        wording: LocalizedText(template: "the answer is 42"))])
        #expect(result.cell(2)?.outputs == [.text("2.5\n")])
        #expect(result.cell(4)?.outputs == [.failure(FailureOutput(kind: .thrown, message: "Oops()"))])
        #expect(result.cell(5)?.outputs == [.failure(FailureOutput(kind: .trapped, message: "Fatal error: Index out of range",
                                                                   location: "\(Self.fixtures)01-all-cells.md:37"))])
        #expect(result.inlines.map(\.text) == ["42", "43", "text"])
    }

    /// Runs fixture lesson 02 from a copy of it in a fresh root, edited by `edit`.
    func runEditedCopy(_ edit: (String) -> String) throws -> LessonResult {
        let root = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appending(path: Self.fixtures)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try String(contentsOf: Paths.root.appending(path: Self.fixtures + "02-false-claim.md"), encoding: .utf8)
        try edit(original).write(to: folder.appending(path: "02-false-claim.md"), atomically: true, encoding: .utf8)
        return try runLesson("02-false-claim", root: root)
    }

    @Test("a lesson edited since the build is refused") func staleLesson() throws {
        let result = try runEditedCopy { $0.replacingOccurrences(of: "1 == 2", with: "2 == 2") }
        #expect(result.failures.map(\.kind) == [.stale])
        #expect(result.failures.first?.message.contains("rebuild") == true)
        #expect(result.cells.isEmpty, "a stale lesson must not run")
    }

    @Test("a prose edit that keeps the lines is not stale") func proseEdit() throws {
        let result = try runEditedCopy { $0.replacingOccurrences(of: "do not collide", with: "never collide") }
        #expect(result.failures.map(\.kind) == [.claimFailed])
    }

    @Test("a failing build leaves the site untouched") func failedBuildWritesNothing() throws {
        let root = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appending(path: "site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: site.appending(path: "index.html"))
        try Data().write(to: site.appending(path: ".mantissa-site"))
        let outcome = try run(Paths.binary("mantissa-fixtures"), ["build", "--timeout", "3", "--output", site.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("site not written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted() == [".mantissa-site", "index.html"])
        #expect(try Data(contentsOf: site.appending(path: "index.html")) == Data("old".utf8))
    }

    @Test("an unknown lesson id is a clear error") func unknownLesson() throws {
        let outcome = try run(Paths.binary("mantissa-fixtures"), ["run-lesson", "99-nope"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no lesson '99-nope'"))
        #expect(outcome.stderr.contains("01-all-cells"), "the message lists the lessons there are")
    }
}
