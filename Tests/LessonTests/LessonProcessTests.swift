import Foundation
import Testing

/// Nothing a lesson starts outlives it. Fixture lesson 08 starts processes that ignore
/// `SIGTERM` from a cell and from a trapping `fails` cell and ends; 09 starts one and hangs
/// until its time limit; 07's `fails` cell hangs in a process of its own. Lessons run in the
/// book's root, and what they start inherits that folder, which tells their processes from
/// any other test's.
@Suite struct LessonProcessTests {
    @Test("no process a lesson started survives its end, its time limit, or a hung fails cell")
    func nothingOutlivesALesson() async throws {
        try await Gate.lessons.run {
            let root = try fixtureBookCopy()
            defer { try? FileManager.default.removeItem(at: root) }

            let check = try Started(Paths.binary("mantissa-fixtures"), ["check", "--timeout", "3", "--root", root.path], in: root)
            var sleepers: Set<Int32> = [], ignoringTerm: Set<Int32> = []
            while check.process.isRunning {
                for process in LessonProcesses.inside(root) where process.command == "sleep" {
                    sleepers.insert(process.pid)
                    if process.ignoresTerm { ignoringTerm.insert(process.pid) }
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            let outcome = try check.wait()
            #expect(outcome.stderr.contains("09-hang-leaves-processes.md:7: timed out"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("07-hanging-fails.md:7: timed out"), "\(outcome.stderr)")
            // 08 starts three: its cell, the fails cell's replay of it, and the fails cell; 09 one.
            #expect(sleepers.count >= 4 && ignoringTerm == sleepers, "seen: \(sleepers), ignoring SIGTERM: \(ignoringTerm)")

            Thread.sleep(forTimeInterval: 1)  // lesson processes whose parent is gone notice within 0.25 s
            let left = LessonProcesses.inside(root)
            #expect(left.isEmpty, "still running: \(left.map { "\($0.pid) \($0.command)" })")
        }
    }
}

/// A lesson process started by a build that is killed before the lesson's watchdog looks at
/// its parent (so it already has a new one) must still end: the build names itself in
/// `MANTISSA_PARENT_PID`, and a parent that is not that process means the build is gone.
@Suite struct OrphanedLessonTests {
    @Test("a lesson whose build was gone before it started ends at once instead of hanging")
    func endsWhenItsBuildIsAlreadyGone() async throws {
        try await Gate.lessons.run {
            let root = try fixtureBookCopy()
            defer { try? FileManager.default.removeItem(at: root) }
            // Its parent here is this test, not the process the variable names (PID 1).
            let started = Date()
            let orphan = try Started(Paths.binary("mantissa-fixtures"),
                                     ["run-lesson", "04-hang", "--root", root.path, "--timeout", "60"],
                                     in: root, environment: ["MANTISSA_PARENT_PID": "1"])
            let outcome = try orphan.wait()
            let seconds = Date().timeIntervalSince(started)
            #expect(outcome.status == 137, "status \(outcome.status): \(outcome.stderr)")
            #expect(seconds < 10, "ended after \(seconds) s; the hang runs for 60")
        }
    }
}

/// Processes running (not ended, waiting to be reaped) whose working folder is a given one.
/// A fresh folder holding a copy of the fixture book's lessons at their usual path. Lessons
/// run in their book's root, and what they start inherits that folder, which tells their
/// processes from any other test's.
func fixtureBookCopy() throws -> URL {
    let root = try Paths.temporaryDirectory()
    let fixtures = "Tests/Fixtures/Lessons"
    let folder = root.appending(path: fixtures)
    try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Paths.root.appending(path: fixtures), to: folder)
    return root
}

enum LessonProcesses {
    struct Process {
        let pid: Int32
        /// The command's name, from `/proc/PID/comm`.
        let command: String
        /// Whether `SIGTERM` (15) is among the signals it ignores (`SigIgn` in `/proc/PID/status`).
        let ignoresTerm: Bool
    }

    static func inside(_ folder: URL) -> [Process] {
        let fm = FileManager.default
        let path = folder.resolvingSymlinksInPath().path
        return ((try? fm.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard let pid = Int32(name), (try? fm.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) == path,
                  let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
            let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: ":", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
            }, uniquingKeysWith: { a, _ in a })
            guard let state = fields["State"], !state.hasPrefix("Z"), !state.hasPrefix("X") else { return nil }
            let ignored = UInt64(fields["SigIgn"] ?? "0", radix: 16) ?? 0
            return Process(pid: pid, command: fields["Name"] ?? "", ignoresTerm: ignored & (1 << 14) != 0)
        }
    }
}

/// `--time-limit` bounds the whole command, whatever it is doing.
@Suite struct TimeLimitTests {
    @Test("a check that outlives its time limit stops at once, says so, and leaves no lesson running")
    func stopsAtTheLimit() async throws {
        try await Gate.lessons.run {
            let root = try fixtureBookCopy()
            defer { try? FileManager.default.removeItem(at: root) }

            // 04-hang would run for the whole per-lesson timeout of 120 s.
            let start = Date()
            let outcome = try run(Paths.binary("mantissa-fixtures"),
                                  ["check", "--timeout", "120", "--time-limit", "2", "--root", root.path], in: root)
            let elapsed = Date().timeIntervalSince(start)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("mantissa check: stopped after 2 s, the time limit; nothing was written"), "\(outcome.stderr)")
            #expect(elapsed < 30, "took \(elapsed) s")
            Thread.sleep(forTimeInterval: 1)  // lesson processes whose parent is gone notice within 0.25 s
            let left = LessonProcesses.inside(root)
            #expect(left.isEmpty, "still running: \(left.map { "\($0.pid) \($0.command)" })")
        }
    }
}
