import Foundation

/// A rendered site: every file's bytes by its path relative to the site's root.
public struct Site: Equatable, Sendable {
    /// Every file's bytes, by path relative to the site's root (`assets/charts.css`).
    public private(set) var files: [String: Data] = [:]

    /// An empty site.
    public init() {}

    /// Adds `data` at `path`, replacing any file already there.
    public mutating func add(_ path: String, _ data: Data) { files[path] = data }
    /// Adds `text`, as UTF-8, at `path`, replacing any file already there.
    public mutating func add(_ path: String, text: String) { files[path] = Data(text.utf8) }

    /// The file every written site holds, which marks a folder as one `write` may replace.
    public static let marker = ".mantissa-site"

    /// Writes the site to `destination` so that it is never seen half-written: everything
    /// goes to a hidden sibling folder first, which then takes the place of `destination` in
    /// one step where the file system allows (see ``SiteFolder``). What a killed writer left
    /// beside `destination` is removed first.
    ///
    /// - Throws: `SiteError` if `destination` is a file or anything else that is not a
    ///   folder, or a folder that is not empty and not a site written before (it has no
    ///   ``marker``): nothing but a site is ever replaced. Errors writing the new files.
    public func write(to destination: URL) throws {
        let folder = SiteFolder(destination)
        try folder.checkReplaceable()
        folder.removeLeftovers()
        let fm = FileManager.default
        let staging = folder.staging
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try Data("Written by mantissa build; the whole folder is replaced on the next build.\n".utf8)
                .write(to: staging.appending(path: Self.marker))
            for path in files.keys.sorted() {
                let url = staging.appending(path: path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
            try folder.replace(with: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
