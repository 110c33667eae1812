import Foundation
/// Pairs the messages of a page with those of a translated copy of its Markdown (the same
/// blocks in the same order, the prose in another language), so a translator may work on
/// a whole file and bring the result into the catalog.
public enum TranslationAlignment {
    /// (source, translation) for every message of `english`, from `translated`.
    ///
    /// - Throws: `BookError` at the translated file's line where its blocks stop matching.
    public static func pairs(_ english: LessonDocument, _ translated: LessonDocument, file: String) throws(BookError) -> [(source: String, translation: String)] {
        let sources = english.messages, targets = translated.messages
        let sourceShape = shape(english.blocks), targetShape = shape(translated.blocks)
        if sourceShape != targetShape || sources.count != targets.count {
            let line = zip(sources, targets).first { !sameKind($0.text, $1.text) }?.1.line ?? targets.last?.line ?? 1
            throw BookError([LessonError(file: file, line: line, message: "the translated file's blocks do not match \(english.path)'s (\(sourceShape.count) blocks and \(sources.count) messages there, \(targetShape.count) and \(targets.count) here): keep every heading, paragraph, list item, table cell and code block in place")])
        }
        return zip(sources, targets).map { ($0.text, $1.text) }
    }

    /// The kind of every block, nested, and each code block's text: what a translation keeps.
    static func shape(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph: ["p"]
            case .heading(let level, _, _): ["h\(level)"]
            case .code(let info, let literal, _, _): ["code \(info)\n\(literal)"]
            case .html(let raw, _): ["html \(raw)"]
            case .blockQuote(let children): ["quote"] + shape(children) + ["/quote"]
            case .list(let ordered, _, _, let items): [ordered ? "ol" : "ul"] + items.flatMap { ["li"] + shape($0) } + ["/list"]
            case .table(_, let header, let rows, _): ["table \(header.count)x\(rows.count)"]
            case .thematicBreak: ["hr"]
            }
        }
    }

    private static func sameKind(_ a: String, _ b: String) -> Bool { a.hasPrefix("#") == b.hasPrefix("#") }
}

extension Catalog {
    /// A whole catalog in PO form: a header for `language`, then one entry per distinct
    /// message in order, translated from `translations` where it has one.
    public static func write(_ messages: [Message], language: String, translations: [String: String]) -> String {
        var out = template(messages).replacingOccurrences(of: "\"Content-Transfer-Encoding: 8bit\\n\"\n",
                                                          with: "\"Content-Transfer-Encoding: 8bit\\n\"\n\"Language: \(language)\\n\"\n")
        var lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        var source: String? = nil
        var collecting = false, collected = ""
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("msgid ") { collecting = true; collected = Self.unquote(line.dropFirst(6)) ?? "" }
            else if collecting, line.hasPrefix("\"") { collected += Self.unquote(line) ?? "" }
            else if line.hasPrefix("msgstr ") {
                collecting = false
                source = collected
                if let source, !source.isEmpty, let translation = translations[source], !translation.isEmpty {
                    lines[i] = quoted("msgstr", translation)
                }
            }
            i += 1
        }
        out = lines.joined(separator: "\n")
        return out
    }
}
