import ArgumentParser
import Foundation
import Notebook

/// Runs every lesson and, if every one succeeds, writes the site.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every lesson, check every claim and every number in prose, and write the site.",
        discussion: """
        The site is replaced only when every lesson ran, every claim held and no number in prose \
        was typed without a source. One build runs \
        at a time in a folder: a second one waits for the first to finish.
        """
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var running: RunOptions

    @Option(help: "Where to write the site, relative to the current folder.")
    var output: String = "site"

    @Option(help: ArgumentHelp("Run only this lesson (by id); the others' outputs come from the cache when they are unchanged.", valueName: "id"))
    var only: String?

    @Flag(help: "Run every lesson, ignoring outputs cached in .mantissa-cache (the new outputs replace them).")
    var noCache = false

    func run() throws {
        let root = book.rootURL()
        let destination = SiteFolder(URL(fileURLWithPath: output))
        try destination.checkReplaceable()  // before running anything: a refusal is not worth a wait
        running.startTimeLimit("build")
        try BuildLock.acquire(root: root)
        destination.removeLeftovers()
        let binary = BookBinary.linked
        let lessons = try loadOrReport(root: root, binary: binary)
        if let only, !lessons.lessons.contains(where: { $0.id == only }) {
            throw ValidationError("--only: no lesson '\(only)' (lessons: \(lessons.lessons.map(\.id).joined(separator: ", ")))")
        }
        let typed = Pipeline.checkProse(lessons)
        report(typed)  // at once: the lessons' run may take minutes
        let stale = Pipeline.verifyCompiled(lessons, binary: binary)
        guard stale.isEmpty else { report(stale); throw ExitCode.failure }
        let cache = ResultCache(root: root, lessonsDirectory: binary.lessonsDirectory)
        let rerun = noCache ? Set(lessons.lessons.map(\.id)) : Set(only.map { [$0] } ?? [])
        let results = Pipeline.run(lessons, binary: binary, root: root, options: running, cache: cache, rerun: rerun)
        let failures = results.flatMap(\.failures)
        guard failures.isEmpty, typed.isEmpty else {
            report(failures)
            FileHandle.standardError.write(Data("site not written: \(failures.count + typed.count) problem(s)\n".utf8))
            throw ExitCode.failure
        }
        let site: Site
        do {
            site = try Pipeline.render(lessons, results: results, root: root)
        } catch let error as BookError {
            FileHandle.standardError.write(Data("\(error.description)\nsite not written: \(error.problems.count) problem(s) in the translations\n".utf8))
            throw ExitCode.failure
        }
        try Pipeline.write(site, to: destination.url)
        let chapters = lessons.lessons.count { $0.number != nil }
        print("wrote \(output)/: \(site.files.count) files, \(chapters) chapters, \(lessons.lessons.count - chapters) reference pages, "
              + "\(results.flatMap(\.claims).count) claims verified")
    }
}

/// Loads the book or prints every problem in it and exits.
func loadOrReport(root: URL, binary: BookBinary) throws -> Book {
    do {
        return try Pipeline.load(root: root, binary: binary)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode.failure
    }
}
