/// A chart as a value: a title, two axes, a list of marks and a size, rendered to
/// deterministic SVG (``svg(idPrefix:)``) and to CSV of the same data (``csv()``).
///
/// ```swift
/// let figure = Figure(
///     title: "Gradient magnitudes at step 1000",
///     x: .log2("|g|"), y: .linear("count"),
///     marks: [
///         .exponentHistogram("FP32 gradients", of: gradients),
///         .band(x: 0x1p-14...65504, label: "FP16 normal range"),
///         .reference(x: 65504, label: "FP16 max 65504"),
///     ],
///     caption: "Most gradients sit below the FP16 normal range.")
/// let svg = figure.svg(idPrefix: "fig-grad")
/// ```
///
/// The same figure always gives the same bytes: nothing depends on the platform's
/// number formatting, libm, locale, dictionary order or time.
public struct Figure: Codable, Sendable {
    /// The figure's title: drawn above the plot and the SVG's `<title>`.
    public var title: String
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// The layers, drawn in order (bands first, then data, then reference lines).
    public var marks: [Mark]
    /// The SVG's size in px (its `viewBox`).
    public var size: Size
    /// Prose describing the figure, placed before the generated data summary in `<desc>`.
    public var caption: String?

    /// A figure. Without axes both are linear and fitted to the data.
    public init(
        title: String,
        x: Axis = .linear(),
        y: Axis = .linear(),
        size: Size = .standard,
        marks: [Mark] = [],
        caption: String? = nil
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.size = size
        self.marks = marks
        self.caption = caption
    }

    /// The size of a figure in px.
    public struct Size: Hashable, Codable, Sendable {
        /// Width in px.
        public var width: Double
        /// Height in px.
        public var height: Double

        /// A size of `width` × `height` px.
        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }

        /// 640 × 360, the size the book's column is designed for.
        public static let standard = Size(width: 640, height: 360)
    }
}
