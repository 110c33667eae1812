import Foundation
import LessonResults

/// The book's translation catalogs: `LANG.po` in the `po` folder of its lessons.
public enum Catalogs {
    /// The folder of the catalogs and the template, inside the lessons folder.
    public static let folder = "po"
    /// The generated template every catalog is merged from (git-ignored).
    public static let template = "messages.pot"

    /// Every `LANG.po` of `directory/po` (relative to `root`), by language code.
    ///
    /// - Throws: `BookError` at a catalog's line for what is not PO.
    public static func load(root: URL, directory: String) throws(BookError) -> [String: Catalog] {
        let path = directory + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: path).path)) ?? []
        var catalogs: [String: Catalog] = [:]
        var problems: [LessonError] = []
        for name in names.sorted() where name.hasSuffix(".po") {
            let file = path + "/" + name
            guard let text = try? String(contentsOf: root.appending(path: file), encoding: .utf8) else {
                problems.append(LessonError(file: file, line: 1, message: "cannot read the catalog as UTF-8"))
                continue
            }
            do throws(BookError) {
                catalogs[String(name.dropLast(3))] = try Catalog.parse(text, file: file)
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw BookError(problems) }
        return catalogs
    }

    /// Every message of the book, in order: each page's prose, then what its run wrote
    /// (from `results`, by lesson id, when given), then the templates' words.
    public static func messages(_ book: Book, templates: URL, results: [String: LessonResult] = [:]) throws -> [Message] {
        book.lessons.flatMap { lesson in
            lesson.messages + (results[lesson.id].map { RunMessages.messages(of: lesson, result: $0) } ?? [])
        } + (try TemplateWords.messages(templates: templates))
    }

    /// How far a catalog covers the book's messages, per file.
    public struct Coverage: Sendable {
        public var file: String
        public var translated = 0, fuzzy = 0, untranslated = 0
        public var total: Int { translated + fuzzy + untranslated }
    }

    /// Coverage of `messages` by `catalog`, one row per file in the order first met.
    public static func coverage(_ messages: [Message], by catalog: Catalog) -> [Coverage] {
        var rows: [Coverage] = []
        var seen: [String: Set<String>] = [:]
        for message in messages where seen[message.file, default: []].insert(message.text).inserted {
            let i = rows.firstIndex { $0.file == message.file } ?? { rows.append(Coverage(file: message.file)); return rows.count - 1 }()
            switch catalog.translation(of: message.text) {
            case let entry? where entry.isUsable: rows[i].translated += 1
            case let entry? where entry.fuzzy: rows[i].fuzzy += 1
            default: rows[i].untranslated += 1
            }
        }
        return rows
    }

    /// The messages of `messages` that `catalog` does not translate usably (missing, empty or
    /// fuzzy), each once.
    public static func stale(_ messages: [Message], in catalog: Catalog) -> [Message] {
        var seen: Set<String> = []
        return messages.filter { catalog.translation(of: $0.text)?.isUsable != true && seen.insert($0.text).inserted }
    }
}
