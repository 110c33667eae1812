import Foundation
import Testing

/// A small book of two lessons that always succeed (`Tests/Fixtures/CacheBook`), copied with
/// the templates into a temporary root of its own, and a folder of binaries holding a copy
/// of `mantissa-cachebook` with the core's object folders linked beside it, as SwiftPM lays
/// them out. Builds of the copy touch nothing of the package's.
struct CacheBookCopy {
    /// The book's lessons, relative to the package root.
    static let book = "Tests/Fixtures/CacheBook/Lessons"

    let root: URL
    let binaries: URL
    var executable: URL { binaries.appending(path: "mantissa-cachebook") }
    /// Where ``build()`` writes the site.
    var site: URL { root.appending(path: "site") }

    init() throws {
        let fm = FileManager.default
        root = try Paths.temporaryDirectory()
        let lessons = root.appending(path: Self.book)
        try fm.createDirectory(at: lessons.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: Paths.root.appending(path: Self.book), to: lessons)
        try fm.copyItem(at: Paths.root.appending(path: "Templates"), to: root.appending(path: "Templates"))
        binaries = root.appending(path: "bin")
        try fm.createDirectory(at: binaries, withIntermediateDirectories: true)
        try fm.copyItem(at: Paths.binary("mantissa-cachebook"), to: executable)
        // Every module's objects, as beside the real binary: the cache hashes those of its
        // core modules (the list is the command's own), whichever they are.
        for folder in try fm.contentsOfDirectory(atPath: Paths.binaries.path) where folder.hasSuffix(".build") {
            try fm.createSymbolicLink(at: binaries.appending(path: folder),
                                      withDestinationURL: Paths.binaries.appending(path: folder))
        }
    }

    /// Builds the book with the cache on; returns what the build printed.
    func build() throws -> String {
        let outcome = try run(executable, ["build", "--root", root.path,
                                           "--output", site.path], in: root)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stderr
    }

    /// Whether the build that printed `log` ran `lesson`.
    func ran(_ log: String, _ lesson: String = "01-first") -> Bool { log.contains("\(lesson) ok") }

    /// Changes the bytes of the executable without changing any code it runs, as
    /// relinking after an edit to another lesson does.
    ///
    /// The new bytes go to a file of their own, renamed over the old one: writing into an
    /// executable that a lesson process of the last build may still be leaving fails with
    /// "Text file busy", a rename never does.
    func relinkWithAnotherLessonChanged() throws {
        let relinked = binaries.appending(path: "mantissa-cachebook.relinked")
        try (try Data(contentsOf: executable) + Data("another lesson changed".utf8)).write(to: relinked)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: relinked.path)
        guard rename(relinked.path, executable.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: executable.path])
        }
    }

    /// Replaces the link to `module`'s objects with a copy in which one object file
    /// differs, as recompiling an edited source of that module does.
    func recompile(_ module: String) throws {
        let fm = FileManager.default
        let folder = binaries.appending(path: "\(module).build")
        try fm.removeItem(at: folder)
        try fm.copyItem(at: Paths.binaries.appending(path: "\(module).build"), to: folder)
        let object = try #require(fm.subpaths(atPath: folder.path)?.sorted().first { $0.hasSuffix(".o") })
        let handle = try FileHandle(forWritingTo: folder.appending(path: object))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
