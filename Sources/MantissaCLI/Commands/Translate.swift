import ArgumentParser
import Foundation
import LessonResults
import Notebook

/// The translator's loop: extract the messages, merge them into a language's catalog,
/// see how much is translated.
struct Translate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep the book's translations (Lessons/po/LANG.po) in step with its English.",
        discussion: """
            mantissa translate update ko      extract the messages and merge them into Lessons/po/ko.po
            (edit ko.po with any PO editor, or by hand; fuzzy entries are not shown)
            mantissa translate status         how much of each page each catalog translates
            make site                         the English book in site/, Korean in site/ko/
            """,
        subcommands: [Extract.self, Update.self, Status.self, Import.self]
    )

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write Lessons/po/messages.pot: every message of the book.")
        @OptionGroup var book: BookOptions

        func run() throws {
            let path = try writeTemplate(root: book.rootURL())
            print("wrote \(path)")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract the messages and merge them into Lessons/po/LANG.po (GNU msgmerge); creates the catalog if it is new.")
        @OptionGroup var book: BookOptions
        @Argument(help: "The language code: ko.") var language: String

        func validate() throws { try checkLanguage(language) }

        func run() throws {
            let root = book.rootURL()
            let template = try writeTemplate(root: root)
            let catalog = catalogPath(language)
            if FileManager.default.fileExists(atPath: root.appending(path: catalog).path) {
                try msgmerge(["--quiet", "--update", "--backup=none", "--previous", catalog, template], root: root)
                print("merged \(template) into \(catalog)")
            } else {
                let messages = try bookMessages(root: root)
                try Catalog.write(messages, language: language, translations: [:]).write(to: root.appending(path: catalog), atomically: true, encoding: .utf8)
                print("created \(catalog)")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print how much of each page every catalog translates.")
        @OptionGroup var book: BookOptions

        func run() throws {
            let root = book.rootURL()
            let messages = try bookMessages(root: root)
            let catalogs = try Catalogs.load(root: root, directory: BookBinary.linked.lessonsDirectory)
            if catalogs.isEmpty { print("no catalogs: start one with 'mantissa translate update LANG'") }
            for (_, catalog) in catalogs.sorted(by: { $0.key < $1.key }) {
                let rows = Catalogs.coverage(messages, by: catalog)
                let total = rows.map(\.total).reduce(0, +), done = rows.map(\.translated).reduce(0, +)
                print("\(catalog.file): \(done) of \(total) messages translated (\(total == 0 ? 100 : done * 100 / total)%)")
                for row in rows {
                    let note = [row.fuzzy > 0 ? "\(row.fuzzy) fuzzy" : nil, row.untranslated > 0 ? "\(row.untranslated) untranslated" : nil]
                        .compactMap { $0 }.joined(separator: ", ")
                    print("  \(row.file.padding(toLength: 40, withPad: " ", startingAt: 0)) \(row.translated)/\(row.total)\(note.isEmpty ? "" : "  (\(note))")")
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring translated copies of pages (the same Markdown blocks, in another language) into Lessons/po/LANG.po.",
            discussion: "Each FILE is named like the page it translates (03-nan-grad-norm.md, or reference/glossary.md). Its blocks must match the English page's one for one.")
        @OptionGroup var book: BookOptions
        @Argument(help: "The language code: ko.") var language: String
        @Argument(help: "Translated pages.") var files: [String]

        func validate() throws { try checkLanguage(language) }

        func run() throws {
            let root = book.rootURL()
            let english = try loadOrReport(root: root, binary: BookBinary.linked)
            let messages = try bookMessages(root: root)
            let catalogs = try Catalogs.load(root: root, directory: BookBinary.linked.lessonsDirectory)
            var translations: [String: String] = [:]
            for entry in catalogs[language]?.entries ?? [] where entry.isUsable { translations[entry.source] = entry.translation }
            var problems: [LessonError] = []
            for file in files {
                let url = URL(fileURLWithPath: file)
                let isReference = url.deletingLastPathComponent().lastPathComponent == "reference"
                guard let lesson = english.lessons.first(where: { ($0.number == nil) == isReference && $0.id + ".md" == url.lastPathComponent }) else {
                    problems.append(LessonError(file: file, line: 1, message: "no English page is named like this file"))
                    continue
                }
                do {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    let translated = try LessonParser.parse(text, path: lesson.path)
                    for pair in try TranslationAlignment.pairs(lesson, translated, file: file) { translations[pair.source] = pair.translation }
                } catch let error as BookError {
                    problems += error.problems.map { LessonError(file: file, line: $0.line, message: $0.message) }
                }
            }
            guard problems.isEmpty else {
                FileHandle.standardError.write(Data((BookError(problems).description + "\n").utf8))
                throw ExitCode.failure
            }
            let catalog = catalogPath(language)
            try Catalog.write(messages, language: language, translations: translations)
                .write(to: root.appending(path: catalog), atomically: true, encoding: .utf8)
            print("wrote \(catalog)")
        }
    }
}

private func catalogPath(_ language: String) -> String {
    BookBinary.linked.lessonsDirectory + "/" + Catalogs.folder + "/" + language + ".po"
}

private func checkLanguage(_ language: String) throws {
    guard !language.isEmpty, language.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-" || $0.isNumber) }), language != "en" else {
        throw ValidationError("a language is a lowercase code other than en, such as ko or pt-br")
    }
}

/// Every message of the book: its pages', what its runs wrote (from the results of the
/// last build, which must be current), its templates'.
private func bookMessages(root: URL) throws -> [Message] {
    let book = try loadOrReport(root: root, binary: BookBinary.linked)
    let cache = ResultCache(root: root, lessonsDirectory: BookBinary.linked.lessonsDirectory)
    var results: [String: LessonResult] = [:]
    for program in BookBinary.linked.lessons { results[program.id] = cache.result(for: program) }
    let missing = book.lessons.filter { results[$0.id] == nil }.map(\.id)
    guard missing.isEmpty else {
        throw ValidationError("the strings the runs write come from the last build, and \(missing.joined(separator: ", ")) has not run since it changed: run 'make site' first")
    }
    return try Catalogs.messages(book, templates: root.appending(path: "Templates"), results: results)
}

/// Writes the message template and returns its path relative to the root.
private func writeTemplate(root: URL) throws -> String {
    let messages = try bookMessages(root: root)
    let folder = BookBinary.linked.lessonsDirectory + "/" + Catalogs.folder
    try FileManager.default.createDirectory(at: root.appending(path: folder), withIntermediateDirectories: true)
    let path = folder + "/" + Catalogs.template
    try Catalog.template(messages).write(to: root.appending(path: path), atomically: true, encoding: .utf8)
    return path
}

private func msgmerge(_ arguments: [String], root: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["msgmerge"] + arguments
    process.currentDirectoryURL = root
    do { try process.run() } catch {
        throw ValidationError("cannot run msgmerge (GNU gettext): install it with 'apt-get install gettext' (make site does)")
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ValidationError("msgmerge failed (exit \(process.terminationStatus)); the catalog is unchanged")
    }
}
