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
enum ParentWatchdog {
    nonisolated(unsafe) private static var started = false

    static func start() {
        guard !started else { return }
        started = true
        let parent = getppid()
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
