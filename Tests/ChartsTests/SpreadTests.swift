import Charts
import Foundation
import Testing

/// One row of the median table: the values of several runs at one step, and the
/// statistics they must give, bit for bit.
struct SummaryCase: CustomTestStringConvertible, Sendable {
    var values: [Double]
    var median: Double
    var lower: Double
    var upper: Double
    var note: String
    var testDescription: String { "\(note): \(values)" }
}

/// Lines over min–max bands: the statistics over seeds, where the band breaks, and how
/// it is drawn, described and exported.
@Suite("Lines with bands")
struct SpreadTests {
    static let g = Double.greatestFiniteMagnitude

    static let summaries: [SummaryCase] = [
        .init(values: [3, 1, 2], median: 2, lower: 1, upper: 3, note: "odd count: the middle value"),
        .init(values: [4, 1, 3, 2], median: 2.5, lower: 1, upper: 4, note: "even count: mean of the two middle values"),
        .init(values: [0.2, 0.1], median: 0.15000000000000002, lower: 0.1, upper: 0.2, note: "mean rounded once"),
        .init(values: [5], median: 5, lower: 5, upper: 5, note: "one run"),
        .init(values: [2, 2, 2, 2, 2], median: 2, lower: 2, upper: 2, note: "identical runs"),
        .init(values: [g, g], median: g, lower: g, upper: g, note: "the sum overflows, the mean does not"),
        .init(values: [-g, g], median: 0, lower: -g, upper: g, note: "opposite extremes"),
        .init(values: [1, .infinity, 2], median: 2, lower: 1, upper: .infinity, note: "one run at +inf"),
        .init(values: [1, .infinity], median: .infinity, lower: 1, upper: .infinity, note: "+inf among two middle values"),
        .init(values: [-.infinity, .infinity], median: .nan, lower: -.infinity, upper: .infinity, note: "-inf and +inf have no mean"),
        .init(values: [1, .nan, 2], median: .nan, lower: .nan, upper: .nan, note: "NaN makes all three NaN"),
        .init(values: [.nan, .infinity, -.infinity], median: .nan, lower: .nan, upper: .nan, note: "NaN wins over infinities"),
        .init(values: [], median: .nan, lower: .nan, upper: .nan, note: "no runs"),
    ]

    /// The same number, bit for bit; any NaN matches any NaN.
    func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test("median, minimum and maximum of the runs at one step", arguments: summaries)
    func summary(_ c: SummaryCase) {
        let p = SpreadPoint(x: 7, summarizing: c.values)
        #expect(p.x == 7)
        #expect(same(p.y, c.median), "median \(p.y), expected \(c.median)")
        #expect(same(p.lower, c.lower), "minimum \(p.lower), expected \(c.lower)")
        #expect(same(p.upper, c.upper), "maximum \(p.upper), expected \(c.upper)")
        // The order of the runs never matters.
        let reversed = SpreadPoint(x: 7, summarizing: c.values.reversed())
        #expect(same(reversed.y, p.y) && same(reversed.lower, p.lower) && same(reversed.upper, p.upper))
    }

    func series(_ mark: Mark) throws -> SpreadSeries {
        guard case .spread(let s) = mark.kind else { throw SVGDocument.ParseError(description: "not a line with a band") }
        return s
    }

    @Test("seeds: statistics per step over the runs, cut to the shortest; x by index or given; Floats exactly")
    func seeds() throws {
        let s = try series(.seeds("r", y: [[1, 2, 3], [3, 2, 1], [2, .nan, 5], [0, 1]]))
        #expect(s.name == "r" && s.runCount == 4)
        #expect(s.points.map(\.x) == [0, 1])
        #expect(s.points[0].y == 1.5 && s.points[0].lower == 0 && s.points[0].upper == 3)
        #expect(s.points[1].y.isNaN && s.points[1].lower.isNaN && s.points[1].upper.isNaN)

        let withX = try series(.seeds("x", x: [10, 20, 30], y: [[1, 2, 3, 4], [5, 6, 7, 8]]))
        #expect(withX.points.map(\.x) == [10, 20, 30])
        #expect(withX.points.map(\.y) == [3, 4, 5])

        let floats = try series(.seeds("f", y: [[Float(0.1)], [Float(0.3)]]))
        #expect(floats.points[0].y == (Double(Float(0.1)) + Double(Float(0.3))) / 2)
        #expect(floats.points[0].lower == Double(Float(0.1)))
        #expect(try series(.seeds("none", y: [[Double]]())).points.isEmpty)

        let given = try series(.line("g", y: [1, 2, 3], lower: [0, 1], upper: [2, 3, 4]))
        #expect(given.runCount == nil)
        #expect(given.points.map(\.lower) == [0, 1], "extra values in the longer sequences are ignored")
    }

