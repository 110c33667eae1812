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
        var paths = try markdownFiles(root: root, folder: directory)
        if FileManager.default.fileExists(atPath: root.appending(path: referenceFolder).path) {
            paths += try markdownFiles(root: root, folder: referenceFolder)
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
                let text = try String(contentsOf: root.appending(path: path), encoding: .utf8)
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

    /// The paths of the `.md` files of `folder`, sorted.
    private static func markdownFiles(root: URL, folder: String) throws(BookError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path)
                .filter { $0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
        } catch {
            throw BookError([LessonError(file: folder, line: 0, message: "cannot list the lessons folder: \(error.localizedDescription)")])
        }
    }
}
