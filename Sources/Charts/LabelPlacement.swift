/// Where an annotation label may be written: its anchor point and which end of the
/// text the point is.
struct LabelSpot: Equatable {
    /// The x of the text's anchor, in SVG px.
    var x: Double
    /// The text's baseline, in SVG px.
    var baseline: Double
    /// `start` (the text runs right from `x`) or `end` (it ends at `x`).
    var anchor: Anchor

    enum Anchor: String { case start, end }
}

/// The estimated box a label's text covers, in SVG px (y grows downwards): its width
/// from ``ChartMetrics/estimatedWidth(of:fontSize:)``, from 0.8 of the font size above
/// the baseline to 0.25 below it, at the tick font size (generous for the 10 px the
/// default style draws labels at).
struct LabelBox: Equatable {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    init(_ text: String, at spot: LabelSpot) {
        let width = ChartMetrics.estimatedWidth(of: text)
        left = spot.anchor == .start ? spot.x : spot.x - width
        right = left + width
        top = spot.baseline - 0.8 * ChartMetrics.tickFontSize
        bottom = spot.baseline + 0.25 * ChartMetrics.tickFontSize
    }

    /// True when the boxes overlap, or overlap vertically and are less than
    /// ``ChartMetrics/tickLabelGap`` apart side by side (so two labels never read as one).
    func meets(_ other: LabelBox) -> Bool {
        let gap = ChartMetrics.tickLabelGap
        return left < other.right + gap && other.left < right + gap && top < other.bottom && other.top < bottom
    }

    /// True when a vertical line at `x` passes through the box.
    func isCrossed(x: Double) -> Bool { left < x && x < right }
    /// True when a horizontal line at `y` passes through the box.
    func isCrossed(y: Double) -> Bool { top < y && y < bottom }
}

/// Places the annotation labels of one figure so that none overlaps another and no
/// reference line runs through one.
///
/// Each label is offered its candidate spots in order of preference and takes the first
/// that is clear: its box meets no label placed before it and no reference line crosses
/// it. If none is clear, it takes the first spot whose box meets no other label (a line
/// may cross it), and only if there is none of those either, its first spot. Labels are
/// placed in drawing order, so the result is deterministic.
struct LabelPlacer {
    /// x of every vertical reference line drawn.
    let verticalLines: [Double]
    /// y of every horizontal reference line drawn.
    let horizontalLines: [Double]
    /// The boxes of the labels placed so far.
    private(set) var placed: [LabelBox] = []

    init(verticalLines: [Double], horizontalLines: [Double]) {
        self.verticalLines = verticalLines
        self.horizontalLines = horizontalLines
    }

    /// The spot `text` takes among `candidates` (which must not be empty); its box is
    /// then an obstacle for the labels placed after it.
    mutating func place(_ text: String, candidates: [LabelSpot]) -> LabelSpot {
        precondition(!candidates.isEmpty, "a label needs at least one candidate spot")
        let boxes = candidates.map { LabelBox(text, at: $0) }
        let apart = boxes.indices.filter { i in !placed.contains { $0.meets(boxes[i]) } }
        let clear = apart.first { i in
            !verticalLines.contains(where: boxes[i].isCrossed(x:)) && !horizontalLines.contains(where: boxes[i].isCrossed(y:))
        }
        let chosen = clear ?? apart.first ?? 0
        placed.append(boxes[chosen])
        return candidates[chosen]
    }
}
