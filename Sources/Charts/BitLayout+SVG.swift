extension BitLayout {
    /// The figure as a self-contained `<svg>` element, labelled and styled as
    /// ``Figure/svg(idPrefix:embedded:)`` describes (same classes, same `embedded` rules).
    ///
    /// Vertical order: title, legend, one row per format. Each row is its name (right
    /// aligned in a column as wide as the longest name), its boxes (`chart-bar` with the
    /// field's series class; short ticks at the bottom of a box mark its bits), and its
    /// note (in a column after the longest row). A bit is as wide in every row.
    public func svg(idPrefix: String, embedded: Bool = false) -> String {
        let geometry = BitLayoutGeometry(self)
        var writer = SVGWriter()
        writer.openChart(idPrefix: idPrefix, title: title, summary: summary, width: width, height: geometry.height,
                         titleBaseline: geometry.titleBaseline, embedded: embedded)
        geometry.legend.write(to: &writer)
        writer.open("g", ["class": "chart-marks"])
        for (index, row) in rows.enumerated() { write(row, at: index, geometry, to: &writer) }
        writer.close("g")
        writer.close("svg")
        return writer.text
    }

    private func write(_ row: Row, at index: Int, _ geometry: BitLayoutGeometry, to writer: inout SVGWriter) {
        let top = geometry.rowTop(index), middle = top + BitLayoutGeometry.boxHeight / 2
        writer.open("g", ["class": "chart-bit-row"])
        writer.element("text", ["class": "chart-axis-label", "x": SVGNumber.text(geometry.boxesLeft - 8),
                                "y": SVGNumber.text(middle + ChartMetrics.axisLabelFontSize * 0.35),
                                "text-anchor": "end"], text: row.name)
        var ticks = ""
        for box in geometry.boxes(of: row) {
            let series = fieldNames.firstIndex(of: box.field.name) ?? 0
            writer.element("rect", ["class": "chart-bar chart-series-\(series % 8)", "x": SVGNumber.text(box.left),
                                    "y": SVGNumber.text(top), "width": SVGNumber.text(box.width),
                                    "height": SVGNumber.text(BitLayoutGeometry.boxHeight)])
            if let label = BitLayoutGeometry.label(for: box.field, width: box.width) {
                writer.element("text", ["class": "chart-tick-label chart-field-label", "x": SVGNumber.text(box.left + box.width / 2),
                                        "y": SVGNumber.text(middle + ChartMetrics.tickFontSize * 0.35),
                                        "text-anchor": "middle"], text: label)
            }
            for bit in 1..<box.field.bits {
                let x = SVGNumber.text(box.left + Double(bit) * geometry.bitWidth)
                ticks += "M" + x + "," + SVGNumber.text(top + BitLayoutGeometry.boxHeight * 0.7)
                    + "V" + SVGNumber.text(top + BitLayoutGeometry.boxHeight)
            }
        }
        if !ticks.isEmpty {
            writer.element("path", ["class": "chart-grid", "d": ticks, "fill": "none", "stroke": "currentColor"])
        }
        if !row.note.isEmpty {
            writer.element("text", ["class": "chart-tick-label", "x": SVGNumber.text(geometry.notesLeft),
                                    "y": SVGNumber.text(middle + ChartMetrics.tickFontSize * 0.35)], text: row.note)
        }
        writer.close("g")
    }
}

/// Where a ``BitLayout``'s parts go: one px-per-bit scale for every row, names in a column
/// on the left, notes in a column on the right.
struct BitLayoutGeometry {
    /// A field's box: its left edge and width in px.
    struct Box {
        var field: BitLayout.Field
        var left: Double
        var width: Double
    }

    static let boxHeight = 24.0
    static let rowGap = 10.0

    var titleBaseline: Double?
    var legend: LegendLayout
    /// The top of the first row.
    var rowsTop: Double
    /// The left edge of every row's first box.
    var boxesLeft: Double
    /// The width of one bit, in px.
    var bitWidth: Double
    /// The left edge of the notes' column.
    var notesLeft: Double
    var height: Double

    init(_ layout: BitLayout) {
        let margin = FigureLayout.margin
        var top = margin
        if layout.title.isEmpty {
            titleBaseline = nil
        } else {
            titleBaseline = top + ChartMetrics.titleFontSize
            top += ChartMetrics.titleFontSize + 8
        }
        let names = layout.fieldNames
        let entries = names.count > 1 ? names.enumerated().map { LegendEntry(swatch: .bar(series: $0), text: $1) } : []
        legend = LegendLayout(entries: entries, left: margin, top: top, maxWidth: layout.width - 2 * margin)
        rowsTop = top + legend.height + 6
        let nameColumn = (layout.rows.map { ChartMetrics.estimatedWidth(of: $0.name, fontSize: ChartMetrics.axisLabelFontSize) }.max() ?? 0) + 8
        let notes = layout.rows.map(\.note).filter { !$0.isEmpty }
        let noteColumn = notes.isEmpty ? 0 : (notes.map { ChartMetrics.estimatedWidth(of: $0) }.max() ?? 0) + 8
        boxesLeft = margin + nameColumn
        let widest = max(layout.rows.map(\.bitWidth).max() ?? 0, 1)
        bitWidth = max(layout.width - 2 * margin - nameColumn - noteColumn, 1) / Double(widest)
        notesLeft = boxesLeft + Double(widest) * bitWidth + 8
        let count = Double(layout.rows.count)
        height = rowsTop + count * (Self.boxHeight + Self.rowGap) - (count > 0 ? Self.rowGap : 0) + margin
    }

    /// The top of row `index`.
    func rowTop(_ index: Int) -> Double { rowsTop + Double(index) * (Self.boxHeight + Self.rowGap) }

    /// The boxes of `row`'s fields that take room, left to right, each `bits × bitWidth` wide.
    func boxes(of row: BitLayout.Row) -> [Box] {
        var left = boxesLeft
        return row.drawnFields.map { field in
            defer { left += Double(field.bits) * bitWidth }
            return Box(field: field, left: left, width: Double(field.bits) * bitWidth)
        }
    }

    /// The longest of `name bits` and `bits` that fits in a box `width` px wide, with
    /// 2 px to spare on each side; nil if neither does.
    static func label(for field: BitLayout.Field, width: Double) -> String? {
        ["\(field.name) \(field.bits)", "\(field.bits)"].first { ChartMetrics.estimatedWidth(of: $0) + 4 <= width }
    }
}
