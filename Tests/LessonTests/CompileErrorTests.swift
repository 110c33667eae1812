import Foundation
import Testing

/// Mistakes caught before a lesson runs: by `LessonCodegen` (the build-tool plugin's
/// tool) and by the compiler, each at the Markdown line, in the compact `llvm` style.
@Suite struct CompileErrorTests {
    /// Writes `markdown` as `Lessons/<name>` under a fresh root and runs the generator on it.
    func generate(_ markdown: String, name: String = "01-bad.md") throws -> (Run, URL) {
        let root = try Paths.temporaryDirectory()
        let lessons = root.appending(path: "Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try markdown.write(to: lessons.appending(path: name), atomically: true, encoding: .utf8)
        let output = root.appending(path: "generated.swift")
        let outcome = try run(Paths.binary("LessonCodegen"),
                              ["lesson", "--root", root.path, lessons.appending(path: name).path, output.path], in: root)
        return (outcome, root)
    }

    /// The compiler's diagnostics for `generated.swift` in `root`, in the compact `llvm`
    /// style; the compile must fail.
    func typecheck(in root: URL) throws -> String {
        let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc"
        let outcome = try run(URL(fileURLWithPath: "/usr/bin/env"), [
            swiftc, "-typecheck", "-diagnostic-style", "llvm",
            "-I", Paths.binaries.appending(path: "Modules").path,
            "-module-cache-path", root.appending(path: "cache").path,
            "generated.swift",
        ] + Paths.systemLibraryFlags, in: root)
        #expect(outcome.status != 0)
        return outcome.stdout + outcome.stderr
    }

    static let header = "---\ntitle: Bad\nsummary: A lesson with a mistake.\n---\n\n"

    @Test("an unknown cell option names the file, the line and the options")
    func unknownOption() throws {
        let (outcome, root) = try generate(Self.header + "```swift fast\nlet x = 1\n```\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Lessons/01-bad.md:6: error: unknown cell option 'fast'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("hide, norun, fails, file"))
    }

    @Test("an unterminated fence is an error at its line")
    func unterminatedFence() throws {
        let (outcome, root) = try generate(Self.header + "Some prose.\n\n```swift\nlet x = 1\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Lessons/01-bad.md:8: error: unterminated code fence"), "\(outcome.stderr)")
    }

    @Test("two lessons with one number are an error naming both")
    func duplicateNumbers() throws {
        let root = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appending(path: "registry.swift")
        let paths = ["Lessons/02-one.md", "Lessons/02-two.md"].map { root.appending(path: $0).path }
        let outcome = try run(Paths.binary("LessonCodegen"), ["registry", "--root", root.path, output.path] + paths, in: root)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Lessons/02-two.md:1: error: two lessons are numbered 2: Lessons/02-one.md and Lessons/02-two.md"), "\(outcome.stderr)")
    }

    @Test("a compile error in a cell points at the Markdown line, compactly")
    func compileError() throws {
        let (generated, root) = try generate(Self.header + "Prose.\n\n```swift\nlet x: Int = \"not a number\"\n```\n")
        defer { try? FileManager.default.removeItem(at: root) }
        try #require(generated.status == 0, "\(generated.stderr)")
        let diagnostics = try typecheck(in: root)
        #expect(diagnostics.contains("Lessons/01-bad.md:9:14: error: cannot convert value of type 'String' to specified type 'Int'"), "\(diagnostics)")
        #expect(diagnostics.contains("let x: Int = \"not a number\""), "the .md line is quoted under the message")
        #expect(!diagnostics.contains("generated.swift:"), "no error points into generated code")
    }

    @Test("an inline value that does not compile is reported at its Markdown line, quoting the expression")
    func inlineCompileError() throws {
        let (generated, root) = try generate(Self.header + "```swift\nlet count = 3\n```\n\nThere are `{swift} count + \"a\"` of them.\n")
        defer { try? FileManager.default.removeItem(at: root) }
        try #require(generated.status == 0, "\(generated.stderr)")
        let diagnostics = try typecheck(in: root)
        #expect(diagnostics.contains("Lessons/01-bad.md:10:7: error: binary operator '+' cannot be applied"), "\(diagnostics)")
        #expect(diagnostics.contains("\ncount + \"a\"\n"), "the expression is quoted, alone: \(diagnostics)")
        #expect(!diagnostics.contains("__inline"), "no generated name is shown")
    }
}
