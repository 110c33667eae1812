/// The lexer behind `SwiftHighlighter`: one pass over the UTF-8 bytes of the code, which
/// records the coloured spans. Every loop advances, so any input ends; interpolations nest
/// by recursion up to `maxNesting` deep, past which `\(` is read as part of the string.
struct SwiftLexer {
    typealias Span = SwiftHighlighter.Span
    private let bytes: [UInt8]
    private var i = 0
    private var nesting = 0
    /// The last byte of the last token that was not a comment: what a word follows.
    private var lastCode: UInt8?
    private(set) var spans: [Span] = []
    private static let maxNesting = 32

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func lex() { code(inInterpolation: false) }

    // MARK: Code

    /// Lexes code to the end, or, inside an interpolation, up to (not past) its closing `)`.
    private mutating func code(inInterpolation: Bool) {
        var depth = 0
        while i < bytes.count {
            let c = bytes[i]
            if Self.isSpace(c) {
                i += 1
                continue
            }
            let comment = isComment(at: c)
            let regexMayStart = lastCode.map { Self.regexFollows.contains($0) } ?? true
            defer { if !comment { lastCode = bytes[i - 1] } }
            switch c {
            case UInt8(ascii: "("):
                depth += 1
                i += 1
            case UInt8(ascii: ")"):
                if inInterpolation && depth == 0 { return }
                depth -= 1
                i += 1
            case UInt8(ascii: "/") where comment && at(i + 1) == UInt8(ascii: "/"):
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                add(.comment, start)
            case UInt8(ascii: "/") where comment:
                blockComment()
            case UInt8(ascii: "/") where regexMayStart:
                regex()
            case UInt8(ascii: "\""):
                string(hashes: 0)
            case UInt8(ascii: "#"):
                pound()
            case UInt8(ascii: "@") where Self.isIdentifierStart(at(i + 1)):
                let start = i
                i += 1
                skipIdentifier()
                add(.attribute, start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number()
            case UInt8(ascii: "`"):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "`") && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                if at(i) == UInt8(ascii: "`") { i += 1 }
            case UInt8(ascii: "$"):
                i += 1
                while Self.isIdentifierPart(at(i)) { i += 1 }
            case _ where Self.isIdentifierStart(c):
                word()
            default:
                i += 1
            }
        }
    }

    /// Whether a comment starts at `i` with the byte `c`.
    private func isComment(at c: UInt8) -> Bool {
        c == UInt8(ascii: "/") && (at(i + 1) == UInt8(ascii: "/") || at(i + 1) == UInt8(ascii: "*"))
    }

