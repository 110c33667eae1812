import ArgumentParser
import Foundation
import LessonRuntime

/// A book compiled into a binary: its lessons and where their Markdown lives.
public struct BookBinary: Sendable {
    /// The compiled lessons, in book order (the generated `LessonRegistry.lessons`).
    public let lessons: [CompiledLesson]
    /// The folder of the `.md` files, relative to the package root.
    public let lessonsDirectory: String

    /// A book from its compiled lessons and the folder their Markdown is in.
    public init(lessons: [CompiledLesson], lessonsDirectory: String) {
        self.lessons = lessons
        self.lessonsDirectory = lessonsDirectory
    }
}

/// The entry point of a `mantissa` binary linked with `book`.
public enum MantissaMain {
    /// Runs the command line on `book`: parses the arguments and runs the chosen command.
    public static func run(_ book: BookBinary) async {
        BookBinary.linked = book
        await Mantissa.main()
    }
}

extension BookBinary {
    /// Set once by `MantissaMain.run` before any command runs.
    nonisolated(unsafe) static var linked = BookBinary(lessons: [], lessonsDirectory: "Lessons")
}

struct Mantissa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mantissa",
        abstract: "Build and check the Mantissa book: every number on its pages is computed by its code.",
        subcommands: [Build.self, Check.self, List.self, Inspect.self, Quantize.self, New.self, Serve.self, Translate.self, RunLesson.self]
    )
}

/// Options every command that reads the book shares.
struct BookOptions: ParsableArguments {
    @Option(help: "The package root, which holds the lessons and Templates/.")
    var root: String = "."

    func rootURL() -> URL { URL(fileURLWithPath: root).standardizedFileURL }
}

/// Options of the commands that run lessons.
struct RunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "How many lessons run at once; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Seconds a lesson may run before it is stopped and reported as hung.")
    var timeout: Double = 600

    @Option(name: .customLong("time-limit"), parsing: .unconditional,
            help: "Seconds the whole command may take, rendering included, before it stops and writes nothing.")
    var timeLimit: Double = 3600

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    }

    /// Ends this process with a message once `timeLimit` seconds have passed, whatever it
    /// is doing. Nothing is left half done: the site is swapped in atomically (or not at
    /// all), lessons notice their parent is gone and stop, the build lock goes with the
    /// process, and the next build removes any folder a stopped one left.
    func startTimeLimit(_ command: String) {
        let limit = timeLimit
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: limit)
            FileHandle.standardError.write(Data(("mantissa \(command): stopped after \(Int(limit)) s, the time limit; "
                + "nothing was written. Raise --time-limit if the book is just slow.\n").utf8))
            _exit(1)
        }
    }
}
