/// The order of a book's pages, from their file names alone.
public enum BookIndex {
    /// The lesson ids of `paths`, in book order: the chapters by number, then the
    /// reference pages (`reference/slug.md`) by file name.
    ///
    /// - Throws: `BookError` for a file name that is not `NN-slug.md` (or, in the
    ///   reference folder, `slug.md`), or for two lessons with the same number (naming both).
    public static func ids(of paths: [String]) throws(BookError) -> [String] {
        try entries(of: paths).map(\.id)
    }

    /// The id and path of every page of `paths`, in book order (see ``ids(of:)``).
    static func entries(of paths: [String]) throws(BookError) -> [(id: String, path: String)] {
        var problems: [LessonError] = []
        var chapters: [(number: Int, id: String, path: String)] = []
        var references: [(id: String, path: String)] = []
        for path in paths {
            do {
                let (id, kind) = try LessonParser.identity(of: path)
                switch kind {
                case .chapter(let number): chapters.append((number, id, path))
                case .reference: references.append((id, path))
                }
            } catch {
                problems += error.problems
            }
        }
        chapters.sort { ($0.number, $0.id) < ($1.number, $1.id) }
        references.sort { $0.id < $1.id }
        for (a, b) in zip(chapters, chapters.dropFirst()) where a.number == b.number {
            problems.append(LessonError(file: b.path, line: 1,
                message: "two lessons are numbered \(a.number): \(a.path) and \(b.path); renumber one"))
        }
        if !problems.isEmpty { throw BookError(problems) }
        return chapters.map { ($0.id, $0.path) } + references
    }
}
