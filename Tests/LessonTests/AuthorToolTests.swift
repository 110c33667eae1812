import Foundation
import Testing

/// The commands an author uses while writing: `new`, `serve`, and the output cache.
@Suite struct AuthorToolTests {
    @Test("new creates the next numbered lesson, and its sample compiles")
    func newLesson() throws {
        let root = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let lessons = root.appending(path: "Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        for name in ["01-first.md", "03-third.md"] { try Data().write(to: lessons.appending(path: name)) }
        let created = try run(Paths.binary("mantissa"), ["new", "Loss scaling, part 2", "--root", root.path])
        try #require(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Lessons/04-loss-scaling-part-2.md"))
        let again = try run(Paths.binary("mantissa"), ["new", "Loss scaling, part 2", "--root", root.path])
        #expect(again.status == 0, "a second lesson of the same title gets the next number")

        let markdown = lessons.appending(path: "04-loss-scaling-part-2.md")
        let generated = root.appending(path: "generated.swift")
        let codegen = try run(Paths.binary("LessonCodegen"), ["lesson", "--root", root.path, markdown.path, generated.path], in: root)
        try #require(codegen.status == 0, "\(codegen.stderr)")
        let swiftc = ProcessInfo.processInfo.environment["SWIFTC"] ?? "swiftc"
        let typecheck = try run(URL(fileURLWithPath: "/usr/bin/env"), [
            swiftc, "-typecheck", "-I", Paths.binaries.appending(path: "Modules").path,
            "-module-cache-path", root.appending(path: "cache").path, "generated.swift",
        ] + Paths.systemLibraryFlags, in: root)
        #expect(typecheck.status == 0, "the new lesson's sample cell does not compile: \(typecheck.stderr)")
    }

    @Test("new writes a title with markup characters as text, not as HTML")
    func newEscapesTitle() throws {
        let root = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appending(path: "Lessons"), withIntermediateDirectories: true)
        let created = try run(Paths.binary("mantissa"), ["new", #"Scaling: "why" & <how> *not* $x$"#, "--root", root.path])
        try #require(created.status == 0, "\(created.stderr)")
        let text = try String(contentsOf: root.appending(path: "Lessons/01-scaling-why-how-not-x.md"), encoding: .utf8)
        #expect(text.contains(#"title: Scaling: "why" & <how> *not* $x$"#), "front matter keeps the title as typed")
        #expect(text.contains(#"# Scaling: "why" \& \<how\> \*not\* \$x\$"#), "\(text)")
    }

    @Test("new refuses a title with nothing to name a file after")
    func newBadTitle() throws {
        let outcome = try run(Paths.binary("mantissa"), ["new", "한국어", "--root", NSTemporaryDirectory()])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("ASCII letter or digit"))
    }

    @Test("serve serves the site with the reload script, its status, and nothing outside the site")
    func serve() async throws {
        let port = Int.random(in: 20000...40000)
        let process = Process()
        process.executableURL = Paths.binary("mantissa")
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = Paths.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        func get(_ path: String) async throws -> (Int, String) {
            let curl = try run(URL(fileURLWithPath: "/usr/bin/env"),
                               ["curl", "-s", "-w", "\n%{http_code}", "--path-as-is", "http://127.0.0.1:\(port)\(path)"])
            let lines = curl.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
        var page = (0, "")
        for _ in 0..<50 where page.0 != 200 {
            try await Task.sleep(for: .milliseconds(100))
            page = try await get("/")
        }
        #expect(page.0 == 200)
        #expect(page.1.contains("<script src=\"/__mantissa/reload.js\"></script>\n</body>"))
        let status = try await get("/__mantissa/status")
        #expect(status.0 == 200 && status.1.contains("\"version\":0"), "\(status)")
        #expect(try await get("/assets/style.css").0 == 200)
        #expect(try await get("/../Package.swift").0 == 404)
        #expect(try await get("/no-such-page.html").0 == 404)
    }

    @Test("an unchanged lesson's outputs are reused; --only runs it again")
    func cache() throws {
        // The small fixture book: the real one would run every chapter again beside the
        // lesson tests. CacheKeyTests covers what invalidates an entry.
        let book = try CacheBookCopy()
        defer { book.remove() }
        let first = try book.build()
        #expect(book.ran(first, "01-first") && book.ran(first, "02-second"), "\(first)")
        let firstPage = try Data(contentsOf: book.site.appending(path: "01-first.html"))
        let second = try book.build()
        #expect(second.contains("unchanged since their last run"), "\(second)")
        #expect(!second.contains(" ok "), "no lesson should run: \(second)")
        #expect(try Data(contentsOf: book.site.appending(path: "01-first.html")) == firstPage,
                "cached outputs render the same page")
        let only = try run(book.executable, ["build", "--root", book.root.path, "--only", "01-first",
                                             "--output", book.site.path], in: book.root)
        #expect(only.status == 0, "\(only.stderr)")
        #expect(book.ran(only.stderr, "01-first") && !book.ran(only.stderr, "02-second"), "\(only.stderr)")
        #expect(try Data(contentsOf: book.site.appending(path: "01-first.html")) == firstPage,
                "a rerun lesson renders the same page")
    }
}
