import CChildProcess
import Foundation
import LessonRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion or until a time limit, capturing its output in files
/// (a chatty child cannot fill a pipe and block), and ends every process it started.
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

    /// Runs the program to its end, or until `seconds` have passed and it is killed.
    ///
    /// It runs as the leader of a session of its own (see ``ProcessSession``), so that what
    /// it starts can be found: when it ends, or its time is up, every process of the session
    /// is killed, those started through Foundation's `Process` (each in a group of its own)
    /// and those that ignore `SIGTERM` included. The end is seen by `waitid` on its id, not
    /// by a descriptor closing, so a process that inherited one (a crash's `swift-backtrace`,
    /// say) cannot keep this waiting; and the leader is reaped only after its session has been
    /// killed, so that the session's id cannot be reused meanwhile.
    func run(timeout seconds: Double) throws -> Outcome {
        let out = try CaptureFile(), err = try CaptureFile()
        let pid = try spawn(output: out.descriptor, error: err.descriptor)
        let ended = DispatchSemaphore(value: 0)
        Thread {
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
            ended.signal()
        }.start()
        let timedOut = ended.wait(timeout: .now() + seconds) == .timedOut
        if timedOut {
            repeat { ProcessSession.kill(pid) } while ended.wait(timeout: .now() + 1) == .timedOut
        }
        ProcessSession.kill(pid)  // what it left running
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // The wait status: a signal number in the low seven bits, else the exit status above them.
        let ending: Ending = timedOut ? .timedOut : status & 0x7f != 0 ? .signalled(status & 0x7f) : .exited((status >> 8) & 0xff)
        return Outcome(ending: ending, stdout: out.contents(), stderr: err.contents())
    }

    /// Starts the program in a new session, standard input reading nothing.
    private func spawn(output: Int32, error: Int32) throws -> pid_t {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(input) }
        // The child's parent watchdog compares its parent with this id.
        let own = [ParentWatchdog.parentVariable: String(getpid())]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(own) { $1 }
            .map { "\($0)=\($1)" }
        var pid: pid_t = 0
        let status = withCStrings([executable.path] + arguments) { argv in
            withCStrings(variables) { envp in
                mantissa_spawn_session(&pid, executable.path, argv, envp, directory?.path, input, output, error)
            }
        }
        guard status == 0 else { throw SpawnError(path: executable.path, reason: String(cString: strerror(status))) }
        return pid
    }
}

/// A program could not be started.
struct SpawnError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot start \(path): \(reason)" }
}

/// A file without a name (`tmpfile`) that a child process writes to: nothing is left on disk
/// however this process ends, and a chatty child cannot fill a pipe and block.
final class CaptureFile {
    private let file: UnsafeMutablePointer<FILE>

    init() throws {
        guard let file = tmpfile() else { throw SpawnError(path: "a temporary file", reason: String(cString: strerror(errno))) }
        self.file = file
    }

    deinit { fclose(file) }

    var descriptor: Int32 { fileno(file) }

    /// Everything written to the file.
    func contents() -> Data {
        let reader = FileHandle(fileDescriptor: dup(descriptor), closeOnDealloc: true)
        try? reader.seek(toOffset: 0)
        return (try? reader.readToEnd()) ?? Data()
    }
}

/// Calls `body` with `strings` as a C array of C strings, ended by a null pointer.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// This program's executable file: what lesson processes are started from, and what the
/// result cache hashes.
func thisExecutable() -> URL {
    Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
}
