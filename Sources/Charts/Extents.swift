/// The smallest and largest plottable value seen on one axis.
struct Extent {
    private(set) var lower = Double.infinity
    private(set) var upper = -Double.infinity

    /// Counts `value` if it has a position on `axis`.
    mutating func include(_ value: Double, on axis: Axis) {
        guard axis.canPlot(value) else { return }
        lower = Swift.min(lower, value)
        upper = Swift.max(upper, value)
    }

    /// The range seen, or `nil` when nothing was.
    var range: ClosedRange<Double>? { lower <= upper ? lower...upper : nil }
}

extension Figure {
    /// The range of plottable values on each axis, over every mark: data (with the bounds
    /// of a line's band), histogram bins (and their baseline), band bounds and reference
    /// lines.
    var dataExtents: (x: Extent, y: Extent) {
        var xs = Extent(), ys = Extent()
        for mark in marks {
            switch mark.kind {
            case .line(let series):
                for p in series.points {
                    xs.include(p.x, on: x)
                    ys.include(p.y, on: y)
                }
            case .spread(let series):
                for p in series.points {
                    xs.include(p.x, on: x)
                    for value in [p.y, p.lower, p.upper] { ys.include(value, on: y) }
                }
            case .scatter(let series):
                for p in series.points {
                    xs.include(p.x, on: x)
                    ys.include(p.y, on: y)
                }
            case .histogram(let histogram):
                includeBars(histogram.bars(on: x), xs: &xs, ys: &ys)
            case .exponentHistogram(let histogram):
                includeBars(histogram.barEdges.filter { x.canPlot($0.lower) && x.canPlot($0.upper) }, xs: &xs, ys: &ys)
            case .band(let band):
                if band.axis == .x {
                    xs.include(band.range.lowerBound, on: x)
                    xs.include(band.range.upperBound, on: x)
                } else {
                    ys.include(band.range.lowerBound, on: y)
                    ys.include(band.range.upperBound, on: y)
                }
            case .reference(let line):
                if line.axis == .x { xs.include(line.value, on: x) } else { ys.include(line.value, on: y) }
            }
        }
        return (xs, ys)
    }

    /// Bars stand on 0 on a linear axis. On a log axis they stand on the bottom of the
    /// domain, which is kept a factor of the base below the smallest count so that the
    /// smallest bar has height.
    private func includeBars(_ bars: [(lower: Double, upper: Double, count: Int)], xs: inout Extent, ys: inout Extent) {
        for bar in bars {
            xs.include(bar.lower, on: x)
            xs.include(bar.upper, on: x)
            switch y.scale {
            case .linear:
                ys.include(0, on: y)
                ys.include(Double(bar.count), on: y)
            case .log(let base):
                if bar.count > 0 {
                    ys.include(Double(bar.count), on: y)
                    ys.include(Double(bar.count) / Double(base.rawValue), on: y)
                }
            }
        }
    }
}

extension Histogram {
    /// The bins that can be drawn on `axis`: both edges plottable and increasing.
    func bars(on axis: Axis) -> [(lower: Double, upper: Double, count: Int)] {
        counts.indices.compactMap { i in
            let lower = edges[i], upper = edges[i + 1]
            guard axis.canPlot(lower), axis.canPlot(upper), lower < upper else { return nil }
            return (lower, upper, counts[i])
        }
    }
}
