import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `mantissa build` at a time in a book's folder: two at once would share the result
/// cache and the site folder. A build that finds another running says so and waits for it
/// to end (rather than failing: `make site` typed twice, or `mantissa serve` rebuilding
/// while an author builds, should both end in a site).
///
/// The lock is `flock` on `.mantissa-cache/build.lock`, held until this process ends. The
/// kernel lets go of it when the process ends in any way, a kill included, so a stale lock
/// cannot outlive its build; the file itself stays, empty.
enum BuildLock {
    /// Waits until no other build holds the lock of `root`, then holds it until this process
    /// ends.
    static func acquire(root: URL) throws {
        let folder = root.appending(path: ".mantissa-cache")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appending(path: "build.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LockError(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else { throw LockError(path: path, reason: String(cString: strerror(errno))) }
        FileHandle.standardError.write(Data("another build is running in this folder (\(root.path)); waiting for it to finish\n".utf8))
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw LockError(path: path, reason: String(cString: strerror(errno))) }
        }
    }
}

/// The lock file of a book's folder could not be opened or locked.
struct LockError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot lock \(path) (\(reason)); check that the folder is writable" }
}
