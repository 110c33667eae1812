import Foundation
import Notebook
import Testing

/// Writing a site replaces a folder only when it is a site written before, or empty; never a
/// file, never a folder of other files.
@Suite("Writing the site") struct SiteWriteTests {
    /// Calls `body` with a new empty folder, removed afterwards.
    func inScratch(_ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "mantissa-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    /// The text of `folder`'s index page.
    func page(in folder: URL) throws -> String {
        try String(contentsOf: folder.appending(path: "index.html"), encoding: .utf8)
    }

    func site(_ text: String) -> Site {
        var site = Site()
        site.add("index.html", text: text)
        return site
    }

    @Test("a folder of other files is refused and left as it was")
    func refusesForeignFolder() throws {
        try inScratch { root in
            let notes = root.appending(path: "notes.txt")
            try Data("mine".utf8).write(to: notes)
            #expect(throws: SiteError.self) { try site("new").write(to: root) }
            #expect(try Data(contentsOf: notes) == Data("mine".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes.txt"])
        }
    }

    @Test("a file is refused and keeps its bytes")
    func refusesFile() throws {
        try inScratch { root in
            let readme = root.appending(path: "README.md")
            try Data("# My project\n".utf8).write(to: readme)
            let error = try #require(throws: SiteError.self) { try site("new").write(to: readme) }
            #expect(error.description.contains("README.md is a file"), "\(error)")
            #expect(try Data(contentsOf: readme) == Data("# My project\n".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["README.md"], "no staging folder left")
        }
    }

    @Test("a folder with the files of a site but no marker is refused")
    func refusesUnmarkedSite() throws {
        try inScratch { root in
            let script = root.appending(path: "assets/book.js")
            try FileManager.default.createDirectory(at: script.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: script)
            let error = try #require(throws: SiteError.self) { try site("new").write(to: root) }
            #expect(error.description.contains("has no \(Site.marker)"), "\(error)")
            #expect(try Data(contentsOf: script) == Data("mine".utf8))
        }
    }

    @Test("a link to a site is written through: the link stays, the folder it names is replaced")
    func followsLink() throws {
        try inScratch { parent in
            let folder = parent.appending(path: "real"), link = parent.appending(path: "site")
            try site("first").write(to: folder)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
            try site("second").write(to: link)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == folder.path)
            #expect(try page(in: folder) == "second")
        }
    }

    @Test("what a killed writer left is removed; an old site left outside the folder is put back")
    func removesLeftovers() throws {
        try inScratch { parent in
            let folder = parent.appending(path: "site")
            // No process has the largest id; process 1 always runs.
            let dead = Int32.max
            try site("old").write(to: parent.appending(path: ".site.old-\(dead)"))
            try site("half").write(to: parent.appending(path: ".site.new-\(dead)"))
            try site("running").write(to: parent.appending(path: ".site.new-1"))
            SiteFolder(folder).removeLeftovers()
            #expect(try page(in: folder) == "old")
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [".site.new-1", "site"])
            try site("new").write(to: folder)
            #expect(try page(in: folder) == "new")
        }
    }

    @Test("a new or empty folder is written; a site written before is replaced whole")
    func replacesOwnSite() throws {
        try inScratch { parent in
            let folder = parent.appending(path: "site")
            try site("first").write(to: folder)
            try Data("stale".utf8).write(to: folder.appending(path: "old-page.html"))
            try site("second").write(to: folder)
            #expect(try page(in: folder) == "second")
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "old-page.html").path))
            #expect(FileManager.default.fileExists(atPath: folder.appending(path: Site.marker).path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["site"], "no staging folder left")
        }
    }
}
