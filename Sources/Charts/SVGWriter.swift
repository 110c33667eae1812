/// Builds SVG text one element per line, escaping every attribute value and text node.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    typealias Attributes = KeyValuePairs<String, String>

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        line("<" + name + Self.attributeText(attributes) + ">")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</" + name + ">")
    }

    /// An empty element: `<line .../>`.
    mutating func element(_ name: String, _ attributes: Attributes) {
        line("<" + name + Self.attributeText(attributes) + "/>")
    }

    /// An element holding escaped text.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text content: String) {
        line("<" + name + Self.attributeText(attributes) + ">" + XML.escape(content) + "</" + name + ">")
    }

    /// An element whose content is already markup (escaped by the caller).
    mutating func element(_ name: String, _ attributes: Attributes = [:], markup content: String) {
        line("<" + name + Self.attributeText(attributes) + ">" + content + "</" + name + ">")
    }

    /// Text written as is: it must already be well-formed.
    mutating func raw(_ markup: String) {
        line(markup)
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    private static func attributeText(_ attributes: Attributes) -> String {
        var text = ""
        for (name, value) in attributes {
            text += " " + name + "=\"" + XML.escape(value) + "\""
        }
        return text
    }
}

extension SVGWriter {
    /// Opens a figure's `<svg>` and writes what every figure starts with: its `<title>`,
    /// its `<desc>` (`summary`), its `<style>` unless `embedded`, and its title text at
    /// `titleBaseline` when there is one. Ids start with `idPrefix` made valid
    /// (``XML/idPrefix(_:)``); see ``Figure/svg(idPrefix:embedded:)`` for the labelling.
    mutating func openChart(idPrefix: String, title: String, summary: String, width: Double, height: Double,
                            titleBaseline: Double?, embedded: Bool) {
        let id = XML.idPrefix(idPrefix)
        let w = SVGNumber.text(width), h = SVGNumber.text(height)
        if embedded {
            open("svg", [
                "xmlns": "http://www.w3.org/2000/svg", "class": "chart", "viewBox": "0 0 \(w) \(h)",
                "width": w, "height": h, "role": "img", "aria-label": title, "aria-describedby": "\(id)-desc",
            ])
        } else {
            open("svg", [
                "xmlns": "http://www.w3.org/2000/svg", "class": "chart", "viewBox": "0 0 \(w) \(h)",
                "width": w, "height": h, "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
            ])
        }
        element("title", embedded ? [:] : ["id": "\(id)-title"], text: title)
        element("desc", ["id": "\(id)-desc"], text: summary)
        if !embedded { element("style", markup: ChartStyle.defaultStylesheet) }
        if let titleBaseline {
            element("text", ["class": "chart-title", "x": SVGNumber.text(FigureLayout.margin),
                             "y": SVGNumber.text(titleBaseline)], text: title)
        }
    }
}

/// XML text rules.
enum XML {
    /// `text` with `& < > " '` escaped, and characters XML 1.0 forbids (most C0 controls,
    /// U+FFFE, U+FFFF) replaced by U+FFFD, so any Swift string is safe in text or an
    /// attribute value.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `prefix` made into a valid XML id start: characters other than ASCII letters,
    /// digits, `-`, `_` and `.` become `-`, and a prefix not starting with a letter or `_`
    /// gets `chart-` in front.
    static func idPrefix(_ prefix: String) -> String {
        var result = ""
        for scalar in prefix.unicodeScalars {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == ".")
            result.unicodeScalars.append(ok ? scalar : "-")
        }
        if let first = result.unicodeScalars.first, first.properties.isAlphabetic || first == "_" {
            return result
        }
        return "chart-" + result
    }
}
