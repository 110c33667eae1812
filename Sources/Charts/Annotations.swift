/// Which axis an annotation's values are measured on.
public enum AnnotationAxis: Hashable, Codable, Sendable {
    /// A range or value of x: a vertical strip or line.
    case x
    /// A range or value of y: a horizontal strip or line.
    case y
}

/// A shaded, labelled range of one axis, across the whole plot: "FP16 normal range",
/// "warmup".
///
/// Infinite bounds run to the edge of the plot. On a log axis a lower bound ≤ 0 runs to
/// the bottom (or left) edge. A fitted axis is widened to show the finite bounds.
public struct Band: Codable, Sendable {
    /// The axis the range is on.
    public var axis: AnnotationAxis
    /// The range, in data units.
    public var range: ClosedRange<Double>
    /// Text drawn inside the band at its start (for a band of x, in the first row along
    /// the top of the plot that no other label occupies there).
    public var label: String

    /// A band over `range` of `axis`.
    public init(_ axis: AnnotationAxis, _ range: ClosedRange<Double>, label: String) {
        self.axis = axis
        self.range = range
        self.label = label
    }
}

/// A labelled line across the plot at one value: "FP16 max 65504", "clip threshold".
///
/// A fitted axis is widened to include the value; with a fixed domain that excludes it,
/// the line is not drawn (the description still lists it). A non-finite value, or a
/// value ≤ 0 on a log axis, is listed but not drawn.
public struct ReferenceLine: Codable, Sendable {
    /// The axis the value is on.
    public var axis: AnnotationAxis
    /// The value, in data units.
    public var value: Double
    /// Text drawn next to the line: for a line of x, in a row along the top of the plot,
    /// right of the line (left if it does not fit); for a line of y, above it at the right
    /// end. A label moves to the next row, the other side or the other end rather than
    /// overlap another label or be crossed by another reference line.
    public var label: String

    /// A line at `value` of `axis`.
    public init(_ axis: AnnotationAxis, _ value: Double, label: String) {
        self.axis = axis
        self.value = value
        self.label = label
    }
}
