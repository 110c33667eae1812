import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ends this process when the process that started it is gone. A lesson process whose
/// parent was killed must not run on, orphaned, with a hung cell, nor leave running what
/// its cells started: a thread checks the parent once every quarter of a second, and when
/// it is gone kills the rest of this process's session (see ``ProcessSession``) and exits.
///
/// The parent is the one named by ``parentVariable``, which the build sets when it starts a
/// lesson, so a build killed before this process looked (the child already re-parented) is
/// seen at the first check. Without it (`run-lesson` typed by hand) the parent is the one
/// this process has when the watchdog starts. The variable is removed, so what a cell
/// starts does not inherit it.
public enum ParentWatchdog {
    nonisolated(unsafe) private static var started = false

    /// The environment variable that holds the id of the process that started this one; the
    /// command line sets it when it starts a lesson process.
    public static let parentVariable = "MANTISSA_PARENT_PID"

    static func start() {
        guard !started else { return }
        started = true
        let parent = ProcessInfo.processInfo.environment[parentVariable].flatMap { pid_t($0) } ?? getppid()
        unsetenv(parentVariable)
        let thread = Thread {
            while true {
                usleep(250_000)
                if getppid() != parent {
                    ProcessSession.killOthersIfLeader()
                    _exit(137)
                }
            }
        }
        thread.start()
    }
}
