import Foundation

/// Prints a line at once, even when standard output is a file or a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Polls the sources five times a second and rebuilds when they change.
///
/// A change to `Sources/` is compiled first. Any other change (prose, a cell, a template) is
/// tried with the binary as it is: `mantissa build` re-renders an edited page from cached
/// outputs in a fraction of a second, and refuses a lesson whose code changed since the
/// binary was built (it is "stale"), in which case the sources are compiled and the build
/// runs again.
struct Rebuilder {
    let root: URL
    let output: String
    let status: ServeStatus

    func watch() async {
        var last = fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            let now = fingerprint()
            if now != last {
                let changed = Set(now.keys.filter { now[$0] != last[$0] } + last.keys.filter { now[$0] == nil })
                let sources = root.appending(path: "Sources").standardizedFileURL.path + "/"
                await rebuild(compileFirst: changed.contains { $0.hasPrefix(sources) })
                last = fingerprint()
            }
        }
    }

    /// Sizes and modification times of every file under the watched folders.
    func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        for folder in ["Lessons", "Templates", "Sources"] {
            let url = root.appending(path: folder).standardizedFileURL
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])
            while let file = walker?.nextObject() as? URL {
                let values = try? file.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                result[file.standardizedFileURL.path] = "\(values?.fileSize ?? -1) \(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return result
    }

    func rebuild(compileFirst: Bool = true) async {
        say("change seen: rebuilding")
        if !compileFirst {
            let build = buildSite()
            if build?.ending == .exited(0) { return await finished(build) }
            // A lesson whose code changed (or a new lesson) needs the compiler.
            guard build?.stderrText.contains(": stale: ") == true else { return await finished(build) }
        }
        let compile = try? ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                        arguments: ["swift", "build", "-c", "release"], directory: root).run(timeout: 1800)
        guard let compile, compile.ending == .exited(0) else {
            let text = String(decoding: (compile?.stdout ?? Data()) + (compile?.stderr ?? Data()), as: UTF8.self)
            status.finished(error: Self.compilerErrors(text))
            say("the build failed; the page shows why")
            return
        }
        await finished(buildSite())
    }

    /// Runs `mantissa build` with the binary as it is now.
    func buildSite() -> ChildProcess.Outcome? {
        let binary = root.appending(path: ".build/release/mantissa")
        return try? ChildProcess(executable: binary, arguments: ["build", "--root", root.path, "--output", output],
                                 directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).run(timeout: 3600)
    }

    /// Tells the page how the build ended.
    func finished(_ build: ChildProcess.Outcome?) async {
        let failed = build?.ending != .exited(0)
        status.finished(error: failed ? (build?.stderrText ?? "mantissa build could not start") : nil)
        say(failed ? "a lesson failed; the page shows why" : "rebuilt")
    }

    /// The compiler's messages from the first error on, not the whole build log.
    static func compilerErrors(_ log: String) -> String {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.contains("error:") }) else { return String(log.suffix(4000)) }
        return lines[first...].prefix(80).joined(separator: "\n")
    }
}
