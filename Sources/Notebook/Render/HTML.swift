/// HTML escaping and anchors.
enum HTML {
    /// `page` with every control character HTML forbids (C0 controls other than tab, line
    /// feed, form feed and carriage return; DEL; C1 controls) replaced by U+FFFD. They are
    /// parse errors in HTML, as text and as character references, and only a run's output
    /// can carry them (a cell printing raw bytes); this is applied to whole pages, so no
    /// path into a page, the templates' own escaping included, can let one through.
    static func replacingControlCharacters(_ page: String) -> String {
        func forbidden(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x09, 0x0A, 0x0C, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F: true
            default: false
            }
        }
        guard page.unicodeScalars.contains(where: forbidden) else { return page }
        var out = String.UnicodeScalarView()
        for c in page.unicodeScalars { out.append(forbidden(c) ? "\u{FFFD}" : c) }
        return String(out)
    }

    /// Escapes text for element content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A link or image destination as cmark-gfm writes it into `href` and `src`: bytes
    /// outside the characters URLs allow are percent-encoded (UTF-8, `%XX`), an existing
    /// `%` is kept, and `&` and `'` are escaped for the attribute.
    static func href(_ destination: String) -> String {
        var out = ""
        for byte in destination.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "'"): out += "&#x27;"
            case _ where isSafeInHref(byte): out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Letters, digits and `-_.!~*'();/?:@&=+$,%#` pass through a destination unchanged.
    private static func isSafeInHref(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-_.!~*'();/?:@&=+$,%#".utf8.contains(byte)
        }
    }

    /// A fragment id from heading text: lowercase letters and digits, words joined by `-`.
    /// Letters of any script are kept, so a Korean heading gets a Korean anchor.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
                if dash && !out.isEmpty { out += "-" }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
