/// A gettext catalog (`Lessons/po/ko.po`) as the book reads it: for each source text
/// (`msgid`), its translation and whether a translator has confirmed it. Obsolete entries
/// (`#~`), comments and the header are kept by the tools that edit the file and ignored
/// here. Only what the book writes is read: `msgctxt` and plural forms are refused.
public struct Catalog: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        /// The English text.
        public var source: String
        /// The translation; empty when the entry is not translated yet.
        public var translation: String
        /// `#, fuzzy`: `msgmerge` guessed it from a similar source, so it is not used.
        public var fuzzy: Bool
        /// The catalog line of `msgid`.
        public var line: Int

        /// Translated and confirmed: what the edition shows.
        public var isUsable: Bool { !fuzzy && !translation.isEmpty }
    }

    /// The catalog's path relative to the package root, for messages: `Lessons/po/ko.po`.
    public let file: String
    /// The entries, in the file's order, without the header.
    public let entries: [Entry]

    /// The usable translation of `source`, if any.
    public func translation(of source: String) -> Entry? {
        bySource[source]
    }

    private let bySource: [String: Entry]

    public init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
        self.bySource = Dictionary(entries.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads PO text.
    ///
    /// - Throws: `BookError` at the catalog's line for what is not PO or not used by the book.
    public static func parse(_ text: String, file: String) throws(BookError) -> Catalog {
        var entries: [Entry] = []
        var problems: [LessonError] = []
        var fuzzy = false
        var field: String? = nil
        var values: [String: String] = [:]
        var line = 0, msgidLine = 0

        func finish() {
            if let source = values["msgid"] {
                if !source.isEmpty {
                    entries.append(Entry(source: source, translation: values["msgstr"] ?? "", fuzzy: fuzzy, line: msgidLine))
                }
            }
            values = [:]
            field = nil
            fuzzy = false
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let content = raw.trimming(" \t\r")
            if content.isEmpty { finish(); continue }
            if content.hasPrefix("#") {
                if values["msgid"] != nil { finish() }
                if content.hasPrefix("#,"), content.dropFirst(2).split(separator: ",").contains(where: { $0.trimming(" ") == "fuzzy" }) {
                    fuzzy = true
                }
                continue
            }
            if content.hasPrefix("\"") {
                guard let key = field, let string = unquote(content) else {
                    problems.append(LessonError(file: file, line: line, message: "a string line must continue a msgid or msgstr: \(content)"))
                    continue
                }
                values[key, default: ""] += string
                continue
            }
            let keyword = String(content.prefix { !$0.isWhitespace })
            let rest = content.dropFirst(keyword.count).trimming(" \t")
            switch keyword {
            case "msgid", "msgstr":
                if keyword == "msgid" {
                    if values["msgid"] != nil { finish() }
                    msgidLine = line
                }
                guard let string = unquote(rest) else {
                    problems.append(LessonError(file: file, line: line, message: "\(keyword) needs a quoted string"))
                    continue
                }
                field = keyword
                values[keyword] = string
            case "msgctxt", "msgid_plural":
                problems.append(LessonError(file: file, line: line, message: "\(keyword) is not used by the book's catalogs: regenerate the entry with 'mantissa translate update'"))
            default:
                if keyword.hasPrefix("msgstr[") {
                    problems.append(LessonError(file: file, line: line, message: "plural forms are not used by the book's catalogs"))
                } else {
                    problems.append(LessonError(file: file, line: line, message: "not a PO line: \(content)"))
                }
            }
        }
        finish()
        if !problems.isEmpty { throw BookError(problems) }
        return Catalog(file: file, entries: entries)
    }

    /// The string of a PO `"…"` literal, its escapes decoded; nil if it is not one.
    static func unquote(_ literal: some StringProtocol) -> String? {
        guard literal.count >= 2, literal.first == "\"", literal.last == "\"" else { return nil }
        var out = ""
        var escaping = false
        for character in literal.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return escaping ? nil : out
    }

    /// A PO string literal (or lines of them, one per line of `text`) for `keyword`.
    static func quoted(_ keyword: String, _ text: String) -> String {
        func literal(_ s: some StringProtocol) -> String {
            var out = "\""
            for character in s {
                switch character {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.append(character)
                }
            }
            return out + "\""
        }
        guard text.contains("\n") else { return "\(keyword) \(literal(text))" }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" }
        if lines.last == "\n" { lines.removeLast() } else { lines[lines.count - 1].removeLast() }
        return "\(keyword) \"\"\n" + lines.map { literal($0) }.joined(separator: "\n")
    }

    /// The template every catalog is merged from (`messages.pot`): one entry per distinct
    /// message, in book order, with every place it occurs. No dates: the same book gives
    /// the same bytes.
    public static func template(_ messages: [Message]) -> String {
        var order: [String] = []
        var places: [String: [String]] = [:]
        for message in messages {
            if places[message.text] == nil { order.append(message.text) }
            places[message.text, default: []].append("\(message.file):\(message.line)")
        }
        var out = """
            msgid ""
            msgstr ""
            "Project-Id-Version: Mantissa\\n"
            "MIME-Version: 1.0\\n"
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Content-Transfer-Encoding: 8bit\\n"

            """
        for text in order {
            out += "\n#: " + places[text, default: []].joined(separator: " ") + "\n"
            out += quoted("msgid", text) + "\n" + "msgstr \"\"\n"
        }
        return out
    }
}
