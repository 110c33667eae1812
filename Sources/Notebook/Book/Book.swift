import Foundation

/// The book: every lesson of a folder, parsed and in order (the chapters, then the
/// reference pages).
public struct Book: Equatable, Sendable {
    public let lessons: [LessonDocument]
    public let bibliography: Bibliography

    public init(lessons: [LessonDocument], bibliography: Bibliography = Bibliography()) {
        self.lessons = lessons
        self.bibliography = bibliography
    }

    /// Reads every `.md` file of `directory` (relative to `root`): the chapters, and the
    /// reference pages in its `reference` folder, if it has one.
    ///
    /// - Throws: `BookError` with every problem of every lesson, each at its file and line.
    public static func load(root: URL, directory: String) throws(BookError) -> Book {
        var problems: [LessonError] = []
        let referenceFolder = directory + "/" + LessonParser.referenceFolder
        var paths = try markdownFiles(root: root, folder: directory, problems: &problems)
        if FileManager.default.fileExists(atPath: root.appending(path: referenceFolder).path) {
            paths += try markdownFiles(root: root, folder: referenceFolder, problems: &problems)
        }
        var order: [String]
        do {
            order = try BookIndex.entries(of: paths).map(\.path)
        } catch {
            // Report the names, and still read every lesson whose name is fine.
            problems += error.problems
            let bad = Set(error.problems.map(\.file))
            order = paths.filter { !bad.contains($0) }
        }
        var lessons: [LessonDocument] = []
        for path in order {
            do {
                let bytes = try Data(contentsOf: root.appending(path: path))
                guard let text = String(data: bytes, encoding: .utf8) else {
                    problems.append(notUTF8(bytes, path: path))
                    continue
                }
                lessons.append(try LessonParser.parse(text, path: path))
            } catch let error as BookError {
                problems += error.problems
            } catch {
                problems.append(LessonError(file: path, line: 0, message: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        var bibliography = Bibliography()
        do {
            bibliography = try Bibliography.load(root: root, directory: directory)
            problems += lessons.flatMap(bibliography.problems)
        } catch {
            problems += error.problems
        }
        problems += PageLinks.problems(in: lessons)
        if !problems.isEmpty { throw BookError(problems) }
        return Book(lessons: lessons, bibliography: bibliography)
    }

    /// The paths of the `.md` files of `folder`, sorted; Markdown saved under another
    /// extension there is added to `problems` rather than silently left out.
    private static func markdownFiles(root: URL, folder: String, problems: inout [LessonError]) throws(BookError) -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path).sorted()
        } catch {
            throw BookError([LessonError(file: folder, line: 0, message: "cannot list the lessons folder: \(error.localizedDescription)")])
        }
        problems += entries.filter(looksLikeMisnamedLesson).map { name in
            LessonError(file: folder + "/" + name, line: 0,
                        message: "not read as a lesson: only files ending in .md are; rename it to end in .md (or move it out of \(folder)/)")
        }
        return entries.filter { $0.hasSuffix(".md") }.map { folder + "/" + $0 }
    }

    /// Whether a file of the lessons folder was probably meant as a lesson but would be left
    /// out: Markdown or text under another extension (`.MD`, `.markdown`, `.txt`, …).
    static func looksLikeMisnamedLesson(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), !name.hasSuffix(".md") else { return false }
        return ["md", "markdown", "mdown", "mkd", "txt"].contains(name[name.index(after: dot)...].lowercased())
    }

    /// The problem of a lesson file that is not UTF-8, at the line of its first bad byte.
    static func notUTF8(_ bytes: Data, path: String) -> LessonError {
        var line = 1, offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error: break decoding
            }
        }
        return LessonError(file: path, line: line,
                           message: "not UTF-8: the first byte that is not (at byte \(offset)) is on this line; save the file as UTF-8")
    }
}
