extension Figure {
    /// The figure as a self-contained `<svg>` element.
    ///
    /// The element has a `viewBox` of the figure's ``size``, `role="img"`, and
    /// `aria-labelledby` naming its `<title>` (the figure's ``title``) and its `<desc>`
    /// (``summary``). Every `id` starts with `idPrefix`, so several figures can share a
    /// page; characters not allowed in an XML id become `-`, and a prefix not starting
    /// with a letter gets `chart-` in front.
    ///
    /// Nothing is coloured inline: elements carry the classes listed in ``ChartStyle``,
    /// and a small `<style>` (``ChartStyle/defaultStylesheet``) gives defaults that read
    /// on light and dark backgrounds, which a page's stylesheet can override.
    ///
    /// Coordinates have at most two decimals and `-0` is written `0`; the same figure
    /// gives the same bytes on every platform.
    ///
    /// With `embedded: true`, for SVG placed inside an HTML page, the `<style>` is left
    /// out (the page links ``ChartStyle/defaultStylesheet`` once, instead of once per
    /// figure) and the element is labelled with `aria-label` and `aria-describedby`
    /// rather than by the id of its `<title>`, which HTML checkers mistake for the
    /// page's title.
    public func svg(idPrefix: String, embedded: Bool = false) -> String {
        let layout = FigureLayout(figure: self, legendEntries: legendEntries)
        var writer = SVGWriter()
        writer.openChart(idPrefix: idPrefix, title: title, summary: summary(layout: layout), width: size.width,
                         height: size.height, titleBaseline: layout.titleBaseline, embedded: embedded)
        layout.legend.write(to: &writer)
        writeGrid(layout, to: &writer)
        writeMarks(layout, to: &writer)
        writeXAxis(layout, to: &writer)
        writeYAxis(layout, to: &writer)
        writer.close("svg")
        return writer.text
    }

    /// Bands under the data, the data in mark order, reference lines over it.
    private func writeMarks(_ layout: FigureLayout, to writer: inout SVGWriter) {
        var renderer = MarkRenderer(figure: self, layout: layout)
        let bands = marks.compactMap { if case .band(let b) = $0.kind { b } else { nil } }
        if !bands.isEmpty {
            writer.open("g", ["class": "chart-bands"])
            for band in bands { renderer.writeBand(band, to: &writer) }
            writer.close("g")
        }
        writer.open("g", ["class": "chart-marks"])
        for (mark, index) in zip(marks, seriesIndices) {
            guard let index else { continue }
            switch mark.kind {
            case .line(let s): renderer.writeLine(s, index: index, to: &writer)
            case .spread(let s): renderer.writeSpread(s, index: index, to: &writer)
            case .scatter(let s): renderer.writeScatter(s, index: index, to: &writer)
            case .histogram(let h): renderer.writeBars(h.bars(on: x), index: index, to: &writer)
            case .exponentHistogram(let h): renderer.writeBars(h.barEdges, index: index, to: &writer)
            case .band, .reference: break
            }
        }
        writer.close("g")
        let references = marks.compactMap { if case .reference(let r) = $0.kind { r } else { nil } }
        if !references.isEmpty {
            writer.open("g", ["class": "chart-references"])
            for line in references { renderer.writeReference(line, to: &writer) }
            writer.close("g")
        }
    }

    private func writeGrid(_ layout: FigureLayout, to writer: inout SVGWriter) {
        let plot = layout.plot
        var data = ""
        for tick in layout.x.ticks {
            let x = SVGNumber.text(plot.x(layout.x.fraction(ofCoordinate: tick.coordinate)))
            data += "M" + x + "," + SVGNumber.text(plot.top) + "V" + SVGNumber.text(plot.bottom)
        }
        for tick in layout.y.ticks {
            let y = SVGNumber.text(plot.y(layout.y.fraction(ofCoordinate: tick.coordinate)))
            data += "M" + SVGNumber.text(plot.left) + "," + y + "H" + SVGNumber.text(plot.right)
        }
        guard !data.isEmpty else { return }
        writer.element("path", ["class": "chart-grid", "d": data, "fill": "none", "stroke": "currentColor"])
    }

