import CRenameExchange
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a site is written to, and the rules for replacing it: only a folder that does
/// not exist yet, an empty one, or a site written before (it holds ``Site/marker``) is ever
/// replaced, and a reader of the folder sees the whole old site or the whole new one.
///
/// A new site is written to a hidden sibling, `.NAME.new-PID` (PID: the writing process),
/// which then takes the folder's place in one step: Linux's `renameat2(RENAME_EXCHANGE)`
/// (macOS's `renamex_np(RENAME_SWAP)`) exchanges the two, and the old site, now under the
/// sibling's name, is removed. Where the file system cannot exchange (`EINVAL`, `ENOSYS`,
/// `ENOTSUP`), and on other systems, two renames do it instead (the folder to `.NAME.old-PID`,
/// then the new site to the folder), and for that moment the folder does not exist. A
/// process killed while writing leaves its siblings behind; ``removeLeftovers()`` removes
/// those of processes no longer running, and puts back an old site that a kill between the
/// two renames left outside the folder.
public struct SiteFolder: Sendable {
    /// The folder, with symbolic links resolved: a link to a folder keeps pointing at it.
    public let url: URL

    /// The folder at `url` (which need not exist yet).
    public init(_ url: URL) {
        self.url = url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Checks that the folder may be replaced: it does not exist, or it is a folder that is
    /// empty or holds ``Site/marker``.
    ///
    /// - Throws: `SiteError` when it is a file or anything else that is not a folder, a
    ///   folder of other files, or a folder that cannot be listed.
    public func checkReplaceable() throws(SiteError) {
        let fm = FileManager.default
        let type: FileAttributeType
        do {
            guard let found = try fm.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType else { return }
            type = found
        } catch {
            if !fm.fileExists(atPath: url.path) { return }  // a new folder
            throw SiteError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        guard type == .typeDirectory else {
            throw SiteError(path: url.path, reason: .notAFolder(type == .typeRegular ? "a file" : "not a folder"))
        }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: url.path) } catch {
            throw SiteError(path: url.path, reason: .unreadable(error.localizedDescription))
        }
        if !names.isEmpty, !names.contains(Site.marker) { throw SiteError(path: url.path, reason: .notASite) }
    }

    /// Where this process writes a new site before it takes the folder's place.
    var staging: URL { sibling(.new, pid: getpid()) }

    /// Puts the folder `staging`, on the same file system, in place of the folder: in one
    /// step where the file system can exchange two folders; see the type's description.
    func replace(with staging: URL) throws(SiteError) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return try move(staging, to: url) }
        if mantissa_rename_exchange(staging.path, url.path) == 0 {
            try? fm.removeItem(at: staging)  // the old site, now under the staging name
            return
        }
        guard [EINVAL, ENOSYS, ENOTSUP].contains(errno) else { throw failure(errno) }
        let old = sibling(.old, pid: getpid())
        try move(url, to: old)
        do { try move(staging, to: url) } catch {
            try? move(old, to: url)
            throw error
        }
        try? fm.removeItem(at: old)
    }

    /// Removes the siblings that processes no longer running left while writing this folder
    /// (`.NAME.new-PID`, `.NAME.old-PID`). An old site that is outside the folder because its
    /// writer was killed between two renames is put back when the folder is missing.
    public func removeLeftovers() {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        for name in ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted() {
            guard let (kind, pid) = leftover(name), !Self.isRunning(pid) else { continue }
            let path = parent.appending(path: name)
            if kind == .old, !fm.fileExists(atPath: url.path), (try? move(path, to: url)) != nil { continue }
            try? fm.removeItem(at: path)
        }
    }

    /// What a hidden sibling holds: a site being written, or the old site between two renames.
    enum Sibling: String { case new, old }

    func sibling(_ kind: Sibling, pid: pid_t) -> URL {
        url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).\(kind.rawValue)-\(pid)")
    }

    /// The kind and writer of sibling `name`, or nil when `name` is not a sibling of this folder.
    func leftover(_ name: String) -> (Sibling, pid_t)? {
        for kind in [Sibling.new, .old] {
            let prefix = ".\(url.lastPathComponent).\(kind.rawValue)-"
            if name.hasPrefix(prefix), let pid = pid_t(name.dropFirst(prefix.count)), pid > 0 { return (kind, pid) }
        }
        return nil
    }

    /// Whether a process `pid` exists (one that belongs to another user counts).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    func move(_ from: URL, to: URL) throws(SiteError) {
        if rename(from.path, to.path) != 0 { throw failure(errno) }
    }

    func failure(_ code: Int32) -> SiteError {
        SiteError(path: url.path, reason: .notReplaced(String(cString: strerror(code))))
    }
}

/// A refusal to replace a folder, or a failure to put the new site in its place; the old
/// folder is left as it was.
public struct SiteError: Error, CustomStringConvertible {
    enum Reason: Equatable {
        /// A file, or something else that is not a folder (`a file`, `not a folder`).
        case notAFolder(String)
        /// A folder of files that is not a site written before.
        case notASite
        /// A folder whose listing failed, with the system's reason.
        case unreadable(String)
        /// The new site could not be moved into place, with the system's reason.
        case notReplaced(String)
    }

    /// The folder that was not replaced.
    public let path: String
    let reason: Reason

    /// Why the folder was not replaced and what to do instead.
    public var description: String {
        let choose = "choose a new or empty folder for --output, or one built before (it holds \(Site.marker))"
        switch reason {
        case .notAFolder(let what):
            return "\(path) is \(what): the site is a folder, and it is never written over a file; \(choose)"
        case .notASite:
            return "\(path) is a folder of other files, not a site written by mantissa (it has no \(Site.marker)), "
                + "and is never replaced; \(choose), or empty this one yourself"
        case .unreadable(let why):
            return "\(path) cannot be listed (\(why)), so it is not replaced; check its permissions, or \(choose)"
        case .notReplaced(let why):
            return "could not put the new site in place of \(path) (\(why)); the folder was left as it was"
        }
    }
}
