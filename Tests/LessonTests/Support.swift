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
    /// module map SwiftPM generated for every C target (`Precision`'s `CRoundingAVX2`,
    /// `Training`'s `CAdamAVX2`, …), found beside the binaries.
    static var systemLibraryFlags: [String] {
        let cflags = (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["pkg-config", "--cflags-only-I", "openblas"]))?.stdout ?? ""
        let includes = cflags.split(separator: " ").map(String.init).filter { $0.hasPrefix("-I") }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: binaries.path)) ?? []
        // `-tool` folders hold the same modules built again for the build plugins.
        let moduleMaps = folders.sorted().filter { !$0.hasSuffix("-tool.build") }
            .map { binaries.appending(path: "\($0)/module.modulemap") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
            .flatMap { ["-Xcc", "-fmodule-map-file=\($0.path)"] }
        return ["-I", root.appending(path: "Sources/COpenBLAS").path] + includes.flatMap { ["-Xcc", $0] } + moduleMaps
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
    try Started(executable, arguments, in: directory).wait()
}

/// A command started in the background, its output going to files (a chatty command cannot
/// fill a pipe and block), which are removed when it has been waited for.
final class Started {
    let process = Process()
    private let scratch: URL
    private var out: URL { scratch.appending(path: "out") }
    private var err: URL { scratch.appending(path: "err") }

    /// Starts `executable` in `directory`, with `environment` added to this process's.
    init(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        scratch = try Paths.temporaryDirectory()
        try Data().write(to: out)
        try Data().write(to: err)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    /// What it has written to standard error so far.
    var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

    /// Waits for it to end; returns how it ended and what it printed.
    func wait() throws -> Run {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: scratch) }
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
    }
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

    /// Runs `body` once `places` places are free (a build with two jobs takes two).
    nonisolated func run<T: Sendable>(places: Int = 1, _ body: @Sendable () throws -> T) async throws -> T {
        for _ in 0..<places { await enter() }
        let result = Result { try body() }
        for _ in 0..<places { await leave() }
        return try result.get()
    }
}