    /// The plot area in px, read from the axis lines: `M left,bottom H right` and
    /// `M left,top V bottom`.
    func plotArea(_ document: SVGDocument) throws -> (left: Double, top: Double, right: Double, bottom: Double) {
        func numbers(_ axis: String) throws -> [Double] {
            let path = try #require(document.elements.first { $0.hasClass("chart-axis-line") && $0.ancestorClasses.contains(Substring(axis)) })
            return path.attributes["d"]!.split(whereSeparator: { "MHVhv,".contains($0) }).compactMap { Double($0) }
        }
        let x = try numbers("chart-axis-x"), y = try numbers("chart-axis-y")
        return (x[0], y[1], x[2], x[1])
    }

    /// The vertices of a polygon's path data `M x,y L x,y ... Z`.
    func vertices(_ d: String) -> [(x: Double, y: Double)] {
        d.split(whereSeparator: { "MLZ".contains($0) }).map { pair in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return (xy[0], xy[1])
        }
    }

    func bands(_ document: SVGDocument, series: Int) -> [SVGDocument.Element] {
        document.plotted("chart-spread").filter { $0.ancestorClasses.contains(Substring("chart-series-\(series)")) }
    }

    func markers(_ document: SVGDocument, _ kind: String) -> Int {
        document.elements(withClass: "chart-marker").filter { $0.hasClass("chart-nonfinite-\(kind)") }.count
    }

