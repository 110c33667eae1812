import Foundation
import Precision
import Testing

/// `mantissa build` killed with `SIGKILL` at any moment, while lessons run or while the site
/// is written, leaves the site folder holding the whole old site or the whole new one; the
/// next build removes what the killed ones left, and no lesson process outlives them.
///
/// The book is a ``CacheBookCopy`` in two versions that differ in prose only (the binary runs
/// both); each build turns the site into the other version, and is killed at a time drawn
/// from a seeded generator: even kills while its lessons run, odd ones after, when it renders
/// and writes. The seed is printed; `MANTISSA_KILL_SEED=N` repeats a run's kill times (the
/// machine's timing will differ).
@Suite struct KilledBuildTests {
    static let kills = 20

    @Test("a build killed at any moment leaves the old site or the new one, whole; the next build cleans up")
    func killedBuilds() async throws {
        try await Gate.lessons.run {
            let book = try CacheBookCopy()
            defer { book.remove() }
            let versions = try Versions(book)
            let seed = ProcessInfo.processInfo.environment["MANTISSA_KILL_SEED"].flatMap { UInt64($0) }
                ?? UInt64.random(in: 0...UInt64.max)
            print("KilledBuildTests: seed \(seed) (MANTISSA_KILL_SEED=\(seed) repeats these kill times)")
            var random = SplitMix64(seed: seed)

            let phases = try versions.timeOneBuild()
            var current = try versions.build(0, into: book.site)
            var interruptedWrites = 0
            for round in 0..<Self.kills {
                let next = 1 - current
                let window = round.isMultiple(of: 2) ? 0.0..<phases.lessons : phases.lessons..<phases.total
                let delay = Double.random(in: window, using: &random)
                try versions.use(next)
                let started = try versions.start(into: book.site)
                Thread.sleep(forTimeInterval: delay)
                kill(started.process.processIdentifier, SIGKILL)
                _ = try started.wait()

                let found = SiteFreshnessTests.files(under: book.site)
                let whole = versions.sites.firstIndex(of: found)
                #expect(whole != nil, "kill \(round) after \(delay) s left a site that is neither version (\(found.count) files)")
                if whole == nil { return }
                current = whole!
                if versions.leftovers().contains(where: { $0.hasPrefix(".site.new-") }) { interruptedWrites += 1 }
            }
            print("KilledBuildTests: \(Self.kills) kills in a row passed (lessons took \(String(format: "%.2f", phases.lessons)) s, "
                  + "a build \(String(format: "%.2f", phases.total)) s); "
                  + "\(interruptedWrites) left a hidden folder beside the site")

            _ = try versions.build(1 - current, into: book.site)
            #expect(SiteFreshnessTests.files(under: book.site) == versions.sites[1 - current])
            #expect(versions.leftovers().isEmpty, "left beside the site: \(versions.leftovers())")
            #expect(try FileManager.default.contentsOfDirectory(atPath: versions.temporary.path).isEmpty)
            Thread.sleep(forTimeInterval: 1)  // lesson processes whose build is gone notice within 0.25 s
            #expect(LessonProcesses.inside(book.root).isEmpty, "\(LessonProcesses.inside(book.root).map(\.command))")
        }
    }
}

/// The two versions of a ``CacheBookCopy`` the kill test alternates between, and the sites
/// they build.
struct Versions {
    let book: CacheBookCopy
    let lesson: URL
    let original: String
    /// The temporary folder builds are given (`TMPDIR`); they must leave nothing in it.
    let temporary: URL
    /// The files of each version's site, by path.
    var sites: [[String: Data]] = []

    init(_ book: CacheBookCopy) throws {
        self.book = book
        lesson = book.root.appending(path: "\(CacheBookCopy.book)/01-first.md")
        original = try String(contentsOf: lesson, encoding: .utf8)
        temporary = book.root.appending(path: "tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for version in 0..<2 {
            let folder = book.root.appending(path: "version-\(version)")
            _ = try build(version, into: folder)
            sites.append(SiteFreshnessTests.files(under: folder))
            try FileManager.default.removeItem(at: folder)
        }
        #expect(sites[0] != sites[1] && sites[0].count > 10, "the two versions must build two different sites")
    }

    /// Edits the lesson's prose (its heading) to that of `version`.
    func use(_ version: Int) throws {
        try original.replacingOccurrences(of: "# First", with: "# First, version \(version)")
            .write(to: lesson, atomically: true, encoding: .utf8)
    }

    /// Starts a build of the current version, running every lesson.
    func start(into folder: URL) throws -> Started {
        try Started(book.executable, ["build", "--root", book.root.path, "--output", folder.path, "--no-cache"],
                    in: book.root, environment: ["TMPDIR": temporary.path])
    }

    /// Builds `version` into `folder` and returns it.
    func build(_ version: Int, into folder: URL) throws -> Int {
        try use(version)
        let outcome = try start(into: folder).wait()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return version
    }

    /// Seconds from the start of a build until its lessons have run, and until it ends.
    func timeOneBuild() throws -> (lessons: Double, total: Double) {
        let folder = book.root.appending(path: "timed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let began = Date()
        let build = try start(into: folder)
        var lessons: Double?
        while build.process.isRunning {
            if lessons == nil, build.stderr.contains("[2/2]") { lessons = Date().timeIntervalSince(began) }
            Thread.sleep(forTimeInterval: 0.002)
        }
        let total = Date().timeIntervalSince(began)
        #expect(try build.wait().status == 0)
        return (min(lessons ?? total / 2, total * 0.9), total)
    }

    /// What builds left beside the site folder: names starting `.site.`.
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: book.root.path)) ?? []).filter { $0.hasPrefix(".site.") }.sorted()
    }
}
