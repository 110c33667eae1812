import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processes of a session: a lesson process leads one (the build starts it with
/// `POSIX_SPAWN_SETSID`), and whatever its cells start joins it and stays in it, even in a
/// process group of its own (Foundation's `Process` makes one for each child) and even when
/// its parent has ended; only a process that calls `setsid()` itself, as a daemon does,
/// leaves. Killing the session is how a lesson's time limit and its end reach everything
/// that descends from it.
public enum ProcessSession {
    /// Sends `SIGKILL` to every process of session `id` except `sparing`, again to those that
    /// started meanwhile, until none is left running (a process that has ended but not been
    /// waited for is not running), or two seconds have passed.
    ///
    /// On Linux the members are found in `/proc`; elsewhere only the session leader's process
    /// group is killed.
    public static func kill(_ id: pid_t, sparing: pid_t? = nil) {
        #if os(Linux)
        for _ in 0..<200 {
            let members = running(in: id).filter { $0 != sparing }
            if members.isEmpty { return }
            for pid in members { _ = sendSignal(pid, SIGKILL) }
            usleep(10_000)
        }
        #else
        _ = sendSignal(-id, SIGKILL)
        #endif
    }

    /// Kills the rest of this process's session if this process leads one; does nothing
    /// otherwise (a lesson run by hand from a shell is in the shell's session).
    public static func killOthersIfLeader() {
        let me = getpid()
        if getsid(0) == me { kill(me, sparing: me) }
    }

    /// Processes of session `id` that are still running, from `/proc/PID/stat`: after the
    /// command name in parentheses come the state, the parent, the group and the session.
    static func running(in id: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name),
                  let bytes = try? FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/stat")).readToEnd(),
                  let stat = String(bytes: bytes, encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", fields[0] != "X", pid_t(fields[3]) == id else { return nil }
            return pid
        }
    }

    private static func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.kill(pid, signal)
        #else
        Darwin.kill(pid, signal)
        #endif
    }
}
