/// A number typed into a lesson's prose that neither code computes nor a source backs.
///
/// The book's rule: a figure in prose is an inline value `` `{swift} expr` `` or cites its
/// source. `find(in:)` is a static pass over the parsed lessons; it runs nothing.
///
/// **What is a number.** A word is a run of letters, digits and `_`, with `.` `,` `-` `'`
/// `’` `/` `:` `×` kept inside it when a letter or digit stands on both sides. A word is a
/// number when its first character is a digit 0–9: `0.95`, `10,000`, `1e-8`, `65504`,
/// `8-bit`, `2nd`, `5x`, the `2.6` of "PyTorch 2.6". A word that starts with a letter or
/// `_` is a name, whatever digits follow: `FP16`, `E4M3`, `E5M2FN`, `GPT-3`, `β₂`, `x²`,
/// `x_1`, `v1.2`. Numbers written in words ("two") are not checked.
///
/// **What needs no source.** Only typed prose is read: front matter `title` and `summary`,
/// paragraphs and table cells (in lists and block quotes too). Not read: headings, code
/// blocks and cells, HTML, code spans and inline values, math `$…$` and `$$…$$`, link and
/// image destinations, and definitions `{=…}` (see `Definition`). Among what is read,
/// a number needs no source when
/// - it is a reference: it follows "chapter", "figure" or "table" (singular or plural, any
///   case), alone or in a list joined by `,`, `-`, `–`, `&`, "and", "or", "to", "through":
///   "chapter 5", "Chapters 5 and 6", "chapter 5's", "Figure 2", "tables 1–3";
/// - its sentence cites a source: it holds a citation `[@key]` or a link to an `http://`
///   or `https://` page (whose text is then not read either). A sentence ends at `.`, `!`
///   or `?` followed by a space and a capital letter, a digit, code or math.
public struct TypedNumber: Equatable, Sendable, CustomStringConvertible {
    /// The lesson's file, relative to the package root.
    public let file: String
    /// The Markdown line of the number.
    public let line: Int
    /// The number as written, with a sign or point just before it: `-2.5`, `0.95`.
    public let number: String
    /// The prose around the number, on one line, cut at words and marked `…` where cut.
    public let context: String

    /// What to do about a typed number.
    public static let advice = "compute it with {swift} …, cite its source, or mark a definition with {=…}"

    /// `"…context…" — compute it with {swift} …, cite its source, or mark a definition with {=…}`.
    public var message: String { "\"\(context)\" — \(Self.advice)" }

    /// `Lessons/FILE.md:LINE: a number typed in prose: "…context…" — …`.
    public var description: String { "\(file):\(line): a number typed in prose: \(message)" }

    /// Every typed number of `book`, ordered by file, line and place in the line.
    public static func find(in book: Book) -> [TypedNumber] {
        let found = book.lessons.flatMap(find(in:))
        return found.indices.sorted { (found[$0].file, found[$0].line, $0) < (found[$1].file, found[$1].line, $1) }
            .map { found[$0] }
    }

    /// Every typed number of `lesson`, in reading order (front matter first).
    public static func find(in lesson: LessonDocument) -> [TypedNumber] {
        Prose.all(in: lesson).flatMap { prose in
            typedNumbers(in: prose).map { word in
                TypedNumber(file: lesson.path, line: prose.lines[word.lowerBound],
                            number: prose.number(word), context: prose.context(around: word))
            }
        }
    }

    /// The words of `prose` that are typed numbers.
    static func typedNumbers(in prose: Prose) -> [Range<Int>] {
        let cited = prose.sentences().filter { prose.roles[$0].contains(.citation) }
        var result: [Range<Int>] = []
        var reference = ReferenceList()
        for word in prose.words() {
            let isNumber = prose.characters[word.lowerBound].isASCII && prose.characters[word.lowerBound].isNumber
            let isReference = reference.read(word, of: prose, isNumber: isNumber)
            guard isNumber, prose.roles[word.lowerBound] == .typed, !isReference,
                  !cited.contains(where: { $0.contains(word.lowerBound) }) else { continue }
            result.append(word)
        }
        return result
    }
}

/// Follows a reference such as "chapters 5 and 6" word by word.
private struct ReferenceList {
    static let nouns: Set<String> = ["chapter", "chapters", "figure", "figures", "table", "tables"]
    static let joiningWords: Set<String> = ["and", "or", "to", "through"]
    static let joiningMarks: Set<Character> = [",", "-", "–", "&"]

    /// After a noun of `nouns`, through the numbers of its list.
    private var open = false
    /// Where the last word read ended.
    private var end = 0

    /// Reads the next word of `prose`; true when it is a number of an open reference.
    mutating func read(_ word: Range<Int>, of prose: Prose, isNumber: Bool) -> Bool {
        defer { end = word.upperBound }
        if !prose.characters[end..<word.lowerBound].allSatisfy({ $0.isWhitespace || Self.joiningMarks.contains($0) }) {
            open = false
        }
        if isNumber { return open }
        let lowered = String(prose.characters[word]).lowercased()
        if Self.nouns.contains(lowered) { open = true } else if !Self.joiningWords.contains(lowered) { open = false }
        return false
    }
}

extension Prose {
    /// The number of `word`, with the sign or decimal point written just before it.
    func number(_ word: Range<Int>) -> String {
        let start = word.lowerBound
        let signed = start > 0 && "-−+±.".contains(characters[start - 1])
            && (start == 1 || !Self.isWordCharacter(characters[start - 2]))
        return String(characters[(signed ? start - 1 : start)..<word.upperBound])
    }

    /// Up to about 30 characters of prose on either side of `word`, cut at white space,
    /// with white space folded to single spaces.
    func context(around word: Range<Int>, reach: Int = 30) -> String {
        var start = Swift.max(0, word.lowerBound - reach)
        var end = Swift.min(characters.count, word.upperBound + reach)
        if start > 0, let space = characters[start..<word.lowerBound].firstIndex(where: \.isWhitespace) { start = space + 1 }
        if end < characters.count, let space = characters[word.upperBound..<end].lastIndex(where: \.isWhitespace) { end = space }
        let text = characters[start..<end].split(whereSeparator: \.isWhitespace).map { String($0) }.joined(separator: " ")
        return (start > 0 ? "…" : "") + text + (end < characters.count ? "…" : "")
    }
}
