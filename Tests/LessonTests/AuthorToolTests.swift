import Foundation
import Glibc
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

    /// A `mantissa serve` of `folder` (the book's site by default) on a port the system
    /// chooses, read from what it prints; stopped when `body` returns.
    func withServer(output: String = "site", _ body: (_ port: Int, _ get: (String) throws -> (status: Int, type: String, body: String)) async throws -> Void) async throws {
        let process = Process()
        process.executableURL = Paths.binary("mantissa")
        process.arguments = ["serve", "--port", "0", "--output", output]
        process.currentDirectoryURL = Paths.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var printed = ""
        while !printed.contains("\n") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(printed.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, "printed: \(printed)")
        #expect(port != 0, "--port 0 prints the port the system chose: \(printed)")
        func get(_ path: String) throws -> (status: Int, type: String, body: String) {
            let curl = try run(URL(fileURLWithPath: "/usr/bin/env"),
                               ["curl", "-s", "-w", "\n%{http_code} %{content_type}", "--path-as-is", "http://127.0.0.1:\(port)\(path)"])
            let lines = curl.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let last = (lines.last ?? "").split(separator: " ", maxSplits: 1).map(String.init)
            return (Int(last.first ?? "") ?? 0, last.count > 1 ? last[1] : "", lines.dropLast().joined(separator: "\n"))
        }
        try await body(port, get)
    }

    @Test("serve serves the site with the reload script, its status, and nothing outside the site")
    func serve() async throws {
        try await withServer { _, get in
            let page = try get("/")
            #expect(page.status == 200)
            #expect(page.body.contains("<script src=\"/__mantissa/reload.js\"></script>\n</body>"))
            #expect(try get("/ko/").body.contains("<html lang=\"ko\">"), "the Korean edition is served too")
            let status = try get("/__mantissa/status")
            #expect(status.status == 200 && status.body.contains("\"version\":0"), "\(status)")
            #expect(try get("/assets/style.css").status == 200)
            #expect(try get("/../Package.swift").status == 404)
            let missing = try get("/no-such-<page>.html")
            #expect(missing.status == 404 && missing.type.hasPrefix("text/plain"), "\(missing)")
        }
    }

    @Test("serve refuses a huge request line at once, and keeps serving")
    func longRequestLine() async throws {
        try await withServer { port, get in
            let start = Date()
            let reply = try RawHTTP.exchange(port: port, "GET /" + String(repeating: "a", count: 1_000_000) + " HTTP/1.1\r\n\r\n")
            #expect(reply.hasPrefix("HTTP/1.1 414"), "\(reply.prefix(80))")
            #expect(Date().timeIntervalSince(start) < 10, "refused without reading the whole line")
            #expect(try get("/").status == 200)
        }
    }

    @Test("serve does not follow a link out of the site folder")
    func symlinkOutside() async throws {
        let folder = try Paths.temporaryDirectory().appending(path: "served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<html><body>here</body></html>".utf8).write(to: folder.appending(path: "index.html"))
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "outside.swift"),
                                                   withDestinationURL: Paths.root.appending(path: "Package.swift"))
        try await withServer(output: folder.path) { _, get throws in
            #expect(try get("/index.html").status == 200)
            #expect(try get("/outside.swift").status == 404)
        }
    }

    @Test("serve on a port in use says so, before announcing anything")
    func portInUse() throws {
        let (socket, port) = try RawHTTP.listen()
        defer { close(socket) }
        let outcome = try run(Paths.binary("mantissa"), ["serve", "--port", String(port)], in: Paths.root)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("cannot listen on 127.0.0.1:\(port)"), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("serving"), "\(outcome.stdout)")
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

/// Plain sockets for what curl cannot send (a request line of a megabyte) and for holding
/// a port.
enum RawHTTP {
    /// A socket listening on 127.0.0.1 at a port the system chose.
    static func listen() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && Glibc.listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, ok else { throw POSIXError(.EADDRINUSE) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Sends `request` to 127.0.0.1:`port` (as much as the server takes) and returns what
    /// it answers.
    static func exchange(port: Int, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server answered and closed: the rest is refused
            sent += n
        }
        var reply = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            reply += chunk[..<n]
        }
        return String(decoding: reply, as: UTF8.self)
    }
}

