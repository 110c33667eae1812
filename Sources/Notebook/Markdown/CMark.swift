import CCMarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only place that talks to cmark-gfm's C API: Markdown text in, `[Block]` out.
///
/// The C tree is converted to Swift values in one pass and freed before returning.
/// GFM tables, strikethrough, autolinks and task lists are enabled; raw HTML is kept
/// (lessons are trusted).
enum CMark {
    static let extensions = ["table", "strikethrough", "autolink", "tasklist"]

    static func parse(_ markdown: String) -> [Block] {
        withDocument(markdown) { document in
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            return Converter(lines: lines).blocks(of: document)
        } ?? []
    }

    /// cmark-gfm's own HTML for `markdown`, with the same extensions: the reference the
    /// prose renderer is tested against.
    static func referenceHTML(_ markdown: String) -> String {
        withDocument(markdown) { document in
            guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE, nil) else { return "" }
            defer { free(html) }
            return String(cString: html)
        } ?? ""
    }

    /// Parses `markdown` and hands the document to `body`, freeing it afterwards.
    private static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T? {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        return body(document)
    }
}

private struct Converter {
    let lines: [Substring]

    func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    func blocks(of node: OpaquePointer) -> [Block] {
        children(node).compactMap(block)
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A list item's blocks. A GFM task item (`- [x] done`) starts its first paragraph
    /// with the disabled checkbox cmark-gfm draws for it.
    func item(_ node: OpaquePointer) -> [Block] {
        var content = blocks(of: node)
        guard typeName(node) == "tasklist", case .paragraph(let inlines, let line)? = content.first else { return content }
        let checked = cmark_gfm_extensions_get_tasklist_item_checked(node)
        content[0] = .paragraph([.html("<input type=\"checkbox\"\(checked ? " checked=\"\"" : "") disabled=\"\" /> ")] + inlines, line: line)
        return content
    }

    func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    func block(_ node: OpaquePointer) -> Block? {
        let line = Int(cmark_node_get_start_line(node))
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(of: node, line: line), line: line)
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            return .heading(level: level, inlines(of: node, line: line), line: line)
        case CMARK_NODE_CODE_BLOCK:
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .code(info: info, literal: literal(node), line: line, closed: isClosed(node))
        case CMARK_NODE_HTML_BLOCK:
            return .html(literal(node), line: line)
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(blocks(of: node))
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: children(node).map(item)
            )
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        default:
            return typeName(node) == "table" ? table(node, line: line) : nil
        }
    }

    /// A fence is closed when its last line is a closing fence of the same character,
    /// at least as long as the opening one.
    func isClosed(_ node: OpaquePointer) -> Bool {
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return true }
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        guard end > start, end - 1 < lines.count else { return false }
        // The closing fence may sit inside a block quote (`> ```) or a list item.
        let last = lines[end - 1].drop { $0 == ">" || $0 == " " || $0 == "\t" }.trimmingWhitespace
        let fence = Character(UnicodeScalar(UInt8(bitPattern: character)))
        return last.count >= Int(length) && last.allSatisfy { $0 == fence }
    }

    func table(_ node: OpaquePointer, line: Int) -> Block {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        let raw = cmark_gfm_extensions_get_table_alignments(node)
        let alignments: [Alignment] = (0..<columns).map { i in
            switch raw?[i] {
            case UInt8(ascii: "l"): .left
            case UInt8(ascii: "c"): .center
            case UInt8(ascii: "r"): .right
            default: .none
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(node) {
            let rowLine = Int(cmark_node_get_start_line(row))
            let cells = children(row).map { cell in
                var line = rowLine
                var spans = CodeSpanScanner.spans(in: lines, from: rowLine, through: rowLine)[...]
                return inlines(of: cell, line: &line, spans: &spans)
            }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(alignments: alignments, header: header, rows: rows, line: line)
    }

    /// Inline content; `line` follows line breaks so that text and code spans know their line.
    /// cmark turns a newline inside a code span into a space (and its own inline
    /// positions go wrong after one), so the lines of code spans come from a scan of the
    /// block's source instead.
    func inlines(of node: OpaquePointer, line: Int) -> [Inline] {
        var current = line
        let end = Swift.max(line, Int(cmark_node_get_end_line(node)))
        var spans = CodeSpanScanner.spans(in: lines, from: line, through: end)[...]
        return inlines(of: node, line: &current, spans: &spans)
    }

    func inlines(of node: OpaquePointer, line: inout Int, spans: inout ArraySlice<(start: Int, end: Int)>) -> [Inline] {
        var result: [Inline] = []
        for child in children(node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: result.append(.text(literal(child), line: line))
            case CMARK_NODE_CODE:
                if let span = spans.popFirst(), span.start >= line {
                    result.append(.code(literal(child), line: span.start))
                    line = span.end
                } else {
                    result.append(.code(literal(child), line: line))
                }
            case CMARK_NODE_SOFTBREAK: line += 1; result.append(.softBreak)
            case CMARK_NODE_LINEBREAK: line += 1; result.append(.lineBreak)
            case CMARK_NODE_HTML_INLINE:
                let html = literal(child)
                line += html.filter { $0 == "\n" }.count
                result.append(.html(html))
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(of: child, line: &line, spans: &spans)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(of: child, line: &line, spans: &spans)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(child).map { String(cString: $0) } ?? ""
                let content = inlines(of: child, line: &line, spans: &spans)
                result.append(cmark_node_get_type(child) == CMARK_NODE_LINK
                    ? .link(destination: url, title: title, content)
                    : .image(source: url, title: title, content))
            default:
                if typeName(child) == "strikethrough" {
                    result.append(.strikethrough(inlines(of: child, line: &line, spans: &spans)))
                }
            }
        }
        return result
    }
}

extension Substring {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
