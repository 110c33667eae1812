import Foundation
import Notebook
import Testing

/// The site's KaTeX and lunr come from `Templates/vendor/`, never from the
/// packages installed on the machine, so the site's bytes cannot drift with them.
@Suite struct AssetTests {
    /// A copy of `Templates/` in a temporary folder, changed by `edit`.
    func templates(_ edit: (URL) throws -> Void) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "mantissa-assets-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appending(path: "Templates"), to: folder)
        try edit(folder)
        return folder
    }

    @Test("the vendored files are what the site ships, byte for byte")
    func vendoredBytes() throws {
        let folder = try templates { folder in
            try Data("// the vendored copy\n".utf8).write(to: folder.appending(path: "vendor/lunr/lunr.min.js"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = try Book.load(root: Fixture.books.appending(path: "korean"), directory: "lessons")
        let site = try SiteRenderer(templates: folder).render(book, results: [:])
        #expect(site.files["assets/lunr/lunr.min.js"] == Data("// the vendored copy\n".utf8))
        let committed = try Data(contentsOf: Fixture.packageRoot.appending(path: "Templates/vendor/katex/katex.min.js"))
        #expect(site.files["assets/katex/katex.min.js"] == committed)
        #expect(site.files.keys.contains { $0.hasPrefix("assets/katex/fonts/") })
        #expect(!site.files.keys.contains { $0.contains("licences") || $0.hasSuffix("VERSIONS") }, "licences stay in the sources")
    }

    @Test("a missing vendored file is named, with how to restore it")
    func missingFile() throws {
        let folder = try templates { folder in
            try FileManager.default.removeItem(at: folder.appending(path: "vendor/lunr/lunr.min.js"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = try Book.load(root: Fixture.books.appending(path: "korean"), directory: "lessons")
        #expect {
            _ = try SiteRenderer(templates: folder).render(book, results: [:])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("vendor/lunr/lunr.min.js") && text.contains("Tools/refresh-vendor.sh")
        }
    }

    @Test("every vendored package has its licence and version recorded")
    func licences() throws {
        let vendor = Fixture.packageRoot.appending(path: "Templates/vendor")
        let versions = try String(contentsOf: vendor.appending(path: "VERSIONS"), encoding: .utf8)
        for package in ["libjs-katex", "libjs-lunr"] {
            #expect(versions.contains("\n\(package) "), "\(package) in VERSIONS")
            #expect(FileManager.default.fileExists(atPath: vendor.appending(path: "licences/\(package).copyright").path))
        }
        let shipped = try FileManager.default.contentsOfDirectory(atPath: vendor.appending(path: "licences").path)
        #expect(shipped.sorted() == ["libjs-katex.copyright", "libjs-lunr.copyright"], "no licence of a package not shipped")
    }
}
