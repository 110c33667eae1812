import Foundation
import LessonResults

/// The documents the site's offline search indexes: one per section (the text under a
/// heading) of every chapter, as plain text. Shipped as a script, not JSON, because
/// browsers refuse `fetch()` from `file://`; the page builds the lunr index from it.
public enum SearchIndex {
    /// One searchable section: where it is and its text.
    public struct Document: Codable, Equatable, Sendable {
        /// The page and anchor: `01-numbers.html#three-fields`.
        public let ref: String
        /// The lesson's title.
        public let chapter: String
        /// The section's heading; the lesson's title for the text before its first
        /// heading of level 2 or deeper.
        public let section: String
        /// The section's text without markup, its whitespace collapsed to single spaces;
        /// code blocks and HTML are left out.
        public let text: String
    }

    /// Every section of every lesson, in book order.
    /// Every section of every lesson, in book order, with each inline value as the text
    /// its run computed (`results`, by lesson id; nothing where a lesson has no result).
    /// `headingIDs` (by lesson id) are the anchors of a translation's headings.
    public static func documents(_ book: Book, results: [String: LessonResult] = [:], headingIDs: [String: [String]] = [:]) -> [Document] {
        book.lessons.flatMap { documents($0, result: results[$0.id], headingIDs: headingIDs[$0.id] ?? []) }
    }

    static func documents(_ lesson: LessonDocument, result: LessonResult? = nil, headingIDs: [String] = []) -> [Document] {
        let values = Dictionary((result?.inlines ?? []).map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var renderer = ProseRenderer(lesson: lesson, inlineValues: values, partials: .bare, headingIDs: headingIDs)
        _ = renderer.render(lesson.blocks)
        let anchors = renderer.headings
        var result: [Document] = []
        var section = (id: "", title: lesson.title)
        var text: [String] = []
        var headingCount = 0
        func flush() {
            let body = text.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !body.isEmpty || result.isEmpty {
                let ref = lesson.id + ".html" + (section.id.isEmpty ? "" : "#" + section.id)
                result.append(Document(ref: ref, chapter: lesson.title, section: section.title, text: body))
            }
            text = []
        }
        for block in lesson.blocks {
            if case .heading(let level, _, _) = block, headingCount < anchors.count {
                let anchor = anchors[headingCount]
                headingCount += 1
                if level >= 2 {
                    flush()
                    section = (anchor.id, anchor.text)
                    continue
                }
            }
            text.append(plainText(block, renderer))
        }
        flush()
        return result
    }

    static func plainText(_ block: Block, _ renderer: ProseRenderer) -> String {
        switch block {
        case .paragraph(let c, _), .heading(_, let c, _): renderer.plain(c)
        case .blockQuote(let children): children.map { plainText($0, renderer) }.joined(separator: " ")
        case .list(_, _, _, let items): items.flatMap { $0 }.map { plainText($0, renderer) }.joined(separator: " ")
        case .table(_, let header, let rows, _): (header + rows.flatMap { $0 }).map(renderer.plain).joined(separator: " ")
        case .code, .html, .thematicBreak: ""
        }
    }

    /// `window.MANTISSA_SEARCH = [...];`, deterministic.
    public static func script(_ book: Book, results: [String: LessonResult] = [:], headingIDs: [String: [String]] = [:]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(documents(book, results: results, headingIDs: headingIDs)), as: UTF8.self)
        return "window.MANTISSA_SEARCH = \(json);\n"
    }
}
