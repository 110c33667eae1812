/// Draws the marks of a figure into a writer, in plot coordinates from a layout.
struct MarkRenderer {
    let figure: Figure
    let layout: FigureLayout
    /// Where band and reference labels go, clear of each other and of the lines.
    private var labels: LabelPlacer

    init(figure: Figure, layout: FigureLayout) {
        self.figure = figure
        self.layout = layout
        let lines = figure.marks.compactMap { if case .reference(let r) = $0.kind { r } else { nil } }
        labels = LabelPlacer(verticalLines: lines.filter { $0.axis == .x }.compactMap { layout.referenceX($0.value) },
                             horizontalLines: lines.filter { $0.axis == .y }.compactMap { layout.referenceY($0.value) })
    }

    var plot: PlotArea { layout.plot }

    func fraction(_ point: Point) -> FractionPoint? {
        guard let fx = layout.x.fraction(of: point.x), let fy = layout.y.fraction(of: point.y) else { return nil }
        return FractionPoint(x: fx, y: fy)
    }

    // MARK: Data

    /// A line series: one path whose subpaths are the drawable runs, dots for lone
    /// points, then the markers of undrawable points.
    func writeLine(_ series: LineSeries, index: Int, to writer: inout SVGWriter) {
        writer.open("g", ["class": "chart-series chart-series-\(index % 8)"])
        writePolyline(series.points, to: &writer)
        writeMarkers(series.points, to: &writer)
        writer.close("g")
    }

    /// The path through the drawable runs of `points`, and a dot for each lone point.
    func writePolyline(_ points: [Point], to writer: inout SVGWriter) {
        var path = PolylinePath(plot: plot)
        for point in points { path.add(fraction(point)) }
        path.finish()
        if !path.data.isEmpty {
            writer.element("path", ["class": "chart-line", "d": path.data, "fill": "none", "stroke": "currentColor"])
        }
        for dot in path.dots {
            writer.element("circle", ["class": "chart-dot", "cx": SVGNumber.text(dot.x), "cy": SVGNumber.text(dot.y), "r": "2"])
        }
    }

    /// A scatter series: a dot per drawable point inside the plot, then markers.
    func writeScatter(_ series: ScatterSeries, index: Int, to writer: inout SVGWriter) {
        writer.open("g", ["class": "chart-series chart-series-\(index % 8)"])
        for point in series.points {
            guard let f = fraction(point), f.isInside else { continue }
            writer.element("circle", ["class": "chart-dot", "cx": SVGNumber.text(plot.x(f.x)),
                                      "cy": SVGNumber.text(plot.y(f.y)), "r": "2.5"])
        }
        writeMarkers(series.points, to: &writer)
        writer.close("g")
    }

    /// Bars standing on 0 (linear y) or on the bottom of the plot (log y), clipped to it.
    func writeBars(_ bars: [(lower: Double, upper: Double, count: Int)], index: Int, to writer: inout SVGWriter) {
        writer.open("g", ["class": "chart-series chart-series-\(index % 8)"])
        let base: Double =
            switch figure.y.scale {
            case .linear: clamp(layout.y.fraction(of: 0) ?? 0)
            case .log: 0
            }
        for bar in bars where bar.count > 0 {
            guard let x0 = layout.x.fraction(of: bar.lower), let x1 = layout.x.fraction(of: bar.upper),
                let top = layout.y.fraction(of: Double(bar.count))
            else { continue }
            let left = plot.x(clamp(x0)), right = plot.x(clamp(x1))
            let upper = plot.y(clamp(Swift.max(top, base))), lower = plot.y(clamp(Swift.min(top, base)))
            guard right > left, lower > upper else { continue }
            writer.element("rect", ["class": "chart-bar", "x": SVGNumber.text(left), "y": SVGNumber.text(upper),
                                    "width": SVGNumber.text(right - left), "height": SVGNumber.text(lower - upper)])
        }
        writer.close("g")
    }

    /// Markers for the undrawable points that have a place on an edge. A marker within
    /// 2 px of the last one drawn of the same kind is skipped (counts stay exact in the
    /// legend and description), so a long run of NaN steps stays a small file.
    func writeMarkers(_ points: [Point], to writer: inout SVGWriter) {
        var last: [Double?] = Array(repeating: nil, count: Unplottable.allCases.count)
        for point in points {
            guard let problem = PointProblem(point, x: figure.x, y: figure.y), let edge = problem.edge else { continue }
            let along: Double?
            switch edge {
            case .top, .bottom: along = layout.x.fraction(of: point.x)
            case .left, .right: along = layout.y.fraction(of: point.y)
            }
            guard let along, along >= -1e-9, along <= 1 + 1e-9 else { continue }
            let position = edge == .top || edge == .bottom ? plot.x(along) : plot.y(along)
            if let previous = last[problem.kind.rawValue], (position - previous).magnitude < 2 { continue }
            last[problem.kind.rawValue] = position
            writer.element("path", ["class": "chart-marker " + problem.kind.markerClass,
                                    "d": MarkerShape.path(problem.kind, edge: edge, position: position, plot: plot)])
        }
    }