    /// `/* … */`, nested as Swift nests them; an unclosed one runs to the end.
    private mutating func blockComment() {
        let start = i
        var depth = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "/") && at(i + 1) == UInt8(ascii: "*") {
                depth += 1
                i += 2
            } else if bytes[i] == UInt8(ascii: "*") && at(i + 1) == UInt8(ascii: "/") {
                depth -= 1
                i += 2
                if depth == 0 { break }
            } else {
                i += 1
            }
        }
        add(.comment, start)
    }

    /// `#` starts a raw string (`#"…"#`), an `#if` directive (with the names of its
    /// condition), `#else` or `#endif`; any other `#name` is plain, as are a raw string's `#`s.
    private mutating func pound() {
        var hashes = 0
        while at(i + hashes) == UInt8(ascii: "#") { hashes += 1 }
        if at(i + hashes) == UInt8(ascii: "\"") {
            i += hashes
            string(hashes: hashes)
            return
        }
        let start = i
        i += 1
        let nameStart = i
        while Self.isIdentifierPart(at(i)) { i += 1 }
        switch String(decoding: bytes[nameStart..<i], as: UTF8.self) {
        case "if", "elseif":
            add(.directive, start)
            // The condition: its names are part of the directive, its numbers numbers.
            while let c = at(i), c != UInt8(ascii: "\n"),
                  !(c == UInt8(ascii: "/") && (at(i + 1) == UInt8(ascii: "/") || at(i + 1) == UInt8(ascii: "*"))) {
                if Self.isIdentifierStart(c) {
                    let name = i
                    skipIdentifier()
                    add(.directive, name)
                } else if Self.isDigit(c) {
                    number()
                } else {
                    i += 1
                }
            }
        case "else", "endif":
            add(.directive, start)
        default:
            i = nameStart
        }
    }

    // MARK: Literals

    /// A string literal from its opening quote, with `hashes` `#`s around it (already
    /// consumed before, left unconsumed after). Interpolations are lexed as code, their
    /// `\(` and `)` left plain; a one-line string ends at the line's end if unclosed.
    private mutating func string(hashes: Int) {
        let multiline = at(i + 1) == UInt8(ascii: "\"") && at(i + 2) == UInt8(ascii: "\"")
        var segment = i
        i += multiline ? 3 : 1
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") && hashesFollow(i + 1, count: hashes) {
                let after = i + 1 + hashes
                if at(after) == UInt8(ascii: "(") && nesting < Self.maxNesting {
                    add(.string, segment)
                    i = after + 1
                    nesting += 1
                    code(inInterpolation: true)
                    nesting -= 1
                    if i < bytes.count { i += 1 }
                    segment = i
                } else if multiline, let end = lineEndAfterSpaces(after) {
                    // A backslash that ends a line joins it to the next; it is not text.
                    add(.string, segment)
                    i = end
                    segment = i
                } else {
                    i = min(after + 1, bytes.count)
                }
            } else if c == UInt8(ascii: "\"") {
                let quotes = multiline ? 3 : 1
                if (0..<quotes).allSatisfy({ at(i + $0) == UInt8(ascii: "\"") }) && hashesFollow(i + quotes, count: hashes) {
                    i += quotes
                    add(.string, segment)
                    i += hashes
                    return
                }
                i += 1
            } else if c == UInt8(ascii: "\n") && !multiline {
                break
            } else {
                i += 1
            }
        }
        add(.string, segment)
    }

    /// The position after the line feed at `position`, past spaces and tabs, if one is there.
    private func lineEndAfterSpaces(_ position: Int) -> Int? {
        var j = position
        while at(j) == UInt8(ascii: " ") || at(j) == UInt8(ascii: "\t") { j += 1 }
        return at(j) == UInt8(ascii: "\n") ? j + 1 : nil
    }

    /// A regex literal `/…/` on one line, coloured as a string; `i` is at its opening `/`,
    /// which is not followed by white space. Anything else is a `/` operator.
    private mutating func regex() {
        var j = i + 1
        guard let first = at(j), !Self.isSpace(first) else {
            i += 1
            return
        }
        while let c = at(j), c != UInt8(ascii: "\n") {
            if c == UInt8(ascii: "\\") {
                j += 2
            } else if c == UInt8(ascii: "/") {
                let start = i
                i = j + 1
                add(.string, start)
                return
            } else {
                j += 1
            }
        }
        i += 1
    }

    /// The bytes after which `/` starts a regex literal rather than dividing.
    private static let regexFollows: Set<UInt8> = Set("(,=:[{;".utf8)

    private func hashesFollow(_ position: Int, count: Int) -> Bool {
        (0..<count).allSatisfy { at(position + $0) == UInt8(ascii: "#") }
    }

    /// Decimal, hexadecimal (with a `p` exponent), octal and binary literals, with `_`.
    private mutating func number() {
        let start = i
        let prefix = at(i + 1)
        if bytes[i] == UInt8(ascii: "0"), prefix == UInt8(ascii: "x") || prefix == UInt8(ascii: "o") || prefix == UInt8(ascii: "b") {
            i += 2
            let hex = prefix == UInt8(ascii: "x")
            digits(hex: hex)
            if hex {
                if at(i) == UInt8(ascii: "."), Self.isHexDigit(at(i + 1)) {
                    i += 1
                    digits(hex: true)
                }
                exponent(markers: [UInt8(ascii: "p"), UInt8(ascii: "P")])
            }
        } else {
            digits(hex: false)
            if at(i) == UInt8(ascii: "."), Self.isDigit(at(i + 1)) {
                i += 1
                digits(hex: false)
            }
            exponent(markers: [UInt8(ascii: "e"), UInt8(ascii: "E")])
        }
        add(.number, start)
    }

    private mutating func digits(hex: Bool) {
        while Self.isHexDigit(at(i)) && (hex || Self.isDigit(at(i))) || at(i) == UInt8(ascii: "_") { i += 1 }
    }

    private mutating func exponent(markers: [UInt8]) {
        guard let marker = at(i), markers.contains(marker) else { return }
        let sign = at(i + 1) == UInt8(ascii: "+") || at(i + 1) == UInt8(ascii: "-") ? 1 : 0
        guard Self.isDigit(at(i + 1 + sign)) else { return }
        i += 1 + sign
        digits(hex: false)
    }

    // MARK: Words

    /// An identifier or keyword, coloured by `SwiftWords`.
    private mutating func word() {
        let start = i
        skipIdentifier()
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        let context = SwiftWords.Context(
            previous: lastCode, next: significant(from: i), nextWord: word(from: i), label: label(from: i))
        if let kind = SwiftWords.kind(of: text, in: context) { add(kind, start) }
    }

    private mutating func skipIdentifier() {
        while Self.isIdentifierPart(at(i)) { i += 1 }
    }

    /// The first byte from `position` on that is not white space.
    private func significant(from position: Int) -> UInt8? {
        var j = position
        while j < bytes.count && Self.isSpace(bytes[j]) { j += 1 }
        return at(j)
    }

    /// The word that starts at the next significant byte, if one does.
    private func word(from position: Int) -> String? {
        var j = position
        while j < bytes.count && Self.isSpace(bytes[j]) { j += 1 }
        guard Self.isIdentifierStart(at(j)) else { return nil }
        let start = j
        while Self.isIdentifierPart(at(j)) { j += 1 }
        return String(decoding: bytes[start..<j], as: UTF8.self)
    }

    /// The `:` that follows on the same line, directly or after one more name (`in x:`),
    /// as a label's colon would, and what comes after it.
    private func label(from position: Int) -> SwiftWords.Label? {
        var j = position
        while at(j) == UInt8(ascii: " ") { j += 1 }
        let direct = at(j) == UInt8(ascii: ":")
        if !direct {
            guard Self.isIdentifierStart(at(j)) else { return nil }
            while Self.isIdentifierPart(at(j)) { j += 1 }
            while at(j) == UInt8(ascii: " ") { j += 1 }
            guard at(j) == UInt8(ascii: ":") else { return nil }
        }
        // A name such as `f(in:)` or `f(in:by:)`: the colon is followed by `)` or a label.
        var k = j + 1
        while Self.isIdentifierPart(at(k)) { k += 1 }
        let inName = at(j + 1) == UInt8(ascii: ")") || (k > j + 1 && at(k) == UInt8(ascii: ":"))
        return SwiftWords.Label(direct: direct, inName: inName, after: significant(from: j + 1))
    }

    // MARK: Bytes

    private func at(_ position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func add(_ kind: SwiftHighlighter.Kind, _ start: Int) {
        if i > start { spans.append(Span(kind: kind, range: start..<i)) }
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }

    static func isDigit(_ c: UInt8?) -> Bool { c.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }

    static func isHexDigit(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c | 0x20)
    }

    /// Letters, `_` and any non-ASCII byte (the book's code has Greek names such as `ε`).
    static func isIdentifierStart(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c | 0x20) || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isIdentifierPart(_ c: UInt8?) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
