/// The rectangle the data is drawn in, in SVG px (y grows downwards).
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The x position of a fraction along the x axis.
    func x(_ fraction: Double) -> Double { left + fraction * width }
    /// The y position of a fraction up the y axis.
    func y(_ fraction: Double) -> Double { top + (1 - fraction) * height }
}

/// Where everything goes: title, legend, plot area, and both axes' ticks.
///
/// Vertical order: title, legend rows, plot, x tick labels, x axis title. The y tick
/// labels' widths decide the left margin; the last x label's width the right margin.
struct FigureLayout {
    var plot: PlotArea
    var x: AxisTicks
    var y: AxisTicks
    var legend: LegendLayout
    var titleBaseline: Double?

    static let margin = 8.0
    static let tickLength = 5.0

    init(figure: Figure, legendEntries: [LegendEntry]) {
        let width = figure.size.width, height = figure.size.height
        let extents = figure.dataExtents
        var top = Self.margin
        if figure.title.isEmpty {
            titleBaseline = nil
        } else {
            titleBaseline = top + ChartMetrics.titleFontSize
            top += ChartMetrics.titleFontSize + 8
        }
        legend = LegendLayout(entries: legendEntries, left: Self.margin, top: top, maxWidth: width - 2 * Self.margin)
        top += legend.height
        let plotTop = top + 8
        let bottomMargin = figure.x.label.isEmpty ? 24.0 : 42.0
        let plotHeight = Swift.max(height - bottomMargin - plotTop, 20)
        y = figure.y.ticks(forData: extents.y.range, length: plotHeight, orientation: .vertical)

        let yLabelWidth = y.ticks.map { ChartMetrics.estimatedWidth(of: $0.label) }.max() ?? 0
        let left = Self.margin + (figure.y.label.isEmpty ? 0 : 18) + yLabelWidth + Self.tickLength + 3
        var right = 20.0
        var plotWidth = Swift.max(width - left - right, 20)
        x = figure.x.ticks(forData: extents.x.range, length: plotWidth, orientation: .horizontal)
        if let last = x.ticks.last, x.fraction(ofCoordinate: last.coordinate) > 0.999 {
            let needed = ChartMetrics.estimatedWidth(of: last.label) / 2 + 4
            if needed > right {
                right = needed
                plotWidth = Swift.max(width - left - right, 20)
                x = figure.x.ticks(forData: extents.x.range, length: plotWidth, orientation: .horizontal)
            }
        }
        plot = PlotArea(left: left, top: plotTop, width: plotWidth, height: plotHeight)
    }

    /// The x of a vertical reference line at `value`, if it is drawn (inside the plot).
    func referenceX(_ value: Double) -> Double? { x.fraction(of: value).flatMap(Self.insidePlot).map(plot.x) }
    /// The y of a horizontal reference line at `value`, if it is drawn (inside the plot).
    func referenceY(_ value: Double) -> Double? { y.fraction(of: value).flatMap(Self.insidePlot).map(plot.y) }

    /// `f` clamped to the plot if it is in it (within rounding), else nil.
    private static func insidePlot(_ f: Double) -> Double? {
        f >= -1e-9 && f <= 1 + 1e-9 ? Swift.min(Swift.max(f, 0), 1) : nil
    }

    /// The pixel position of a value on the x axis, if it has one.
    func px(_ value: Double) -> Double? { x.fraction(of: value).map(plot.x) }
    /// The pixel position of a value on the y axis, if it has one.
    func py(_ value: Double) -> Double? { y.fraction(of: value).map(plot.y) }
}
