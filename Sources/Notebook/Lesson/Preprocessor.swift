/// What must happen to a lesson's text before cmark sees it, keeping every line where it is:
/// front matter is read and blanked (cmark would read it as a rule and a heading), and math,
/// citations and definitions are swapped for placeholders (a `|` in math would split a
/// table cell, a `_` would start emphasis). Code fences and code spans are left alone:
/// `$0` in Swift is not math.
struct Preprocessed {
    var text: String
    /// The front matter's fields in the order written, each definition in them replaced
    /// by its placeholder.
    var frontMatter: [FrontMatterField]
    var math: [Math]
    var citations: [Citation]
    /// The definitions `{=…}` of the front matter, then of the prose, in reading order.
    var definitions: [Definition]
    /// Problems in the front matter that did not stop the rest of the file being read.
    var problems: [LessonError]

    /// Placeholder characters from the Private Use Area, which cmark passes through as text.
    static let inlineOpen: Character = "\u{E000}"
    static let displayOpen: Character = "\u{E002}"
    static let close: Character = "\u{E001}"
    /// Stands in for a line of math after its first, so line numbers stay true.
    static let continuation: Character = "\u{E003}"
    static let citationOpen: Character = "\u{E004}"
    static let definitionOpen: Character = "\u{E005}"

    /// The value of the front matter's `key` as a reader sees it: each definition shown as
    /// its text. Empty when the key is absent.
    func frontMatterValue(_ key: String) -> String {
        frontMatter.last(where: { $0.key == key })?.text.showingDefinitions(definitions) ?? ""
    }
}

enum Preprocessor {
    static let frontMatterKeys = ["title", "summary"]

    static func run(_ source: String, file: String) throws(BookError) -> Preprocessed {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (fields, problems) = try readFrontMatter(&lines, file: file)
        var definitions: [Definition] = []
        let frontMatter = fields.map { field in
            FrontMatterField(key: field.key, text: protectDefinitions(field.text, line: field.line, definitions: &definitions), line: field.line)
        }
        var math: [Math] = []
        var citations: [Citation] = []
        let text = protectSpans(lines.joined(separator: "\n"), math: &math, citations: &citations, definitions: &definitions)
        return Preprocessed(text: text, frontMatter: frontMatter, math: math, citations: citations,
                            definitions: definitions, problems: problems)
    }

