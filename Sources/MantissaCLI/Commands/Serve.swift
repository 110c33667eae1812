import ArgumentParser
import FlyingFox
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

    @Option(parsing: .unconditional, help: "The port to listen on (on 127.0.0.1).")
    var port: UInt16 = 8000

    @Option(help: "The site folder to serve, relative to the current folder.")
    var output: String = "site"

    func run() async throws {
        let root = book.rootURL()
        let site = URL(fileURLWithPath: output).standardizedFileURL
        let status = ServeStatus()
        let rebuilder = Rebuilder(root: root, output: output, status: status)
        if !FileManager.default.fileExists(atPath: site.appending(path: "index.html").path) {
            await rebuilder.rebuild()
        }
        let reloadScript = try Data(contentsOf: root.appending(path: "Templates/serve/reload.js"))
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port))
        await server.appendRoute("GET /__mantissa/status") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: await status.json())
        }
        await server.appendRoute("GET /__mantissa/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript"], body: reloadScript)
        }
        await server.appendRoute("GET *", to: SiteFiles(root: site))
        say("serving \(output)/ at http://127.0.0.1:\(port)/ (Ctrl-C stops)")
        let watcher = Task { await rebuilder.watch() }
        defer { watcher.cancel() }
        try await server.run()
    }
}
