import ArgumentParser
import Foundation
import Notebook

/// Starts a new chapter: the next number, a slug from the title, front matter and a
/// sample cell that runs.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the next numbered lesson, with front matter and a sample cell."
    )

    @OptionGroup var book: BookOptions

    @Argument(help: "The chapter's title, e.g. \"Loss scaling\".")
    var title: String

    @Option(help: "The one-sentence summary shown on the landing page.")
    var summary: String = "What this chapter is about, in one sentence."

    func run() throws {
        let root = book.rootURL()
        let directory = BookBinary.linked.lessonsDirectory
        let folder = root.appending(path: directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let numbers = names.compactMap { name in name.split(separator: "-").first.flatMap { Int($0) } }
        let number = (numbers.max() ?? 0) + 1
        let slug = Self.slug(title)
        guard !slug.isEmpty else {
            throw ValidationError("the title needs at least one ASCII letter or digit for the file name (e.g. \"Loss scaling\")")
        }
        let name = String(format: "%02d-%@.md", number, slug)
        let url = folder.appending(path: name)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("\(directory)/\(name) exists already")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.template(title: title, summary: summary).write(to: url, atomically: true, encoding: .utf8)
        print("created \(directory)/\(name); write the chapter, then `make site` (or `mantissa serve` to see it as you write)")
    }

    /// `Loss scaling, part 2` -> `loss-scaling-part-2`.
    static func slug(_ title: String) -> String {
        var out = ""
        for c in title.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// `text` as Markdown that shows it literally: every ASCII punctuation mark Markdown or
    /// the lesson syntax could read (`<tag>`, `&amp;`, `*`, `$`, `{`, …) escaped by a backslash.
    static func markdownText(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>&$#!|{}~".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func template(title: String, summary: String) -> String {
        """
        ---
        title: \(title)
        summary: \(summary)
        ---

        # \(markdownText(title))

        Start with why the reader should care, then compute.

        ```swift
        let format = FloatFormat.fp16
        show(format.round(0.1))
        claim(format.round(0.1) != 0.1, "0.1 is not exactly representable in FP16")
        ```

        FP16's machine epsilon is `{swift} format.machineEpsilon`.

        """
    }
}
