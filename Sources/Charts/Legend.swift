/// One legend line: a swatch and its text.
struct LegendEntry {
    enum Swatch {
        case line(series: Int)
        /// A line over its band.
        case spread(series: Int)
        case dot(series: Int)
        case bar(series: Int)
        case marker(Unplottable)
    }

    var swatch: Swatch
    var text: String
}

extension Figure {
    /// The colour index of each mark (`nil` for annotations), in mark order.
    var seriesIndices: [Int?] {
        var next = 0
        return marks.map { mark in
            guard mark.isSeries else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// How many points of each line and scatter series cannot be drawn, summed; a point of
    /// a line with a band counts once if it breaks the band.
    var pointProblems: ProblemCounts {
        var total = ProblemCounts()
        for mark in marks {
            switch mark.kind {
            case .line(let s): total.add(ProblemCounts(points: s.points, x: x, y: y))
            case .spread(let s): total.add(ProblemCounts(points: s.judgedPoints(x: x, y: y), x: x, y: y))
            case .scatter(let s): total.add(ProblemCounts(points: s.points, x: x, y: y))
            case .histogram, .exponentHistogram, .band, .reference: break
            }
        }
        return total
    }

    /// The legend: every series, then one entry per kind of undrawable point, when there
    /// is more than one series or anything undrawable to report; otherwise none.
    var legendEntries: [LegendEntry] {
        var entries: [LegendEntry] = []
        var hasUncounted = false
        for (mark, index) in zip(marks, seriesIndices) {
            guard let index else { continue }
            switch mark.kind {
            case .line(let s): entries.append(LegendEntry(swatch: .line(series: index), text: s.name))
            case .spread(let s): entries.append(LegendEntry(swatch: .spread(series: index), text: s.name))
            case .scatter(let s): entries.append(LegendEntry(swatch: .dot(series: index), text: s.name))
            case .histogram(let h): entries.append(LegendEntry(swatch: .bar(series: index), text: h.name))
            case .exponentHistogram(let h):
                let uncounted = h.uncountedSummary
                hasUncounted = hasUncounted || !uncounted.isEmpty
                let text = uncounted.isEmpty ? h.name : h.name + " (" + uncounted.joined(separator: ", ") + ")"
                entries.append(LegendEntry(swatch: .bar(series: index), text: text))
            case .band, .reference: break
            }
        }
        let problems = pointProblems
        guard entries.count > 1 || problems.total > 0 || hasUncounted else { return [] }
        for kind in problems.present {
            entries.append(LegendEntry(swatch: .marker(kind), text: kind.legendText + " (" + String(problems[kind]) + ")"))
        }
        return entries
    }
}

extension ExponentHistogram {
    /// `zeros: 3`, `NaN: 1`, `+inf: 2`, `-inf: 1`: the values with no bar, when present.
    var uncountedSummary: [String] {
        var parts: [String] = []
        if zeros > 0 { parts.append("zeros: \(zeros)") }
        if nans > 0 { parts.append("NaN: \(nans)") }
        if positiveInfinities > 0 { parts.append("+inf: \(positiveInfinities)") }
        if negativeInfinities > 0 { parts.append("-inf: \(negativeInfinities)") }
        return parts
    }
}

/// Legend entries placed left to right, wrapping into rows.
struct LegendLayout {
    var items: [(entry: LegendEntry, x: Double, y: Double)] = []
    /// Vertical room taken, including the space under the last row.
    var height: Double = 0

    static let rowHeight = 16.0
    static let swatchWidth = 16.0
    static let entryGap = 14.0

    init(entries: [LegendEntry], left: Double, top: Double, maxWidth: Double) {
        guard !entries.isEmpty else { return }
        var x = left, row = 0
        for entry in entries {
            let width = Self.swatchWidth + 5 + ChartMetrics.estimatedWidth(of: entry.text)
            if x > left, x + width > left + maxWidth {
                row += 1
                x = left
            }
            items.append((entry, x, top + Self.rowHeight * (Double(row) + 0.5)))
            x += width + Self.entryGap
        }
        height = Self.rowHeight * Double(row + 1) + 4
    }

    /// Writes `<g class="chart-legend">`: a group per entry holding a swatch (which carries
    /// the series class, so the text keeps the page's colour) and a `<text>`.
    func write(to writer: inout SVGWriter) {
        guard !items.isEmpty else { return }
        writer.open("g", ["class": "chart-legend"])
        for (entry, x, y) in items {
            let textX = SVGNumber.text(x + Self.swatchWidth + 5)
            let textY = SVGNumber.text(y + ChartMetrics.tickFontSize * 0.35)
            let mid = x + Self.swatchWidth / 2
            writer.open("g", ["class": "chart-legend-entry"])
            switch entry.swatch {
            case .line(let series):
                Self.writeLineSwatch(series: series, x: x, y: y, to: &writer)
            case .spread(let series):
                writer.element("rect", ["class": "chart-spread chart-series-\(series % 8)", "x": SVGNumber.text(x),
                                        "y": SVGNumber.text(y - 5), "width": "16", "height": "10", "fill": "currentColor",
                                        "fill-opacity": ChartStyle.spreadOpacity, "stroke": "none"])
                Self.writeLineSwatch(series: series, x: x, y: y, to: &writer)
            case .dot(let series):
                writer.element("circle", ["class": "chart-dot chart-series-\(series % 8)", "cx": SVGNumber.text(mid),
                                          "cy": SVGNumber.text(y), "r": "3"])
            case .bar(let series):
                writer.element("rect", ["class": "chart-bar chart-series-\(series % 8)", "x": SVGNumber.text(x + 2),
                                        "y": SVGNumber.text(y - 5), "width": "12", "height": "10"])
            case .marker(let kind):
                writer.element("path", ["class": kind.markerClass, "d": MarkerShape.legendPath(kind, cx: mid, cy: y)])
            }
            writer.element("text", ["x": textX, "y": textY], text: entry.text)
            writer.close("g")
        }
        writer.close("g")
    }

    /// A short stroke in the series' colour, starting at (`x`, `y`).
    private static func writeLineSwatch(series: Int, x: Double, y: Double, to writer: inout SVGWriter) {
        writer.element("path", ["class": "chart-line chart-series-\(series % 8)",
                                "d": "M" + SVGNumber.text(x) + "," + SVGNumber.text(y) + "h16",
                                "fill": "none", "stroke": "currentColor"])
    }
}