    /// Reads `---`/`key: value`/`---` at the top of the file and blanks those lines.
    /// Missing or unterminated front matter stops the reading (where would the lesson
    /// start?); a bad line inside it is returned as a problem and the reading goes on.
    static func readFrontMatter(_ lines: inout [String], file: String) throws(BookError) -> ([FrontMatterField], [LessonError]) {
        guard lines.first?.trimming(" \t\r") == "---" else {
            throw BookError([LessonError(file: file, line: 1, message: "missing front matter: start the file with ---, a line 'title: …', and ---")])
        }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimming(" \t\r") == "---" }) else {
            throw BookError([LessonError(file: file, line: 1, message: "unterminated front matter: add a line --- after the title and summary")])
        }
        var fields: [FrontMatterField] = []
        var problems: [LessonError] = []
        for i in 1..<end {
            let line = lines[i]
            if line.trimming(" \t\r").isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(LessonError(file: file, line: i + 1, message: "front matter lines look like 'key: value'"))
                continue
            }
            let key = line[..<colon].trimming(" \t")
            var value = line[line.index(after: colon)...].trimming(" \t\r")
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            if frontMatterKeys.contains(key) {
                fields.removeAll { $0.key == key }
                fields.append(FrontMatterField(key: key, text: value, line: i + 1))
            } else {
                problems.append(LessonError(file: file, line: i + 1, message: "unknown front matter key '\(key)' (known: \(frontMatterKeys.joined(separator: ", ")))"))
            }
        }
        if fields.first(where: { $0.key == "title" })?.text.isEmpty ?? true {
            problems.append(LessonError(file: file, line: 1, message: "front matter needs a title: add 'title: …'"))
        }
        for i in 0...end { lines[i] = "" }
        return (fields, problems)
    }

    /// Replaces `$…$` and `$$…$$` outside code with placeholders, recording each span, and
    /// citations `[@key]` or `[@key1; @key2]` and definitions `{=0.95}` likewise.
    /// Inline math follows pandoc's rule: the opening `$` is not followed by a space, the
    /// closing one is not preceded by a space nor followed by a digit (so "$5 and $10" is
    /// not math). `\$` is a literal dollar and `\{` a literal brace. Math does not cross a
    /// blank line.
    static func protectSpans(_ text: String, math: inout [Math], citations: inout [Citation],
                             definitions: inout [Definition]) -> String {
        let chars = Array(text)
        var line = 1
        var lineCountedTo = 0
        func lineNumber(at index: Int) -> Int {
            while lineCountedTo < index { if chars[lineCountedTo] == "\n" { line += 1 }; lineCountedTo += 1 }
            return line
        }
        var out = String()
        out.reserveCapacity(text.utf8.count)
        var i = 0
        var atLineStart = true
        var fence: (char: Character, count: Int)? = nil

        while i < chars.count {
            if atLineStart {
                let lineEnd = chars[i...].firstIndex(of: "\n") ?? chars.count
                let line = String(chars[i..<lineEnd])
                if let open = fence {
                    if isFence(line, closing: open) { fence = nil }
                    out += line
                    i = lineEnd
                    atLineStart = false
                    continue
                }
                if let opening = fenceOpening(line) {
                    fence = opening
                    out += line
                    i = lineEnd
                    atLineStart = false
                    continue
                }
            }
            let c = chars[i]
            atLineStart = c == "\n"
            if c == "\\", i + 1 < chars.count, "$`{".contains(chars[i + 1]) {
                out.append(c); out.append(chars[i + 1]); i += 2
                continue
            }
            if c == "`" {
                let end = codeSpanEnd(chars, from: i)
                out += String(chars[i..<end])
                i = end
                continue
            }
            if c == "$", let (tex, end, display) = mathSpan(chars, from: i) {
                out += Placeholder.math(math.count, display: display).characters
                for _ in tex.filter({ $0 == "\n" }) { out += "\n"; out.append(Preprocessed.continuation) }
                math.append(Math(tex: tex.trimming(" \n\t"), display: display))
                i = end
                continue
            }
            if c == "[", let (keys, end) = citationSpan(chars, from: i) {
                out += Placeholder.citation(citations.count).characters
                citations.append(Citation(keys: keys, line: lineNumber(at: i)))
                i = end
                continue
            }
            if c == "{", let (given, end) = definitionSpan(chars, from: i) {
                out += record(Definition(text: given, line: lineNumber(at: i)), in: &definitions)
                i = end
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `[@key]` or `[@a; @b]` on one line: the keys and the index past the `]`.
    /// Keys are letters, digits, `_`, `-` and `:`.
    static func citationSpan(_ chars: [Character], from start: Int) -> ([String], Int)? {
        guard start + 2 < chars.count, chars[start + 1] == "@" else { return nil }
        guard let end = chars[start...].firstIndex(where: { $0 == "]" || $0 == "\n" }), chars[end] == "]" else { return nil }
        let parts = String(chars[(start + 1)..<end]).split(separator: ";").map { $0.trimming(" ") }
        let keys = parts.compactMap { part -> String? in
            guard part.hasPrefix("@") else { return nil }
            let key = part.dropFirst()
            return !key.isEmpty && key.allSatisfy({ $0.isLetter || $0.isNumber || "_-:".contains($0) }) ? String(key) : nil
        }
        return keys.count == parts.count ? (keys, end + 1) : nil
    }

    /// `{=text}` on one line: the text, without surrounding spaces, and the index past the
    /// `}`. The text holds no braces and is not empty.
    static func definitionSpan(_ chars: [Character], from start: Int) -> (String, Int)? {
        guard start + 1 < chars.count, chars[start + 1] == "=" else { return nil }
        guard let end = chars[(start + 2)...].firstIndex(where: { "{}\n".contains($0) }), chars[end] == "}" else { return nil }
        let given = String(chars[(start + 2)..<end]).trimming(" \t")
        return given.isEmpty ? nil : (given, end + 1)
    }

    /// Appends `definition` to `definitions`; returns the placeholder that stands for it.
    static func record(_ definition: Definition, in definitions: inout [Definition]) -> String {
        definitions.append(definition)
        return Placeholder.definition(definitions.count - 1).characters
    }

    /// A front matter value with each definition `{=…}` replaced by its placeholder.
    /// Front matter is not Markdown: a backslash there is only a backslash.
    static func protectDefinitions(_ value: String, line: Int, definitions: inout [Definition]) -> String {
        let chars = Array(value)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "{", let (given, end) = definitionSpan(chars, from: i) {
                out += record(Definition(text: given, line: line), in: &definitions)
                i = end
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    static func fenceOpening(_ line: String) -> (char: Character, count: Int)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let count = trimmed.prefix { $0 == first }.count
        return count >= 3 ? (first, count) : nil
    }

    static func isFence(_ line: String, closing open: (char: Character, count: Int)) -> Bool {
        let trimmed = line.trimming(" \t\r")
        return trimmed.count >= open.count && trimmed.allSatisfy { $0 == open.char }
    }

    /// The index just past a code span starting at `start` (a run of backticks closed by a
    /// run of the same length before a blank line), or past the opening run if unclosed.
    static func codeSpanEnd(_ chars: [Character], from start: Int) -> Int {
        let run = chars[start...].prefix { $0 == "`" }.count
        var j = start + run
        while j < chars.count {
            if chars[j] == "\n", j + 1 < chars.count, chars[j + 1] == "\n" { break }
            if chars[j] == "`" {
                let closing = chars[j...].prefix { $0 == "`" }.count
                if closing == run { return j + closing }
                j += closing
            } else {
                j += 1
            }
        }
        return start + run
    }

    static func mathSpan(_ chars: [Character], from start: Int) -> (String, Int, Bool)? {
        let display = start + 1 < chars.count && chars[start + 1] == "$"
        let open = display ? 2 : 1
        var j = start + open
        guard j < chars.count, display || !chars[j].isWhitespace else { return nil }
        while j < chars.count {
            let c = chars[j]
            if c == "\n", j + 1 < chars.count, chars[j + 1] == "\n" { return nil }
            if c == "\\" { j += 2; continue }
            if c == "$" {
                if display {
                    if j + 1 < chars.count, chars[j + 1] == "$" {
                        return (String(chars[(start + 2)..<j]), j + 2, true)
                    }
                } else if !chars[j - 1].isWhitespace, !(j + 1 < chars.count && chars[j + 1].isNumber) {
                    return (String(chars[(start + 1)..<j]), j + 1, false)
                } else {
                    return nil
                }
            }
            j += 1
        }
        return nil
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        let scalars = Set(set)
        let start = firstIndex { !scalars.contains($0) } ?? endIndex
        let end = lastIndex { !scalars.contains($0) }.map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }
}
