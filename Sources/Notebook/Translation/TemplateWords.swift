import Foundation

/// The words of the templates a reader sees, marked `{{#t}}…{{/t}}` in the `.mustache`
/// files. Each is a message; an edition's templates are the same files with each marked
/// text replaced by its translation, before Mustache reads them. The Mustache tags inside
/// a marked text (`{{claims}}`) are its placeholders.
public enum TemplateWords {
    static let open = "{{#t}}", close = "{{/t}}"

    /// The marked texts of one template file, with their lines.
    static func marked(in text: String) -> [(text: String, line: Int)] {
        var found: [(String, Int)] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            let line = text[..<start.lowerBound].filter { $0 == "\n" }.count + 1
            found.append((String(rest[start.upperBound..<end.lowerBound]), line))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// The messages of every template in `templates` (a `Templates/` folder), by file name.
    public static func messages(templates: URL) throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }.sorted()
        return try names.flatMap { name in
            let text = try String(contentsOf: templates.appending(path: name), encoding: .utf8)
            return marked(in: text).map { Message(text: $0.text, file: "Templates/" + name, line: $0.line) }
        }
    }

    /// `text` (a template's source) with each marked text replaced by `translate(text)`,
    /// or by itself where that gives nil.
    static func localized(_ text: String, _ translate: (String) -> String?) -> String {
        var out = ""
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            out += rest[..<start.lowerBound]
            let source = String(rest[start.upperBound..<end.lowerBound])
            out += translate(source) ?? source
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// The Mustache tags of a text, sorted: what its translation must also hold.
    static func tags(_ text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "{{"), let end = rest[start.upperBound...].range(of: "}}") {
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found.sorted()
    }
}
