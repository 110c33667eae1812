import Foundation
import Testing

/// The committed `site/` is exactly what `mantissa build` produces from the sources.
@Suite struct SiteFreshnessTests {
    static func files(under root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        let prefix = root.resolvingSymlinksInPath().path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path] = try? Data(contentsOf: url)
        }
        return files
    }

    @Test("site/ is what the sources build, byte for byte")
    func siteIsFresh() async throws {
        let outcome = try await BookBuild.shared.outcome()
        try #require(outcome.run.status == 0, "mantissa build failed:\n\(outcome.run.stderr)")
        let fresh = outcome.site
        let built = Self.files(under: fresh)
        let committed = Self.files(under: Paths.root.appending(path: "site"))
        let differing = Set(built.keys).union(committed.keys).sorted().filter { built[$0] != committed[$0] }
        #expect(differing.isEmpty, "site/ is stale in \(differing.count) file(s), e.g. \(differing.prefix(8)); run `make site` and commit site/")
    }

    @Test("site/ holds no symbolic links and no absolute paths of this machine")
    func sitePortable() throws {
        let site = Paths.root.appending(path: "site")
        let walker = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isSymbolicLinkKey])
        var links: [String] = []
        var leaks: [String] = []
        let root = Data(Paths.root.path.utf8)
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true { links.append(url.lastPathComponent) }
            if let data = try? Data(contentsOf: url), data.range(of: root) != nil { leaks.append(url.lastPathComponent) }
        }
        #expect(links.isEmpty, "symbolic links in site/: \(links)")
        #expect(leaks.isEmpty, "files naming \(Paths.root.path): \(leaks)")
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "index.html").path))
    }
}
