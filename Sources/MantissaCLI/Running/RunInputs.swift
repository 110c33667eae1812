import Foundation
import Notebook

/// What a lesson's outputs depend on besides its own code, as hashes: the compiled core the
/// lesson links and the data lessons read. ``ResultCache`` keys every result by these and by
/// the lesson's code hash, so an edit to one lesson reruns that lesson only, and an edit to
/// the core or to `Lessons/data/` reruns every lesson.
///
/// ## Why object files
/// Every lesson is linked into one executable, so the executable's own bytes change with any
/// cell of any lesson and cannot be the key. The core is hashed instead as it was compiled:
/// the object files of ``coreModules``, which SwiftPM keeps beside the executable in
/// `<module>.build/`. Compiled code reflects the sources, the compiler version and the flags
/// together, and a rebuild that produces the same code (a touched file, a comment) keeps the
/// cache. The shared libraries the process loaded (OpenBLAS, libm, the Swift runtime) are
/// keyed by path, size and modification time, so an upgraded package reruns everything too.
/// Where no object files are found (a binary copied elsewhere), the executable's bytes are
/// the key, as before: never reused wrongly, only rerun more often.
struct RunInputs: Equatable {
    /// The modules whose compiled code a lesson's results depend on: the numeric core (with
    /// its C loops: Precision's rounding, Training's Adam), the figures, the lesson API and
    /// runner, the result format, and the command line that runs `fails` cells and reports
    /// traps.
    static let coreModules = ["Precision", "CRoundingAVX2", "Training", "CAdamAVX2", "Charts", "LessonRuntime",
                              "LessonResults", "MantissaCLI"]

    /// The hash of the compiled core and the libraries it loaded.
    let core: String
    /// The hash of every file under the book's `data/` folder (names and contents).
    let data: String

    init(executable: URL, dataDirectory: URL) {
        core = Self.coreHash(binaries: executable.deletingLastPathComponent())
            ?? Self.fileHash([executable])
        let files = (FileManager.default.subpaths(atPath: dataDirectory.path) ?? []).sorted()
            .map { dataDirectory.appending(path: $0) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        data = Self.fileHash(files, relativeTo: dataDirectory)
    }

    /// The hash of every `.o` file under `<module>.build/` for each core module in
    /// `binaries`, and of the shared libraries this process has loaded; nil when a module's
    /// object files are missing.
    static func coreHash(binaries: URL) -> String? {
        var objects: [URL] = []
        for module in coreModules {
            let folder = binaries.appending(path: "\(module).build").resolvingSymlinksInPath()
            let found = (FileManager.default.subpaths(atPath: folder.path) ?? [])
                .filter { $0.hasSuffix(".o") }.sorted().map { folder.appending(path: $0) }
            guard !found.isEmpty else { return nil }
            objects += found
        }
        return fileHash(objects, extra: loadedLibraries())
    }

    /// One hash of the files' names (relative to `base`) and contents, then `extra`: each
    /// file is hashed on its own, then the list of names and hashes.
    static func fileHash(_ files: [URL], relativeTo base: URL? = nil, extra: String = "") -> String {
        var listing = ""
        for file in files {
            let path = file.standardizedFileURL.path
            // Object files are named by their module folder and file; data files by their
            // path inside the data folder.
            let name = base.map { path.dropFirst($0.standardizedFileURL.path.count) }
                ?? file.pathComponents.suffix(2).joined(separator: "/")[...]
            let contents = (try? Data(contentsOf: file)).map { $0.withUnsafeBytes { StableHash.hex(of: $0) } } ?? "missing"
            listing += "\(name) \(contents)\n"
        }
        return StableHash.hex(of: listing + extra)
    }

    /// `path size mtime` of every shared library mapped into this process, sorted (empty
    /// where `/proc` is not available).
    static func loadedLibraries() -> String {
        // Read to the end: /proc files report a size of 0, and a single read stops at a page.
        guard let file = FileHandle(forReadingAtPath: "/proc/self/maps"),
              let bytes = try? file.readToEnd() else { return "" }
        try? file.close()
        let maps = String(decoding: bytes, as: UTF8.self)
        let paths = Set(maps.split(separator: "\n").compactMap { line -> String? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = String(line[slash...])
            return path.contains(".so") ? path : nil
        })
        return paths.sorted().map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? Int) ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(path) \(size) \(Int(modified))\n"
        }.joined()
    }
}
