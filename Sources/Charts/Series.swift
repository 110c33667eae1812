/// A data point. Either coordinate may be NaN or infinite; see ``LineSeries`` for how
/// such points are drawn.
public struct Point: Codable, Sendable {
    /// The horizontal coordinate, in data units.
    public var x: Double
    /// The vertical coordinate, in data units.
    public var y: Double

    /// A point at (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A named sequence of points joined by straight lines, in the order given.
///
/// ## Points that cannot be drawn
/// A point is drawn when both coordinates have a position on their axes (finite, and
/// positive on a log axis). Any other point breaks the line — the path stops before it
/// and starts again after it, so it is never drawn as 0 or bridged over — and, where it
/// has a position along one edge, leaves a marker there (class `chart-nonfinite`):
///
/// | point | marker |
/// |---|---|
/// | y is +inf | ▲ on the top edge, at x |
/// | y is NaN | ✕ on the top edge, at x |
/// | y is -inf | ▼ on the bottom edge, at x |
/// | y ≤ 0 on a log y axis | ▽ on the bottom edge, at x |
/// | x is +inf, y drawable | ▶ on the right edge, at y |
/// | x is -inf, or ≤ 0 on a log x axis, y drawable | ◀ on the left edge, at y |
///
/// A point with no such position (x is NaN, or neither coordinate drawable) and a marker
/// outside a fixed domain are not drawn, but every undrawable point is counted in the
/// legend and in the figure's `<desc>`. A drawable point between two breaks is drawn as a
/// dot. Drawable points outside a fixed domain are clipped at the edge of the plot.
public struct LineSeries: Codable, Sendable {
    /// The series name, shown in the legend and the description.
    public var name: String
    /// The points, joined in this order.
    public var points: [Point]

    /// A series from its points.
    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }
}

/// A named set of unconnected points, each drawn as a dot.
///
/// Points that cannot be drawn are marked at the edge exactly as in ``LineSeries``. Points
/// outside a fixed domain are clipped: not drawn, but listed in the data.
public struct ScatterSeries: Codable, Sendable {
    /// The series name, shown in the legend and the description.
    public var name: String
    /// The points.
    public var points: [Point]

    /// A series from its points.
    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }
}
