extension MarkRenderer {
    /// A line with a band, in one series group: a `chart-spread` polygon per run of points
    /// drawable in full, the line over it as ``writeLine(_:index:to:)`` draws one, then a
    /// marker for each point that breaks the band (see ``SpreadSeries``).
    func writeSpread(_ series: SpreadSeries, index: Int, to writer: inout SVGWriter) {
        writer.open("g", ["class": "chart-series chart-series-\(index % 8)"])
        for polygon in spreadPolygons(series.points) {
            writer.element("path", ["class": "chart-spread", "d": polygon, "fill": "currentColor",
                                    "fill-opacity": ChartStyle.spreadOpacity, "stroke": "none"])
        }
        writePolyline(series.linePoints, to: &writer)
        writeMarkers(series.judgedPoints(x: figure.x, y: figure.y), to: &writer)
        writer.close("g")
    }

    /// Path data of the band: for each run of two or more points whose x, y and both
    /// bounds have positions, a polygon along the upper bound and back along the lower,
    /// clipped to the plot. A run whose bounds are equal throughout encloses nothing and
    /// is left out.
    func spreadPolygons(_ points: [SpreadPoint]) -> [String] {
        var polygons: [String] = []
        var run: [(upper: FractionPoint, lower: FractionPoint)] = []
        func finishRun() {
            defer { run.removeAll() }
            guard run.count > 1, run.contains(where: { $0.upper != $0.lower }) else { return }
            let outline = run.map(\.upper) + run.reversed().map(\.lower)
            if let data = polygonData(Clip.polygon(outline)) { polygons.append(data) }
        }
        for p in points {
            if let fx = layout.x.fraction(of: p.x), layout.y.fraction(of: p.y) != nil,
                let fl = layout.y.fraction(of: p.lower), let fu = layout.y.fraction(of: p.upper)
            {
                run.append((FractionPoint(x: fx, y: fu), FractionPoint(x: fx, y: fl)))
            } else {
                finishRun()
            }
        }
        finishRun()
        return polygons
    }

    /// `M…L…Z` through `vertices` in px, a vertex that prints like the one before it
    /// written once; `nil` when fewer than three remain.
    private func polygonData(_ vertices: [FractionPoint]) -> String? {
        var texts: [String] = []
        for v in vertices {
            let text = SVGNumber.text(plot.x(v.x)) + "," + SVGNumber.text(plot.y(v.y))
            if text != texts.last { texts.append(text) }
        }
        if texts.count > 1, texts.first == texts.last { texts.removeLast() }
        guard texts.count >= 3 else { return nil }
        return "M" + texts.joined(separator: "L") + "Z"
    }
}
