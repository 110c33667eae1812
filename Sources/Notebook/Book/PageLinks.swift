import Foundation

/// Links between the pages of a book: `[machine epsilon](glossary.html#machine-epsilon)`
/// from a chapter, `[chapter 5](05-gradient-clipping.html#choosing-the-threshold)` from the
/// glossary, `[above](#setup)` within a page.
///
/// A link whose target is a page of the site (`ID.html`, or no file for the same page)
/// must name a page of the book, and its anchor, if any, must be the id of one of that
/// page's headings (or of a cell, `cell-3`): the ids the renderer gives them. Links with
/// a scheme (`https:`), a path (`assets/…`, `../…`) or another extension are not checked,
/// nor are anchors on the landing page, whose ids come from its template.
enum PageLinks {
    /// Every link of `lessons` to a page that is not in the book or to an anchor its page
    /// does not have, at the line of the block that holds it.
    static func problems(in lessons: [LessonDocument]) -> [LessonError] {
        let ids = Dictionary(lessons.map { ($0.id, anchors(of: $0)) }, uniquingKeysWith: { a, _ in a })
        return lessons.flatMap { lesson in
            links(in: lesson.blocks, line: 1).compactMap { destination, line in
                problem(destination, from: lesson, anchors: ids).map {
                    LessonError(file: lesson.path, line: line, message: $0)
                }
            }
        }
    }

    /// What is wrong with a link to `destination` on `lesson`'s page, or nil.
    private static func problem(_ destination: String, from lesson: LessonDocument,
                                anchors: [String: Set<String>]) -> String? {
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0], anchor = parts.count == 2 ? parts[1].removingPercentEncoding ?? parts[1] : ""
        guard !file.contains(":"), !file.contains("/"), file.isEmpty || file.hasSuffix(".html"), file != "index.html" else {
            return nil
        }
        let page = file.isEmpty ? lesson.id : String(file.dropLast(".html".count))
        guard let ids = anchors[page] else {
            return "link to \(file), which is no page of the book: a page is ID.html, ID being a lesson's file name without .md"
        }
        guard anchor.isEmpty || ids.contains(anchor) else {
            return "link to \(file)#\(anchor), but \(file.isEmpty ? "this page" : file) has no heading with that id"
                + " (a heading's id is its text in lowercase, words joined by -)"
        }
        return nil
    }

    /// The ids a page's headings and cells get when it is rendered.
    static func anchors(of lesson: LessonDocument) -> Set<String> {
        var renderer = ProseRenderer(lesson: lesson, inlineValues: [:], partials: .bare)
        _ = renderer.render(lesson.blocks)
        return Set(renderer.headings.map(\.id) + lesson.cells.map { "cell-\($0.index)" })
    }

    /// The destination of every link in `blocks`, with the line of the block that holds it
    /// (`line` for blocks that have none of their own).
    private static func links(in blocks: [Block], line: Int) -> [(String, Int)] {
        blocks.flatMap { block -> [(String, Int)] in
            switch block {
            case .paragraph(let content, let line), .heading(_, let content, let line):
                links(in: content).map { ($0, line) }
            case .table(_, let header, let rows, let line):
                (header + rows.flatMap { $0 }).flatMap(links(in:)).map { ($0, line) }
            case .blockQuote(let children):
                links(in: children, line: line)
            case .list(_, _, _, let items):
                items.flatMap { links(in: $0, line: line) }
            case .code, .html, .thematicBreak:
                []
            }
        }
    }

    private static func links(in inlines: [Inline]) -> [String] {
        inlines.flatMap { inline -> [String] in
            switch inline {
            case .link(let destination, _, let content): [destination] + links(in: content)
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .image(_, _, let c): links(in: c)
            case .text, .code, .softBreak, .lineBreak, .html, .value, .math, .citation, .definition: []
            }
        }
    }
}
