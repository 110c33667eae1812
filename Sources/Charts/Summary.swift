extension Figure {
    /// The text of the SVG's `<desc>`: the ``caption``, then a plain-language summary of
    /// the data a reader who cannot see the figure needs — each axis with its scale and
    /// shown range, each series with its size, ranges (a line's band too) and how many of
    /// its values are non-finite (or off a log axis), each band and reference line.
    ///
    /// ```text
    /// Loss by step. x axis "step": linear, 0 to 1000. y axis "loss": log base 10, 1e-3 to 10.
    /// Line "FP16": 1001 points, x 0 to 1000, y 0.01 to 2.3; 12 non-finite (2 +inf, 10 NaN).
    /// ```
    ///
    /// Numbers have at most four significant digits.
    public var summary: String {
        summary(layout: FigureLayout(figure: self, legendEntries: legendEntries))
    }

    /// The summary, with the axes' domains from `layout`.
    func summary(layout: FigureLayout) -> String {
        var sentences: [String] = []
        if let caption, !caption.isEmpty { sentences.append(caption) }
        sentences.append(Self.axisSentence("x", x, layout.x))
        sentences.append(Self.axisSentence("y", y, layout.y))
        for mark in marks { sentences.append(sentence(for: mark)) }
        return sentences.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    private static func axisSentence(_ name: String, _ axis: Axis, _ ticks: AxisTicks) -> String {
        let scale: String =
            switch axis.scale {
            case .linear: "linear"
            case .log(let base): "log base \(base.rawValue)"
            }
        let title = axis.label.isEmpty ? "" : " " + quoted(axis.label)
        return "\(name) axis\(title): \(scale), \(range(ticks.domain.lowerBound, ticks.domain.upperBound))"
    }

    private func sentence(for mark: Mark) -> String {
        switch mark.kind {
        case .line(let s): return pointsSentence("Line \(Self.quoted(s.name))", s.points)
        case .spread(let s): return spreadSentence(s)
        case .scatter(let s): return pointsSentence("Scatter \(Self.quoted(s.name))", s.points)
        case .histogram(let h):
            let total = h.counts.reduce(0, +)
            var text = "Histogram \(Self.quoted(h.name)): \(Self.count(total, "value")) in \(Self.count(h.counts.count, "bin"))"
            if let first = h.edges.first, let last = h.edges.last {
                text += " from \(NumberText.compact(first)) to \(NumberText.compact(last))"
            }
            let undrawn = h.counts.count - h.bars(on: x).count
            if undrawn > 0 { text += "; \(Self.count(undrawn, "bin")) not drawn (edges off the x axis)" }
            return text
        case .exponentHistogram(let h):
            var text = "Exponent histogram \(Self.quoted(h.name)): \(Self.count(h.total, "value"))"
            if let first = h.bins.first, let last = h.bins.last {
                text += ", binary exponents \(first.exponent) to \(last.exponent)"
                text += " (magnitudes 2^\(first.exponent) to 2^\(last.exponent + 1))"
            }
            text += "; zeros: \(h.zeros); non-finite: \(h.nonFinite)"
            if h.nonFinite > 0 {
                text += " (NaN \(h.nans), +inf \(h.positiveInfinities), -inf \(h.negativeInfinities))"
            }
            return text
        case .band(let b):
            return "Band \(Self.quoted(b.label)): \(b.axis == .x ? "x" : "y") \(Self.range(b.range.lowerBound, b.range.upperBound))"
        case .reference(let r):
            return "Reference line \(Self.quoted(r.label)): \(r.axis == .x ? "x" : "y") = \(NumberText.compact(r.value))"
        }
    }

    /// `Line “recipe” (median of 5 runs) with a band from their minimum to their maximum:
    /// 50 points, x 0 to 49, y 1 to 2.5, band 0.9 to 2.7; 0 non-finite`.
    private func spreadSentence(_ s: SpreadSeries) -> String {
        let title = "Line \(Self.quoted(s.name))" + (s.runCount.map {
            " (median of \(Self.count($0, "run"))) with a band from their minimum to their maximum"
        } ?? " with a band between a lower and an upper bound")
        var bounds = Extent()
        for p in s.points {
            bounds.include(p.lower, on: y)
            bounds.include(p.upper, on: y)
        }
        return pointsSentence(title, s.linePoints, band: bounds.range, judged: s.judgedPoints(x: x, y: y))
    }

    /// The sentence for a series of points: its size, ranges (and its band's), and how
    /// many of its points cannot be drawn, judged on `judged` when given.
    private func pointsSentence(_ title: String, _ points: [Point], band: ClosedRange<Double>? = nil,
                                judged: [Point]? = nil) -> String {
        var text = "\(title): \(Self.count(points.count, "point"))"
        var xs = Extent(), ys = Extent()
        for p in points {
            xs.include(p.x, on: x)
            ys.include(p.y, on: y)
        }
        if let r = xs.range { text += ", x \(Self.range(r.lowerBound, r.upperBound))" }
        if let r = ys.range { text += ", y \(Self.range(r.lowerBound, r.upperBound))" }
        if let band { text += ", band \(Self.range(band.lowerBound, band.upperBound))" }
        let problems = ProblemCounts(points: judged ?? points, x: x, y: y)
        let nonFinite = problems.present.filter { $0 != .nonPositive }
        text += "; \(problems.total - problems[.nonPositive]) non-finite"
        if !nonFinite.isEmpty {
            text += " (" + nonFinite.map { "\(problems[$0]) \($0.summaryText)" }.joined(separator: ", ") + ")"
        }
        if problems[.nonPositive] > 0 { text += "; \(problems[.nonPositive]) ≤ 0, off the log axis" }
        return text
    }

    private static func range(_ lo: Double, _ hi: Double) -> String {
        lo == hi ? NumberText.compact(lo) : "\(NumberText.compact(lo)) to \(NumberText.compact(hi))"
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    private static func quoted(_ text: String) -> String { "\u{201C}" + text + "\u{201D}" }
}
