import Foundation
import Notebook
import Testing

/// The cells' highlighter against the compiler's own classification: swift-syntax 603.0.1's
/// `SwiftIDEUtils`, run by `Oracle/generate.sh` over every Swift cell of the book (as it was
/// when the oracle was generated) and over `Oracle/corpus.swift`, and stored with its sources
/// in `Oracle/swift-classification.json`.
@Suite("Swift highlighting")
struct SwiftHighlighterTests {
    struct Entry: Decodable {
        let source: String
        /// One letter per UTF-8 byte of `source`; see `Oracle/SwiftClassification`.
        let kinds: String
    }

    static let oracle: [Entry] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appending(path: "Oracle/swift-classification.json")
        guard let data = try? Data(contentsOf: url), let entries = try? JSONDecoder().decode([Entry].self, from: data) else {
            return []
        }
        return entries
    }()

    typealias Kind = SwiftHighlighter.Kind

    /// What the highlighter must say of a byte swift-syntax classified as `letter`: one kind
    /// or nothing, or, for an identifier, nothing or `.type` (a capitalised name used as a
    /// value, which the lexer cannot tell from a type). Regex literals are coloured as
    /// strings; labels, operators, `$0` and punctuation are plain.
    static func allowed(_ letter: UInt8) -> [Kind?] {
        switch Character(Unicode.Scalar(letter)) {
        case "k": [.keyword]
        case "a": [.attribute]
        case "t": [.type]
        case "n", "f": [.number]
        case "s", "r": [.string]
        case "c", "D": [.comment]
        case "p": [.directive]
        case "i": [nil, .type]
        default: [nil]
        }
    }

    /// Each byte's kind by the highlighter.
    static func kinds(_ source: String) -> [Kind?] {
        var kinds = [Kind?](repeating: nil, count: source.utf8.count)
        for span in SwiftHighlighter.spans(in: source) {
            for i in span.range { kinds[i] = span.kind }
        }
        return kinds
    }

    @Test("the oracle holds every cell of the book and the corpus")
    func oracleIsRead() throws {
        #expect(Self.oracle.count > 120)
        for entry in Self.oracle { try #require(entry.kinds.utf8.count == entry.source.utf8.count) }
        #expect(Self.oracle.contains { $0.source.contains("#\"") && $0.source.contains("\"\"\"") })
    }

    @Test("every byte agrees with swift-syntax's classification, white space aside")
    func agreesWithSwiftSyntax() {
        var disagreements: [String] = []
        for entry in Self.oracle {
            let source = Array(entry.source.utf8)
            let ours = Self.kinds(entry.source)
            for (i, letter) in entry.kinds.utf8.enumerated() where !" \t\n\r".utf8.contains(source[i]) {
                guard !Self.allowed(letter).contains(ours[i]) else { continue }
                let lineStart = source[..<i].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                let lineEnd = source[i...].firstIndex(of: UInt8(ascii: "\n")) ?? source.count
                disagreements.append("byte \(i - lineStart) of `\(String(decoding: source[lineStart..<lineEnd], as: UTF8.self))`: "
                    + "swift-syntax \(Character(Unicode.Scalar(letter))), ours \(ours[i]?.rawValue ?? "plain")")
                break
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) sources disagree:\n\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test("the lexer's rules of context tell keywords from names spelled the same")
    func contextualKeywords() {
        func kinds(of word: String, in source: String) -> [Kind?] {
            let spans = SwiftHighlighter.spans(in: source)
            var found: [Kind?] = []
            var searchFrom = source.startIndex
            while let range = source.range(of: word, range: searchFrom..<source.endIndex) {
                let offset = source.utf8.distance(from: source.startIndex, to: range.lowerBound)
                found.append(spans.first { $0.range.contains(offset) }?.kind)
                searchFrom = range.upperBound
            }
            return found
        }
        #expect(kinds(of: "set", in: "var x: Int { get set }; let set = 1; private(set) var y = 0") == [.keyword, nil, nil])
        #expect(kinds(of: "default", in: "switch x { default: f(default: 1, x.default) }") == [.keyword, nil, nil])
        #expect(kinds(of: "some", in: "func f() -> some View { let some = 1 }") == [.keyword, nil])
        #expect(kinds(of: "init", in: "init() { self.init(x: 1); let y = Float.init(2) }") == [.keyword, .keyword, .keyword])
        #expect(kinds(of: "mutating", in: "mutating func f() {}; let mutating = 2") == [.keyword, nil])
        #expect(kinds(of: "Float", in: "let x: Float = Float(1)") == [.type, .type])
    }

    @Test("the HTML is the code, escaped, with spans around what is coloured")
    func html() {
        #expect(SwiftHighlighter.html("let s = \"<a & b>\" // x < y") ==
            "<span class=\"hl-kw\">let</span> s = <span class=\"hl-str\">&quot;&lt;a &amp; b&gt;&quot;</span> "
            + "<span class=\"hl-com\">// x &lt; y</span>")
        #expect(SwiftHighlighter.html("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(SwiftHighlighter.html("") == "")
    }

    /// Stripping the spans and unescaping gives back every source exactly, and odd input
    /// (unclosed strings and comments, deep interpolation, stray quotes and `#`s) ends.
    @Test("the page shows exactly the code, however odd", arguments: [
        "\"unclosed", "/* unclosed /* nested", "#\"raw unclosed", "\"\"\"\nmulti unclosed", "#if",
        String(repeating: "\"\\(", count: 200), "@", "$", "`x", "0x", "1e", "0x1p", "\\#(", "r\"\\", "\"é\\é\"",
    ] + oracle.map(\.source))
    func roundTrip(_ source: String) {
        let html = SwiftHighlighter.html(source)
        let text = html.replacing(/<span class="hl-[a-z]+">|<\/span>/, with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(text == source)
        let spans = SwiftHighlighter.spans(in: source)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
    }
}