    // MARK: Annotations

    /// A shaded strip, clipped to the plot, with its label at its start.
    mutating func writeBand(_ band: Band, to writer: inout SVGWriter) {
        let ticks = band.axis == .x ? layout.x : layout.y
        let lo = clamp(edgeFraction(band.range.lowerBound, ticks: ticks))
        let hi = clamp(edgeFraction(band.range.upperBound, ticks: ticks))
        guard hi > lo else { return }
        writer.open("g", ["class": "chart-band-group"])
        if band.axis == .x {
            let left = plot.x(lo), right = plot.x(hi)
            writer.element("rect", ["class": "chart-band", "x": SVGNumber.text(left), "y": SVGNumber.text(plot.top),
                                    "width": SVGNumber.text(right - left), "height": SVGNumber.text(plot.height)])
            writeLabel(band.label, className: "chart-band-label",
                       candidates: topRows().map { LabelSpot(x: left + 4, baseline: $0, anchor: .start) }, to: &writer)
        } else {
            let top = plot.y(hi), bottom = plot.y(lo)
            writer.element("rect", ["class": "chart-band", "x": SVGNumber.text(plot.left), "y": SVGNumber.text(top),
                                    "width": SVGNumber.text(plot.width), "height": SVGNumber.text(bottom - top)])
            writeLabel(band.label, className: "chart-band-label",
                       candidates: [LabelSpot(x: plot.left + 4, baseline: Swift.min(top + 12, bottom - 3), anchor: .start)], to: &writer)
        }
        writer.close("g")
    }

    /// A dashed line across the plot, with its label beside it; not drawn outside the plot.
    ///
    /// The label of a vertical line goes in a row along the top of the plot, right of the
    /// line if it fits there, else left of it; that of a horizontal line at the right end,
    /// above the line if it fits, else below, else the same at the left end. Of these
    /// spots it takes the first clear of other labels and lines (see ``LabelPlacer``).
    mutating func writeReference(_ line: ReferenceLine, to writer: inout SVGWriter) {
        let position = line.axis == .x ? layout.referenceX(line.value) : layout.referenceY(line.value)
        guard let position else { return }
        writer.open("g", ["class": "chart-reference-group"])
        if line.axis == .x {
            let x = position, width = ChartMetrics.estimatedWidth(of: line.label)
            writer.element("line", ["class": "chart-reference", "x1": SVGNumber.text(x), "y1": SVGNumber.text(plot.top),
                                    "x2": SVGNumber.text(x), "y2": SVGNumber.text(plot.bottom), "stroke": "currentColor"])
            let fitsRight = x + 4 + width <= plot.right, fitsLeft = x - 4 - width >= plot.left
            let anchors: [LabelSpot.Anchor] = fitsRight && fitsLeft ? [.start, .end] : fitsRight ? [.start] : [.end]
            let candidates = topRows().flatMap { row in
                anchors.map { LabelSpot(x: $0 == .start ? x + 4 : x - 4, baseline: row, anchor: $0) }
            }
            writeLabel(line.label, className: "chart-reference-label", candidates: candidates, to: &writer)
        } else {
            let y = position
            writer.element("line", ["class": "chart-reference", "x1": SVGNumber.text(plot.left), "y1": SVGNumber.text(y),
                                    "x2": SVGNumber.text(plot.right), "y2": SVGNumber.text(y), "stroke": "currentColor"])
            let above = y - 4, below = y + 4 + ChartMetrics.tickFontSize
            let baselines = above - ChartMetrics.tickFontSize < plot.top ? [below] : below > plot.bottom ? [above] : [above, below]
            let candidates = [LabelSpot.Anchor.end, .start].flatMap { anchor in
                baselines.map { LabelSpot(x: anchor == .end ? plot.right - 4 : plot.left + 4, baseline: $0, anchor: anchor) }
            }
            writeLabel(line.label, className: "chart-reference-label", candidates: candidates, to: &writer)
        }
        writer.close("g")
    }

    /// Baselines of the rows of labels along the top of the plot, 13 px apart, as many
    /// as fit (at least one).
    private func topRows() -> [Double] {
        let count = Swift.max(Int((plot.height - 15) / 13) + 1, 1)
        return (0..<count).map { plot.top + 12 + 13 * Double($0) }
    }

    private mutating func writeLabel(_ text: String, className: String, candidates: [LabelSpot], to writer: inout SVGWriter) {
        guard !text.isEmpty else { return }
        let spot = labels.place(text, candidates: candidates)
        writer.element("text", ["class": className, "x": SVGNumber.text(spot.x), "y": SVGNumber.text(spot.baseline),
                                "text-anchor": spot.anchor.rawValue], text: text)
    }

    /// A band bound as a fraction: infinities and (on a log axis) values ≤ 0 run to the edge.
    private func edgeFraction(_ value: Double, ticks: AxisTicks) -> Double {
        if let f = ticks.fraction(of: value) { return f }
        return value > 0 ? 1 : 0
    }

    private func clamp(_ f: Double) -> Double { Swift.min(Swift.max(f, 0), 1) }
}
