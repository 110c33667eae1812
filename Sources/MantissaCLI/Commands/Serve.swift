import ArgumentParser
import Foundation

/// Serves the site for an author: rebuilds when a lesson, a template or the engine
/// changes, and the open page reloads itself (or shows why the build failed).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site on this machine and rebuild it when the sources change.",
        discussion: """
        Watches Lessons/, Templates/ and Sources/. On a change it runs `mantissa build` (after \
        `swift build -c release` when a source or a lesson's code changed); the page in the \
        browser reloads when that succeeds and \
        shows the compiler's or the lesson's error when it does not. Only for writing: \
        the site itself needs no server.
        """
    )

    @OptionGroup var book: BookOptions

    @Option(parsing: .unconditional, help: "The port to listen on (on 127.0.0.1); 0 picks a free one and prints it.")
    var port: UInt16 = 8000

    @Option(help: "The site folder to serve, relative to the current folder.")
    var output: String = "site"

    func run() async throws {
        let root = book.rootURL()
        let site = URL(fileURLWithPath: output).standardizedFileURL
        let status = ServeStatus()
        let rebuilder = Rebuilder(root: root, output: output, status: status)
        let reloadScript = try Data(contentsOf: root.appending(path: "Templates/serve/reload.js"))
        // Bind first: a taken port is reported before any build or announcement.
        let server: LocalServer
        do {
            server = try LocalServer(port: port)
        } catch let error as ServeError {
            FileHandle.standardError.write(Data("mantissa serve: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if !FileManager.default.fileExists(atPath: site.appending(path: "index.html").path) {
            await rebuilder.rebuild()
        }
        let files = SiteFiles(root: site)
        let watcher = Task { await rebuilder.watch() }
        defer { watcher.cancel() }
        say("serving \(output)/ at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        let thread = Thread {
            server.run { request in
                switch request.path {
                case "/__mantissa/status": LocalServer.Response(status: 200, contentType: "application/json", body: status.json())
                case "/__mantissa/reload.js": LocalServer.Response(status: 200, contentType: "text/javascript; charset=utf-8", body: reloadScript)
                default: files.response(request)
                }
            }
        }
        thread.start()
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
