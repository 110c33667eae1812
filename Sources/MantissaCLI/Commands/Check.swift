import ArgumentParser
import Foundation

/// Runs every lesson and checks every claim, and looks for numbers typed into prose,
/// writing nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every lesson, check every claim and every number in prose, without writing the site."
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var running: RunOptions

    func run() throws {
        running.startTimeLimit("check")
        let root = book.rootURL()
        let binary = BookBinary.linked
        let lessons = try loadOrReport(root: root, binary: binary)
        let typed = Pipeline.checkProse(lessons)
        report(typed)  // at once: the lessons' run may take minutes
        let stale = Pipeline.verifyCompiled(lessons, binary: binary)
        guard stale.isEmpty else { report(stale); throw ExitCode.failure }
        let results = Pipeline.run(lessons, binary: binary, root: root, options: running, cache: nil)
        let failures = results.flatMap(\.failures)
        report(failures)
        let claims = results.flatMap(\.claims)
        print("\(results.count) lessons, \(claims.filter(\.passed).count) of \(claims.count) claims verified, "
              + "\(typed.count) number(s) typed in prose, \(failures.count) problem(s)")
        if !failures.isEmpty || !typed.isEmpty { throw ExitCode.failure }
    }
}
