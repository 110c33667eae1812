/// One point of a ``SpreadSeries``: a value on the line and the two bounds of the band
/// around it, all at one x.
public struct SpreadPoint: Codable, Sendable {
    /// The horizontal coordinate, in data units.
    public var x: Double
    /// The value the line passes through (the median over seeds, for instance).
    public var y: Double
    /// The band's lower edge (the minimum over seeds).
    public var lower: Double
    /// The band's upper edge (the maximum over seeds).
    public var upper: Double

    /// A point on the line at (`x`, `y`) with the band from `lower` to `upper` there.
    public init(x: Double, y: Double, lower: Double, upper: Double) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }

    /// The median of `values` on the line, with the band from their minimum to their
    /// maximum, at `x`.
    ///
    /// The median of an odd count is the middle value; of an even count, the mean of the
    /// two middle values, `(a + b) / 2`, rounded once (halved first when the sum
    /// overflows, so two finite values never have an infinite mean).
    ///
    /// ## Values that are not finite
    /// - NaN among the values makes all three NaN, as numpy's `median`, `min` and `max`
    ///   do: a run that failed is never left out of the statistics unseen.
    /// - Infinities are ordered like any other value: one run at +inf makes the maximum
    ///   +inf (the band breaks there, see ``SpreadSeries``) while the median may stay
    ///   finite. The mean of two middle values -inf and +inf is NaN.
    /// - No values: all three are NaN.
    public init(x: Double, summarizing values: [Double]) {
        self.x = x
        guard !values.isEmpty, !values.contains(where: \.isNaN) else {
            (y, lower, upper) = (.nan, .nan, .nan)
            return
        }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        y = sorted.count % 2 == 1 ? sorted[middle] : Self.mean(sorted[middle - 1], sorted[middle])
        lower = sorted[0]
        upper = sorted[sorted.count - 1]
    }

    /// `(a + b) / 2`, without overflowing when both are finite.
    private static func mean(_ a: Double, _ b: Double) -> Double {
        let sum = a + b
        if sum.isInfinite, a.isFinite, b.isFinite { return a / 2 + b / 2 }
        return sum / 2
    }

    /// The point of the line.
    var linePoint: Point { Point(x: x, y: y) }
}

/// A named line with a shaded band around it in the same colour: a statistic over
/// several runs (seeds) and their spread, such as the median loss between the lowest and
/// the highest. Build it with ``Mark/seeds(_:y:)`` from the runs
/// themselves, or with ``Mark/line(_:x:y:lower:upper:)`` from bounds computed elsewhere.
///
/// The band is drawn under the line at low opacity (class `chart-spread`, inside the
/// series' `chart-series-N` group); the legend has one entry for both, and the CSV gives
/// each point's `y_lower` and `y_upper`. A fitted y axis covers the bounds too.
///
/// ## Points that cannot be drawn
/// The line is the ``LineSeries`` through `(x, y)` and breaks, dots and marks exactly
/// like one. The band is drawn only at points where `x`, `y`, `lower` and `upper` all
/// have a position (finite, and positive on a log axis): any other point breaks it, so
/// a bound of +inf, -inf or NaN, or a bound ≤ 0 on a log y axis, leaves a gap in the
/// band rather than a shape reaching to the edge. A band needs two neighbouring drawable
/// points; a lone one has only its dot on the line.
///
/// Each point that breaks the band is counted once in the legend and the `<desc>`, and
/// marked once, by the first of `y`, `lower` and `upper` that has no position, as a
/// ``LineSeries`` marks its `y`: a median of 2 with a maximum of +inf is a ▲ on the top
/// edge above an unbroken line; a minimum ≤ 0 on a log axis is a ▽ on the bottom edge.
/// Bands outside a fixed domain are clipped at the edge of the plot.
public struct SpreadSeries: Codable, Sendable {
    /// The series name, shown in the legend and the description.
    public var name: String
    /// The points, joined in this order.
    public var points: [SpreadPoint]
    /// How many runs each point summarises, when the series was computed from runs
    /// (the description says so); `nil` for bounds given directly.
    public var runCount: Int?

    /// A series from its points.
    public init(name: String, points: [SpreadPoint]) {
        self.name = name
        self.points = points
        self.runCount = nil
    }

    /// The median of `runs` at each index, with the band from their minimum to their
    /// maximum (see ``SpreadPoint/init(x:summarizing:)``), at `x[i]`.
    ///
    /// Runs of different lengths are cut to the shortest, and extra values of `x` are
    /// ignored, as a line ignores the extra values of its longer sequence. No runs give
    /// no points.
    public init(name: String, x: some Sequence<Double>, runs: [[Double]]) {
        let length = runs.map(\.count).min() ?? 0
        var column = [Double](repeating: 0, count: runs.count)
        var points: [SpreadPoint] = []
        points.reserveCapacity(length)
        for (i, xi) in zip(0..<length, x) {
            for r in runs.indices { column[r] = runs[r][i] }
            points.append(SpreadPoint(x: xi, summarizing: column))
        }
        self.name = name
        self.points = points
        self.runCount = runs.count
    }

    /// The line's points.
    var linePoints: [Point] { points.map(\.linePoint) }

    /// Each point as a ``LineSeries`` would judge it: `(x, y)` if that cannot be drawn,
    /// else `(x, lower)` if that cannot, else `(x, upper)`. Counting and marking these
    /// counts and marks every point that breaks the band once.
    func judgedPoints(x: Axis, y: Axis) -> [Point] {
        points.map { p in
            let candidates = [p.linePoint, Point(x: p.x, y: p.lower), Point(x: p.x, y: p.upper)]
            return candidates.first { PointProblem($0, x: x, y: y) != nil } ?? p.linePoint
        }
    }
}
