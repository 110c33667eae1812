/// Reads one lesson file into a `LessonDocument`, or reports every problem it finds.
public enum LessonParser {
    /// Parses `text`, the contents of the lesson at `path` (relative to the package root).
    ///
    /// - Throws: `BookError` naming `path:line` for a bad file name, missing or unterminated
    ///   front matter, an unknown cell option, an unterminated fence, `@main` in a cell,
    ///   a declaration Swift allows only at file scope (`import`, `extension`, operators),
    ///   or an empty inline expression.
    public static func parse(_ text: String, path: String) throws(BookError) -> LessonDocument {
        let (id, kind) = try identity(of: path)
        let pre = try Preprocessor.run(text, file: path)
        var typing = TypedInlines()
        let blocks = typing.typed(CMark.parse(pre.text))
        let inlines = typing.expressions

        var problems = pre.problems
        var cells: [Cell] = []
        walk(blocks) { block in
            guard case .code(let info, let literal, let line, let closed) = block else { return }
            if !closed {
                problems.append(LessonError(file: path, line: line, message: "unterminated code fence: close it with a line of the same fence characters"))
            }
            switch cellKind(info: info) {
            case .none: return
            case .failure(let message):
                problems.append(LessonError(file: path, line: line, message: message))
            case .success(let kind):
                let cell = Cell(index: cells.count, kind: kind, code: literal, fenceLine: line)
                problems += checkCode(cell, file: path)
                cells.append(cell)
            }
        } inline: { _ in }
        for expression in inlines where expression.expression.isEmpty {
            problems.append(LessonError(file: path, line: expression.line, message: "empty inline value: write `{swift} expression`"))
        }
        if !problems.isEmpty { throw BookError(problems) }
        return LessonDocument(
            id: id, kind: kind, path: path,
            title: pre.frontMatterValue("title"),
            summary: pre.frontMatterValue("summary"),
            frontMatter: pre.frontMatter,
            blocks: blocks, cells: cells, inlines: inlines, math: pre.math, citations: pre.citations,
            definitions: pre.definitions
        )
    }

    /// The folder, inside the lessons folder, whose `slug.md` files are reference pages.
    public static let referenceFolder = "reference"

    /// `Lessons/01-numbers.md` -> (`01-numbers`, chapter 1);
    /// `Lessons/reference/glossary.md` -> (`glossary`, reference).
    static func identity(of path: String) throws(BookError) -> (String, LessonDocument.Kind) {
        let components = path.split(separator: "/").map(String.init)
        let name = components.last ?? path
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if components.dropLast().last == referenceFolder {
            guard let first = id.first, first.isASCII && first.isLowercase, isSlug(id), id != "index" else {
                throw BookError([LessonError(file: path, line: 1, message: "a reference page's file name is slug.md (a lowercase letter, then lowercase letters, digits and dashes; not index.md), e.g. glossary.md")])
            }
            return (id, .reference)
        }
        let parts = id.split(separator: "-", maxSplits: 1)
        guard let number = parts.first.flatMap({ Int($0) }), parts[0].allSatisfy(\.isNumber), parts.count == 2, isSlug(parts[1]) else {
            throw BookError([LessonError(file: path, line: 1, message: "a lesson's file name is NN-slug.md (digits, a dash, lowercase letters, digits and dashes), e.g. 03-overflow.md; a reference page is \(referenceFolder)/slug.md")])
        }
        return (id, .chapter(number: number))
    }

    /// Lowercase ASCII letters, digits and dashes, at least one.
    private static func isSlug(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy { ($0.isLetter && $0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    enum KindResult { case none, failure(String), success(Cell.Kind) }

    /// `swift` -> .run, `swift hide` -> .hide, `python` -> not a cell, `swift fast` -> error.
    static func cellKind(info: String) -> KindResult {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.first == "swift" else { return .none }
        let known = Cell.Kind.allCases.filter { $0 != .run }.map(\.rawValue)
        let options = words.dropFirst()
        if options.count > 1 {
            return .failure("a cell takes at most one option, found '\(options.joined(separator: " "))' (options: \(known.joined(separator: ", ")))")
        }
        guard let option = options.first else { return .success(.run) }
        guard let kind = Cell.Kind(rawValue: option), kind != .run else {
            return .failure("unknown cell option '\(option)' (options: \(known.joined(separator: ", ")); or plain ```swift)")
        }
        return .success(kind)
    }

    static func checkCode(_ cell: Cell, file: String) -> [LessonError] {
        var depth = 0
        return cell.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { offset, line in
            defer { depth += line.count { $0 == "{" } - line.count { $0 == "}" } }
            let message = line.contains("@main")
                ? "@main is not allowed in a cell: the book's runner is the program's entry point"
                : depth == 0 ? fileScopeHint(line, in: cell.kind) : nil
            return message.map { LessonError(file: file, line: cell.codeLine + offset, message: $0) }
        }
    }

    /// What to do instead of a declaration that Swift allows only at file scope, which no
    /// cell is: `file` cells are members of the lesson's class and the other cells are
    /// statements of its `run` method (see `SwiftGenerator`). The compiler would only say
    /// "declaration is only valid at file scope".
    static func fileScopeHint(_ line: Substring, in kind: Cell.Kind) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        while let first = words.first, ["public", "private", "fileprivate", "internal"].contains(first) { words.removeFirst() }
        guard let keyword = words.first.map(String.init) else { return nil }
        let declared = ["prefix", "infix", "postfix"].contains(keyword) && words.dropFirst().first == "operator" ? "operator" : keyword
        switch declared {
        case "import":
            return "a cell cannot import: every lesson already imports \(SwiftGenerator.imports.joined(separator: ", ")), and a lesson's code is compiled inside one class, where imports are not allowed"
        case "extension", "operator", "precedencegroup":
            return "a cell cannot declare an \(declared == "precedencegroup" ? "operator's precedence group" : declared): a lesson's code is compiled inside one class, where Swift allows no \(declared) declarations; write a function, or a method of a type declared in a `swift file` cell"
        case "protocol" where kind != .file:
            return "declare a protocol in a `swift file` cell: the other cells are statements of one function, where Swift allows no protocols"
        default:
            return nil
        }
    }

    /// The expression of a `{swift} expr` code span, or nil for ordinary code.
    static func inlineExpression(_ literal: String) -> String? {
        guard literal.hasPrefix("{swift}") else { return nil }
        return literal.dropFirst("{swift}".count).trimming(" \t")
    }

    /// Visits every block and every inline in reading order.
    static func walk(_ blocks: [Block], block: (Block) -> Void, inline: (Inline) -> Void) {
        func visit(_ inlines: [Inline]) {
            for i in inlines {
                inline(i)
                switch i {
                case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c), .image(_, _, let c): visit(c)
                default: break
                }
            }
        }
        for b in blocks {
            block(b)
            switch b {
            case .paragraph(let c, _), .heading(_, let c, _): visit(c)
            case .blockQuote(let children): walk(children, block: block, inline: inline)
            case .list(_, _, _, let items): items.forEach { walk($0, block: block, inline: inline) }
            case .table(_, let header, let rows, _): header.forEach(visit); rows.forEach { $0.forEach(visit) }
            case .code, .html, .thematicBreak: break
            }
        }
    }
}
