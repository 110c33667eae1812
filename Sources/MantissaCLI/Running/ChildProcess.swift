import Foundation

/// Runs a program to completion or until a time limit, capturing its output in files
/// (a chatty child cannot fill a pipe and block).
struct ChildProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    struct Outcome {
        let ending: Ending
        let stdout: Data
        let stderr: Data
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    let executable: URL
    let arguments: [String]
    var directory: URL? = nil
    /// Added to this process's environment. Every child hashes deterministically, so a
    /// lesson that shows a `Set` or a `Dictionary` prints it in the same order every run, and
    /// runs OpenBLAS on one thread with one kernel (see ``reproducibleEnvironment``).
    var environment: [String: String] = Self.reproducibleEnvironment

    /// The environment that makes a lesson's output the same bytes on every machine:
    /// deterministic hashing, OpenBLAS on one thread, and on x86-64 OpenBLAS's Haswell
    /// kernels (AVX2), so every x86-64 machine with AVX2 sums matrix products in the same
    /// order. OpenBLAS reads these when it loads, so they must be set before the process
    /// starts.
    ///
    /// It also keeps freed memory in the process: every op allocates its result, and glibc's
    /// defaults return large blocks to the kernel (`munmap`, trimming the heap) only to
    /// fault them in and zero them again on the next step, which cost a training step about
    /// a quarter of its time. Blocks up to 32 MB come from the heap, and the heap is never
    /// trimmed. This changes no result, only where memory comes from.
    static let reproducibleEnvironment: [String: String] = {
        var environment = ["SWIFT_DETERMINISTIC_HASHING": "1", "OPENBLAS_NUM_THREADS": "1",
                           "MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "1073741824"]
        #if arch(x86_64)
        environment["OPENBLAS_CORETYPE"] = "Haswell"
        #endif
        return environment
    }()

    func run(timeout seconds: Double) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "mantissa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appending(path: "stdout"), errURL = scratch.appending(path: "stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()

        var timedOut = false
        if done.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        let ending: Ending = timedOut ? .timedOut
            : process.terminationReason == .uncaughtSignal ? .signalled(process.terminationStatus)
            : .exited(process.terminationStatus)
        return Outcome(ending: ending, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }
}

/// This program's executable file: what lesson processes are started from, and what the
/// result cache hashes.
func thisExecutable() -> URL {
    Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
}
