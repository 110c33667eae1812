/// One layer of a ``Figure``: a series of data or an annotation.
///
/// Build marks with the static functions, which read naturally in a figure's list. Data
/// may be `Double`s or `Float`s (any `BinaryFloatingPoint`, converted exactly); array
/// literals such as `[1, .nan]` are `Double`s.
///
/// ```swift
/// marks: [
///     .line("FP32", x: steps, y: fp32Loss),
///     .line("FP16", x: steps, y: fp16Loss),
///     .reference(y: 65504, label: "FP16 max 65504"),
/// ]
/// ```
///
/// Runs repeated over several seeds are compared as a line through their median with a
/// band from their minimum to their maximum (see ``SpreadSeries``):
///
/// ```swift
/// marks: [
///     .seeds("FP32", y: fp32Runs.map { $0.map(\.loss) }),
///     .seeds("FP16", y: fp16Runs.map { $0.map(\.loss) }),
/// ]
/// ```
///
/// Data marks (lines, lines with bands, scatters, histograms) take colours `chart-series-0`...`-7` in the
/// order they appear, cycling after eight. Annotations (bands, reference lines) are drawn
/// under and over the data respectively and appear in no legend.
public struct Mark: Codable, Sendable {
    /// What a mark is, with its data.
    public enum Kind: Codable, Sendable {
        /// Points joined by lines.
        case line(LineSeries)
        /// A line with a shaded band around it, in one colour: a statistic over runs and
        /// their spread.
        case spread(SpreadSeries)
        /// Unjoined points.
        case scatter(ScatterSeries)
        /// Bars over given bin edges.
        case histogram(Histogram)
        /// Bars over binary exponents, with zeros and non-finite values counted apart.
        case exponentHistogram(ExponentHistogram)
        /// A shaded range of one axis.
        case band(Band)
        /// A line at one value of one axis.
        case reference(ReferenceLine)
    }

    /// The mark's kind and data.
    public var kind: Kind

    /// A mark of the given kind.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Whether the mark is data with a colour and a legend entry (not an annotation).
    var isSeries: Bool {
        switch kind {
        case .line, .spread, .scatter, .histogram, .exponentHistogram: true
        case .band, .reference: false
        }
    }

    /// The series or annotation name.
    var name: String {
        switch kind {
        case .line(let s): s.name
        case .spread(let s): s.name
        case .scatter(let s): s.name
        case .histogram(let h): h.name
        case .exponentHistogram(let h): h.name
        case .band(let b): b.label
        case .reference(let r): r.label
        }
    }
}

extension Mark {
    /// A line through `points`, in order.
    public static func line(_ name: String, _ points: [(x: Double, y: Double)]) -> Mark {
        Mark(.line(LineSeries(name: name, points: points.map { Point(x: $0.x, y: $0.y) })))
    }

    /// A line through `(x[i], y[i])`. Extra values in the longer sequence are ignored.
    public static func line(_ name: String, x: some Sequence<Double>, y: some Sequence<Double>) -> Mark {
        Mark(.line(LineSeries(name: name, points: zip(x, y).map { Point(x: $0, y: $1) })))
    }

