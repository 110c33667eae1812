import Foundation
import Testing

/// Where things are: the package root (from this file's path) and the folder of the
/// release binaries (beside this test bundle, which `make test` builds first).
enum Paths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    static func binary(_ name: String) -> URL { binaries.appending(path: name) }

    /// What `swiftc -typecheck` needs, beyond the built modules, to import a lesson's
    /// modules on its own: the `COpenBLAS` module map and OpenBLAS's header folder, and the
    /// module map SwiftPM generated for `Precision`'s C target `CRoundingAVX2`.
    static var systemLibraryFlags: [String] {
        let cflags = (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["pkg-config", "--cflags-only-I", "openblas"]))?.stdout ?? ""
        let includes = cflags.split(separator: " ").map(String.init).filter { $0.hasPrefix("-I") }
        let rounding = binaries.appending(path: "CRoundingAVX2.build/module.modulemap").path
        return ["-I", root.appending(path: "Sources/COpenBLAS").path] + includes.flatMap { ["-Xcc", $0] }
            + ["-Xcc", "-fmodule-map-file=\(rounding)"]
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "mantissa-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// What a finished command printed and how it ended.
struct Run: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a command to completion in `directory`, capturing its output through files.
func run(_ executable: URL, _ arguments: [String], in directory: URL = Paths.root) throws -> Run {
    let scratch = try Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appending(path: "out"), err = scratch.appending(path: "err")
    try Data().write(to: out)
    try Data().write(to: err)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return Run(status: process.terminationStatus,
               stdout: try String(contentsOf: out, encoding: .utf8),
               stderr: try String(contentsOf: err, encoding: .utf8))
}

/// Lets at most `limit` lesson processes run at once: lessons train models, and the
/// machine may have two cores.
actor Gate {
    static let lessons = Gate(limit: 2)
    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if running < limit { running += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    nonisolated func run<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
        await enter()
        let result = Result { try body() }
        await leave()
        return try result.get()
    }
}
