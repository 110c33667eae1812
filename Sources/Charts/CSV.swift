extension Figure {
    /// The data of every mark as CSV, one row per value, marks in order.
    ///
    /// Columns: `mark,series,x,x_end,y,y_end`, and `y_lower,y_upper` after them when a
    /// mark is a line with a band; a cell that does not apply is empty.
    ///
    /// | mark | series | x | x_end | y | y_end |
    /// |---|---|---|---|---|---|
    /// | `line`, `scatter` | name | x | | y | |
    /// | `spread` (a line with a band; `y_lower`, `y_upper` hold its bounds) | name | x | | y | |
    /// | `histogram` | name | bin start | bin end | count | |
    /// | `exponent-histogram` | name | 2^e | 2^(e+1) | count | |
    /// | `exponent-histogram` (zeros, non-finite) | name | `0`, `nan`, `inf` or `-inf` | | count | |
    /// | `band` | label | start (x band) | end (x band) | start (y band) | end (y band) |
    /// | `reference` | label | value (x line) | | value (y line) | |
    ///
    /// Numbers are written with every digit needed to read them back exactly (`0.1`,
    /// `1e-8`, `65504`), non-finite values as `nan`, `inf`, `-inf`, and `-0` as `0`.
    /// Text containing a comma, a quote or a line break is quoted (RFC 4180). Lines end
    /// with `\n`.
    public func csv() -> String {
        let hasBounds = marks.contains { if case .spread = $0.kind { true } else { false } }
        var lines = ["mark,series,x,x_end,y,y_end" + (hasBounds ? ",y_lower,y_upper" : "")]
        func row(_ mark: String, _ series: String, _ cells: [String], bounds: [String] = ["", ""]) {
            lines.append(([mark, Self.csvField(series)] + cells + (hasBounds ? bounds : [])).joined(separator: ","))
        }
        let n = NumberText.exact
        for mark in marks {
            switch mark.kind {
            case .line(let s):
                for p in s.points { row("line", s.name, [n(p.x), "", n(p.y), ""]) }
            case .spread(let s):
                for p in s.points { row("spread", s.name, [n(p.x), "", n(p.y), ""], bounds: [n(p.lower), n(p.upper)]) }
            case .scatter(let s):
                for p in s.points { row("scatter", s.name, [n(p.x), "", n(p.y), ""]) }
            case .histogram(let h):
                for (i, count) in h.counts.enumerated() {
                    row("histogram", h.name, [n(h.edges[i]), n(h.edges[i + 1]), String(count), ""])
                }
            case .exponentHistogram(let h):
                for bar in h.barEdges { row("exponent-histogram", h.name, [n(bar.lower), n(bar.upper), String(bar.count), ""]) }
                for (value, count) in [("0", h.zeros), ("nan", h.nans), ("inf", h.positiveInfinities), ("-inf", h.negativeInfinities)]
                where count > 0 {
                    row("exponent-histogram", h.name, [value, "", String(count), ""])
                }
            case .band(let b):
                let lo = n(b.range.lowerBound), hi = n(b.range.upperBound)
                row("band", b.label, b.axis == .x ? [lo, hi, "", ""] : ["", "", lo, hi])
            case .reference(let r):
                row("reference", r.label, r.axis == .x ? [n(r.value), "", "", ""] : ["", "", n(r.value), ""])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
        guard text.unicodeScalars.contains(where: special.contains) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