    /// A line through `(x[i], y[i])` from `Float`s or any other binary floating-point
    /// values, converted exactly to `Double`. Extra values in the longer sequence are ignored.
    public static func line<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        _ name: String, x: some Sequence<X>, y: some Sequence<Y>
    ) -> Mark {
        Mark(.line(LineSeries(name: name, points: zip(x, y).map { Point(x: Double($0), y: Double($1)) })))
    }

    /// A line through `(i, y[i])`: values against their index (training step, epoch).
    public static func line(_ name: String, y: some Sequence<Double>) -> Mark {
        Mark(.line(LineSeries(name: name, points: y.enumerated().map { Point(x: Double($0), y: $1) })))
    }

    /// A line through `(i, y[i])` from `Float`s or any other binary floating-point values,
    /// converted exactly to `Double`.
    public static func line<Y: BinaryFloatingPoint>(_ name: String, y: some Sequence<Y>) -> Mark {
        Mark(.line(LineSeries(name: name, points: y.enumerated().map { Point(x: Double($0), y: Double($1)) })))
    }

    /// A line through `(x[i], y[i])` over a shaded band from `lower[i]` to `upper[i]`, in
    /// the line's colour: a statistic and its spread computed elsewhere (a mean and ±1
    /// standard deviation, say). See ``SpreadSeries`` for points that cannot be drawn.
    /// Extra values in the longer sequences are ignored.
    public static func line(
        _ name: String, x: some Sequence<Double>, y: some Sequence<Double>,
        lower: some Sequence<Double>, upper: some Sequence<Double>
    ) -> Mark {
        let points = zip(zip(x, y), zip(lower, upper)).map { SpreadPoint(x: $0.0, y: $0.1, lower: $1.0, upper: $1.1) }
        return Mark(.spread(SpreadSeries(name: name, points: points)))
    }

    /// A line through `(i, y[i])` over a shaded band from `lower[i]` to `upper[i]`: values
    /// against their index (training step, epoch). Extra values in the longer sequences
    /// are ignored.
    public static func line(
        _ name: String, y: some Sequence<Double>, lower: some Sequence<Double>, upper: some Sequence<Double>
    ) -> Mark {
        line(name, x: (0...).lazy.map(Double.init), y: y, lower: lower, upper: upper)
    }

    /// The median of several runs against their index (training step), over a band from
    /// their minimum to their maximum: `runs[s][i]` is run `s`'s value at step `i`.
    ///
    /// ```swift
    /// .seeds("recipe", y: runs.map { $0.map { Double($0.loss) } })
    /// ```
    ///
    /// The median of an even number of runs is the mean of the two middle values; a NaN
    /// in any run makes the point NaN; runs are cut to the shortest. See
    /// ``SpreadPoint/init(x:summarizing:)`` and, for what is drawn, ``SpreadSeries``.
    public static func seeds(_ name: String, y runs: [[Double]]) -> Mark {
        Mark(.spread(SpreadSeries(name: name, x: (0...).lazy.map(Double.init), runs: runs)))
    }

    /// The median of several runs at `x[i]`, over a band from their minimum to their
    /// maximum: `runs[s][i]` is run `s`'s value at `x[i]`. See ``seeds(_:y:)``.
    public static func seeds(_ name: String, x: some Sequence<Double>, y runs: [[Double]]) -> Mark {
        Mark(.spread(SpreadSeries(name: name, x: x, runs: runs)))
    }

    /// The median of several runs of `Float`s (or other binary floating-point values,
    /// converted exactly to `Double`) against their index, over a band from their
    /// minimum to their maximum. See ``seeds(_:y:)``.
    public static func seeds<Y: BinaryFloatingPoint>(_ name: String, y runs: [[Y]]) -> Mark {
        seeds(name, y: runs.map { $0.map { Double($0) } })
    }

    /// The median of several runs of `Float`s (or other binary floating-point values,
    /// converted exactly to `Double`) at `x[i]`, over a band from their minimum to their
    /// maximum. See ``seeds(_:y:)``.
    public static func seeds<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        _ name: String, x: some Sequence<X>, y runs: [[Y]]
    ) -> Mark {
        seeds(name, x: x.map { Double($0) }, y: runs.map { $0.map { Double($0) } })
    }

    /// Dots at `points`.
    public static func scatter(_ name: String, _ points: [(x: Double, y: Double)]) -> Mark {
        Mark(.scatter(ScatterSeries(name: name, points: points.map { Point(x: $0.x, y: $0.y) })))
    }

    /// Dots at `(x[i], y[i])`. Extra values in the longer sequence are ignored.
    public static func scatter(_ name: String, x: some Sequence<Double>, y: some Sequence<Double>) -> Mark {
        Mark(.scatter(ScatterSeries(name: name, points: zip(x, y).map { Point(x: $0, y: $1) })))
    }

    /// Dots at `(x[i], y[i])` from `Float`s or any other binary floating-point values,
    /// converted exactly to `Double`. Extra values in the longer sequence are ignored.
    public static func scatter<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        _ name: String, x: some Sequence<X>, y: some Sequence<Y>
    ) -> Mark {
        Mark(.scatter(ScatterSeries(name: name, points: zip(x, y).map { Point(x: Double($0), y: Double($1)) })))
    }

    /// Bars over `edges` (one more than `counts`).
    ///
    /// - Precondition: `edges.count == counts.count + 1`.
    public static func histogram(_ name: String, edges: [Double], counts: [Int]) -> Mark {
        Mark(.histogram(Histogram(name: name, edges: edges, counts: counts)))
    }

    /// Bars counting `values` by binary exponent `floor(log2|x|)`; put it on an
    /// ``Axis/log2(_:domain:)`` x axis. See ``ExponentHistogram``.
    public static func exponentHistogram(_ name: String, of values: some Sequence<Double>) -> Mark {
        Mark(.exponentHistogram(ExponentHistogram(name: name, values: values)))
    }

    /// Bars counting `Float` (or other binary floating-point) values by their own binary
    /// exponent. See ``ExponentHistogram``.
    public static func exponentHistogram<V: BinaryFloatingPoint>(_ name: String, of values: some Sequence<V>) -> Mark {
        Mark(.exponentHistogram(ExponentHistogram(name: name, values: values)))
    }

    /// A vertical strip over a range of x.
    public static func band(x range: ClosedRange<Double>, label: String) -> Mark {
        Mark(.band(Band(.x, range, label: label)))
    }

    /// A horizontal strip over a range of y.
    public static func band(y range: ClosedRange<Double>, label: String) -> Mark {
        Mark(.band(Band(.y, range, label: label)))
    }

    /// A vertical line at one value of x.
    public static func reference(x value: Double, label: String) -> Mark {
        Mark(.reference(ReferenceLine(.x, value, label: label)))
    }

    /// A horizontal line at one value of y.
    public static func reference(y value: Double, label: String) -> Mark {
        Mark(.reference(ReferenceLine(.y, value, label: label)))
    }
}