    func legend(_ document: SVGDocument) -> [String] {
        document.elements(withClass: "chart-legend-entry").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("+inf in one run breaks the band but not the median; NaN breaks both; each is marked and counted once")
    func breaks() throws {
        let document = try SVGDocument(CanonicalFigures.seedBands.svg(idPrefix: "s"))
        #expect(bands(document, series: 0).count == 1)
        // Band runs: steps 0-29, 31-44, 46-59. The median breaks only at 45.
        #expect(bands(document, series: 1).count == 3)
        let line = try #require(document.plotted("chart-line").first { $0.ancestorClasses.contains("chart-series-1") })
        #expect(line.attributes["d"]!.filter { $0 == "M" }.count == 2)
        #expect(markers(document, "posinf") == 1 && markers(document, "nan") == 1)
        #expect(legend(document) == ["FP32", "FP16 & loss scaling", "+inf (1)", "NaN (1)"])
        let desc = try #require(document.text(of: "desc"))
        #expect(desc.contains("Line “FP16 & loss scaling” (median of 5 runs) with a band from their minimum to their maximum: 60 points"))
        #expect(desc.contains("2 non-finite (1 +inf, 1 NaN)"))
    }

    @Test("the band is drawn under its line, in its series group, at low opacity in the series colour")
    func drawing() throws {
        let svg = CanonicalFigures.seedBands.svg(idPrefix: "s")
        let document = try SVGDocument(svg)
        for series in 0..<2 {
            let group = "chart-series-\(series)"
            let inGroup = document.elements.enumerated().filter { $0.element.ancestorClasses.contains(Substring(group)) }
            let firstBand = try #require(inGroup.first { $0.element.hasClass("chart-spread") }).offset
            let line = try #require(inGroup.first { $0.element.hasClass("chart-line") }).offset
            #expect(firstBand < line)
        }
        for band in document.plotted("chart-spread") {
            #expect(band.attributes["fill"] == "currentColor" && band.attributes["fill-opacity"] == "0.2")
            #expect(band.attributes["d"]!.hasPrefix("M") && band.attributes["d"]!.hasSuffix("Z"))
        }
        // One legend entry per series: its swatch is a band and a line of the same colour.
        let swatches = document.elements.filter { $0.ancestorClasses.contains("chart-legend-entry") && $0.hasClass("chart-series-1") }
        #expect(swatches.map(\.name) == ["rect", "path"])
        #expect(swatches[0].hasClass("chart-spread") && swatches[1].hasClass("chart-line"))
        #expect(svg.contains("FP16 &amp; loss scaling"))
    }

    static let logFigure = Figure(
        title: "On a log axis", y: .log10("loss"),
        marks: [.line("b", y: [1, 0.5, 0.3, 0.2, 0.15, 0.1],
                      lower: [0.5, 0.4, 0, 0.1, 0.1, -1], upper: [2, 1, 0.5, 0.4, 0.3, 0.2])])

    @Test("on a log axis a bound ≤ 0 breaks the band, is marked at the bottom and counted")
    func logAxis() throws {
        let document = try SVGDocument(Self.logFigure.svg(idPrefix: "l"))
        #expect(bands(document, series: 0).count == 2)  // steps 0-1 and 3-4
        let line = try #require(document.plotted("chart-line").first)
        #expect(line.attributes["d"]!.filter { $0 == "M" }.count == 1, "the median itself is drawable throughout")
        #expect(markers(document, "nonpositive") == 2)
        #expect(legend(document) == ["b", "≤ 0 (log axis) (2)"])
        #expect(try #require(document.text(of: "desc")).contains("0 non-finite; 2 ≤ 0, off the log axis"))
    }

    @Test("a fitted y axis covers the band's bounds; a fixed one clips the band to the plot")
    func extents() throws {
        func yDomain(_ figure: Figure) throws -> (Double, Double) {
            let desc = try #require(try SVGDocument(figure.svg(idPrefix: "e")).text(of: "desc"))
            let match = try #require(desc.firstMatch(of: /y axis: linear, (\S+) to (\S+)\./))
            return (try #require(Double(match.1)), try #require(Double(match.2)))
        }
        let plain = try yDomain(Figure(title: "", marks: [.line("b", y: [1, 2])]))
        let banded = try yDomain(Figure(title: "", marks: [.line("b", y: [1, 2], lower: [0.5, -3], upper: [2, 10])]))
        #expect(plain.0 >= 0.5 && plain.1 <= 3)
        #expect(banded.0 <= -3 && banded.1 >= 10)
        let desc = try SVGDocument(Figure(title: "", marks: [.line("b", y: [1, 2], lower: [0.5, -3], upper: [2, 10])])
            .svg(idPrefix: "e")).text(of: "desc")
        #expect(desc?.contains("y 1 to 2, band -3 to 10") == true)

        let clipped = try SVGDocument(RenderingTests.figures.first { $0.name == "band-clipped" }!.figure.svg(idPrefix: "c"))
        let plot = try plotArea(clipped)
        let polygons = clipped.plotted("chart-spread")
        #expect(polygons.count == 1)
        for polygon in polygons {
            for v in vertices(polygon.attributes["d"]!) {
                #expect(v.x >= plot.left && v.x <= plot.right && v.y >= plot.top && v.y <= plot.bottom, "\(v) outside \(plot)")
            }
        }
    }

    @Test("identical runs enclose nothing: the line is drawn, no band")
    func identicalRuns() throws {
        let document = try SVGDocument(Figure(title: "", marks: [.seeds("same", y: [[1, 2, 3], [1, 2, 3]])]).svg(idPrefix: "i"))
        #expect(document.plotted("chart-spread").isEmpty)
        #expect(document.plotted("chart-line").count == 1)
    }

    @Test("CSV: y_lower and y_upper columns when a line has a band, empty for other marks")
    func csv() {
        let figure = Figure(title: "t", marks: [.seeds("s, 3 seeds", y: [[1, 2], [3, .nan], [2, 4]]), .line("l", y: [5])])
        #expect(figure.csv() == """
            mark,series,x,x_end,y,y_end,y_lower,y_upper
            spread,"s, 3 seeds",0,,2,,1,3
            spread,"s, 3 seeds",1,,nan,,nan,nan
            line,l,0,,5,,,

            """)
        #expect(Figure(title: "t", marks: [.line("l", y: [5])]).csv().hasPrefix("mark,series,x,x_end,y,y_end\n"))
    }
}
