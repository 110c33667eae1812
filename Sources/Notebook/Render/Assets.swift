import Foundation

/// Files the site ships so it reads offline: the book's own CSS and JavaScript from
/// `Templates/assets/`, and KaTeX and lunr from `Templates/vendor/`. (Code is highlighted
/// when pages are rendered, by `SwiftHighlighter`; no script does it.)
///
/// The vendored files are copies of what Debian's `libjs-katex` and `libjs-lunr` install, with their licences and versions beside them
/// (`Templates/vendor/VERSIONS`); `Tools/refresh-vendor.sh` refreshes them. The build never
/// reads the installed packages, so the site's bytes cannot change with a point release of
/// one, and building needs none of them.
public enum Assets {
    /// A vendored file or folder, and where it goes in the site.
    public struct Source: Sendable {
        /// Where the file or folder is, relative to `Templates/vendor/`.
        public let path: String
        /// Where it goes in the site.
        public let destination: String
    }

    /// What the site takes from `Templates/vendor/`: KaTeX and lunr.
    public static let vendored: [Source] = [
        Source(path: "katex/katex.min.js", destination: "assets/katex/katex.min.js"),
        Source(path: "katex/katex.min.css", destination: "assets/katex/katex.min.css"),
        Source(path: "katex/fonts", destination: "assets/katex/fonts"),
        Source(path: "lunr/lunr.min.js", destination: "assets/lunr/lunr.min.js"),
    ]

    /// Adds every asset to `site`.
    ///
    /// - Throws: `AssetError` naming a missing file.
    public static func add(to site: inout Site, templates: URL) throws {
        try addTree(at: templates.appending(path: "assets"), as: "assets", to: &site)
        for source in vendored {
            try addTree(at: templates.appending(path: "vendor").appending(path: source.path), as: source.destination, to: &site)
        }
    }

    static func addTree(at url: URL, as destination: String, to site: inout Site) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw AssetError(path: url.path)
        }
        if isDirectory.boolValue {
            // Hidden files (editor swap files, .DS_Store) are not part of the site.
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where !name.hasPrefix(".") {
                try addTree(at: url.appending(path: name), as: destination + "/" + name, to: &site)
            }
        } else {
            site.add(destination, try Data(contentsOf: url))
        }
    }
}

/// A missing asset.
public struct AssetError: Error, CustomStringConvertible {
    /// The missing file or folder.
    public let path: String
    /// What is missing, and where vendored files come from.
    public var description: String {
        "missing \(path): the site's assets are Templates/assets/ and Templates/vendor/ (Tools/refresh-vendor.sh restores the vendored ones)"
    }
}
