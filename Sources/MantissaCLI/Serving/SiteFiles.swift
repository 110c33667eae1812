import Foundation

/// Files of the site; HTML pages get the reload script. Nothing outside the site folder is
/// served: not through `..`, and not through a symbolic link that leads out of it.
struct SiteFiles: Sendable {
    let root: URL

    func response(_ request: LocalServer.Request) -> LocalServer.Response {
        var path = request.path
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/").map(String.init)
        let notFound = LocalServer.Response.text(404, "not found: \(String(path.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))\n")
        guard !parts.contains(".."), !parts.isEmpty else { return notFound }
        let file = parts.reduce(root) { $0.appending(path: $1) }
        let inside = root.resolvingSymlinksInPath().path + "/"
        guard file.resolvingSymlinksInPath().path.hasPrefix(inside), var data = try? Data(contentsOf: file) else {
            return notFound
        }
        if file.pathExtension == "html", let range = data.range(of: Data("</body>".utf8), options: .backwards) {
            data.replaceSubrange(range, with: Data("<script src=\"/__mantissa/reload.js\"></script>\n</body>".utf8))
        }
        return LocalServer.Response(status: 200, contentType: Self.contentType(file.pathExtension), body: data)
    }

    static func contentType(_ pathExtension: String) -> String {
        switch pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "csv": "text/csv; charset=utf-8"
        case "png": "image/png"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        default: "application/octet-stream"
        }
    }
}