    private func writeXAxis(_ layout: FigureLayout, to writer: inout SVGWriter) {
        let plot = layout.plot
        writer.open("g", ["class": "chart-axis chart-axis-x"])
        var ticks = "M" + SVGNumber.text(plot.left) + "," + SVGNumber.text(plot.bottom) + "H" + SVGNumber.text(plot.right)
        for tick in layout.x.ticks {
            let x = plot.x(layout.x.fraction(ofCoordinate: tick.coordinate))
            ticks += "M" + SVGNumber.text(x) + "," + SVGNumber.text(plot.bottom) + "v" + SVGNumber.text(FigureLayout.tickLength)
        }
        writer.element("path", ["class": "chart-axis-line", "d": ticks, "fill": "none", "stroke": "currentColor"])
        let baseline = plot.bottom + FigureLayout.tickLength + ChartMetrics.tickFontSize + 1
        for tick in layout.x.ticks {
            let x = plot.x(layout.x.fraction(ofCoordinate: tick.coordinate))
            writer.element("text", ["class": "chart-tick-label", "x": SVGNumber.text(x), "y": SVGNumber.text(baseline),
                                    "text-anchor": "middle"], markup: Self.tickMarkup(tick.label))
        }
        if !x.label.isEmpty {
            writer.element("text", ["class": "chart-axis-label", "x": SVGNumber.text(plot.left + plot.width / 2),
                                    "y": SVGNumber.text(baseline + ChartMetrics.axisLabelFontSize + 6),
                                    "text-anchor": "middle"], text: x.label)
        }
        writer.close("g")
    }

    private func writeYAxis(_ layout: FigureLayout, to writer: inout SVGWriter) {
        let plot = layout.plot
        writer.open("g", ["class": "chart-axis chart-axis-y"])
        var ticks = "M" + SVGNumber.text(plot.left) + "," + SVGNumber.text(plot.top) + "V" + SVGNumber.text(plot.bottom)
        for tick in layout.y.ticks {
            let y = plot.y(layout.y.fraction(ofCoordinate: tick.coordinate))
            ticks += "M" + SVGNumber.text(plot.left) + "," + SVGNumber.text(y) + "h" + SVGNumber.text(-FigureLayout.tickLength)
        }
        writer.element("path", ["class": "chart-axis-line", "d": ticks, "fill": "none", "stroke": "currentColor"])
        let right = plot.left - FigureLayout.tickLength - 3
        for tick in layout.y.ticks {
            let y = plot.y(layout.y.fraction(ofCoordinate: tick.coordinate)) + ChartMetrics.tickFontSize * 0.35
            writer.element("text", ["class": "chart-tick-label", "x": SVGNumber.text(right), "y": SVGNumber.text(y),
                                    "text-anchor": "end"], markup: Self.tickMarkup(tick.label))
        }
        if !y.label.isEmpty {
            let cx = FigureLayout.margin + ChartMetrics.axisLabelFontSize
            let cy = plot.top + plot.height / 2
            writer.element("text", ["class": "chart-axis-label", "text-anchor": "middle",
                                    "transform": "translate(\(SVGNumber.text(cx)),\(SVGNumber.text(cy))) rotate(-90)"],
                           text: y.label)
        }
        writer.close("g")
    }

    /// A tick label as markup: `2^-24` becomes `2` with a raised `-24`.
    static func tickMarkup(_ label: String) -> String {
        guard let caret = label.firstIndex(of: "^") else { return XML.escape(label) }
        let base = label[..<caret], exponent = label[label.index(after: caret)...]
        return XML.escape(String(base)) + "<tspan class=\"chart-exponent\" dy=\"-0.4em\" font-size=\"0.75em\">"
            + XML.escape(String(exponent)) + "</tspan>"
    }
}
