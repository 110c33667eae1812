/// A position in plot fractions: (0, 0) bottom left, (1, 1) top right.
struct FractionPoint: Equatable {
    var x: Double
    var y: Double

    /// Whether the point is in the plot area (edges included, with a hair of tolerance for
    /// values that sit on a domain bound but round just past it).
    var isInside: Bool {
        let e = 1e-9
        return x >= -e && x <= 1 + e && y >= -e && y <= 1 + e
    }

    /// The point with each coordinate limited to ±1e300, so that differences between two
    /// points stay finite.
    var bounded: FractionPoint {
        FractionPoint(x: Swift.min(Swift.max(x, -1e300), 1e300), y: Swift.min(Swift.max(y, -1e300), 1e300))
    }
}

/// Liang–Barsky clipping of segments to the unit square.
enum Clip {
    /// The part of the segment from `p` to `q` inside the unit square, or `nil` when none
    /// of it is. An endpoint inside is returned unchanged (not recomputed).
    static func segment(_ p: FractionPoint, _ q: FractionPoint) -> (FractionPoint, FractionPoint)? {
        let p = p.bounded, q = q.bounded
        let dx = q.x - p.x, dy = q.y - p.y
        var t0 = 0.0, t1 = 1.0
        for (pk, qk) in [(-dx, p.x), (dx, 1 - p.x), (-dy, p.y), (dy, 1 - p.y)] {
            if pk == 0 {
                if qk < 0 { return nil }
                continue
            }
            let r = qk / pk
            if pk < 0 {
                if r > t1 { return nil }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return nil }
                if r < t1 { t1 = r }
            }
        }
        let start = t0 == 0 ? p : FractionPoint(x: p.x + t0 * dx, y: p.y + t0 * dy)
        let end = t1 == 1 ? q : FractionPoint(x: p.x + t1 * dx, y: p.y + t1 * dy)
        return (start, end)
    }

    /// The part of a closed polygon inside the unit square (Sutherland–Hodgman: one
    /// pass per edge of the square), empty when none of it is. Vertices inside are
    /// returned unchanged; a polygon that leaves the square runs along its edge instead.
    static func polygon(_ vertices: [FractionPoint]) -> [FractionPoint] {
        let inside: [(FractionPoint) -> Double] = [{ $0.x }, { 1 - $0.x }, { $0.y }, { 1 - $0.y }]
        var result = vertices.map(\.bounded)
        for distance in inside {
            guard let last = result.last else { break }
            var kept: [FractionPoint] = []
            var previous = last
            for current in result {
                let dp = distance(previous), dc = distance(current)
                if (dp >= 0) != (dc >= 0) {
                    let t = dp / (dp - dc)
                    kept.append(FractionPoint(x: previous.x + t * (current.x - previous.x),
                                              y: previous.y + t * (current.y - previous.y)))
                }
                if dc >= 0 { kept.append(current) }
                previous = current
            }
            result = kept
        }
        return result
    }
}

/// Path data for a polyline with gaps: `M` starts every piece, so a gap is a new subpath.
/// Consecutive points that print the same are written once.
struct PolylinePath {
    private(set) var data = ""
    /// Points drawn alone (a drawable point between two gaps), in px.
    private(set) var dots: [(x: Double, y: Double)] = []
    private var plot: PlotArea
    private var previous: FractionPoint?
    private var runLength = 0
    private var penAt: FractionPoint?
    private var lastWritten = ""

    init(plot: PlotArea) { self.plot = plot }

    /// Continues the line to `point`, or breaks it when `point` is `nil`.
    mutating func add(_ point: FractionPoint?) {
        guard let point else {
            finishRun()
            return
        }
        if let previous, let (start, end) = Clip.segment(previous, point) {
            if penAt != start { move(to: start) }
            line(to: end)
            penAt = end == point ? end : nil
        } else {
            penAt = nil
        }
        previous = point
        runLength += 1
    }

    /// Ends the path; call once after the last point.
    mutating func finish() { finishRun() }

    private mutating func finishRun() {
        if runLength == 1, let previous, previous.isInside {
            dots.append((plot.x(previous.x), plot.y(previous.y)))
        }
        previous = nil
        penAt = nil
        runLength = 0
    }

    private mutating func move(to point: FractionPoint) {
        lastWritten = coordinates(point)
        data += "M" + lastWritten
    }

    private mutating func line(to point: FractionPoint) {
        let text = coordinates(point)
        if text != lastWritten { data += "L" + text }
        lastWritten = text
    }

    private func coordinates(_ point: FractionPoint) -> String {
        SVGNumber.text(plot.x(point.x)) + "," + SVGNumber.text(plot.y(point.y))
    }
}
