import Charts
import Foundation
import Testing

/// Annotation labels never overlap each other, and no reference line runs through one,
/// judged with the box the layout assumes for a label: ``ChartMetrics/estimatedWidth(of:fontSize:)``
/// wide, from 0.8 of the tick font size above the baseline to 0.25 below it.
@Suite("Label placement")
struct LabelPlacementTests {
    struct Box {
        var left, right, top, bottom: Double
        func overlaps(_ o: Box) -> Bool { left < o.right && o.left < right && top < o.bottom && o.top < bottom }
    }

    struct Annotations {
        var labels: [(text: String, box: Box)]
        var vertical: [Double]
        var horizontal: [Double]
    }

    static func annotations(_ figure: Figure) throws -> Annotations {
        let document = try SVGDocument(figure.svg(idPrefix: "p"))
        func number(_ element: SVGDocument.Element, _ name: String) throws -> Double {
            try #require(element.attributes[name].flatMap(Double.init), "\(name) of \(element.name)")
        }
        let labels = try (document.elements(withClass: "chart-reference-label") + document.elements(withClass: "chart-band-label"))
            .map { label in
                let x = try number(label, "x"), baseline = try number(label, "y")
                let width = ChartMetrics.estimatedWidth(of: label.text)
                let left = label.attributes["text-anchor"] == "end" ? x - width : x
                let font = ChartMetrics.tickFontSize
                return (label.text, Box(left: left, right: left + width, top: baseline - 0.8 * font, bottom: baseline + 0.25 * font))
            }
        let lines = document.elements(withClass: "chart-reference")
        let vertical = try lines.filter { $0.attributes["x1"] == $0.attributes["x2"] }.map { try number($0, "x1") }
        let horizontal = try lines.filter { $0.attributes["y1"] == $0.attributes["y2"] }.map { try number($0, "y1") }
        return Annotations(labels: labels, vertical: vertical, horizontal: horizontal)
    }

    /// Figures with crowded annotations, and how many reference lines each draws.
    static let figures: [(name: String, figure: Figure, lines: Int)] = [
        ("chapter 8's FP16 limits on a log axis", Figure(
            title: "Binary exponents", x: .log2("|gradient|"),
            marks: [.line("g", [(0x1p-70, 1), (0x1p16, 2)]),
                    .reference(x: 0x1p-24, label: "FP16 min subnormal"),
                    .reference(x: 0x1p-14, label: "FP16 min normal"),
                    .reference(x: 65504, label: "FP16 max")]), 3),
        ("five vertical lines 1% of the axis apart", Figure(
            title: "Close", x: .linear(domain: 0...10),
            marks: [.line("g", [(0, 0), (10, 1)])]
                + (0..<5).map { .reference(x: 4 + 0.1 * Double($0), label: "threshold number \($0)") }), 5),
        ("three horizontal lines 2% of the axis apart", Figure(
            title: "Close", y: .linear(domain: 0...1),
            marks: [.line("g", [(0, 0), (1, 1)]), .reference(y: 0.5, label: "clipping threshold"),
                    .reference(y: 0.52, label: "healthy limit"), .reference(y: 0.54, label: "third line")]), 3),
        ("a band and lines at its start", Figure(
            title: "Band", x: .log10(),
            marks: [.line("g", [(1e-4, 1), (1, 2)]), .band(x: 1e-3...1e-2, label: "rule of thumb"),
                    .reference(x: 1e-3, label: "about 1e-3"), .reference(y: 1.5, label: "level")]), 2),
    ]

    static func figure(_ name: String) throws -> (figure: Figure, lines: Int) {
        let found = try #require(figures.first { $0.name == name }, "no figure '\(name)'")
        return (found.figure, found.lines)
    }

    @Test("labels of close reference lines do not overlap", arguments: figures.map(\.name))
    func apart(_ name: String) throws {
        let (figure, lineCount) = try Self.figure(name)
        let drawn = try Self.annotations(figure)
        try #require(drawn.vertical.count + drawn.horizontal.count == lineCount, "\(name): every line is drawn")
        try #require(drawn.labels.count >= lineCount, "\(name): every line has its label")
        for i in drawn.labels.indices {
            for j in drawn.labels.indices where j > i {
                #expect(!drawn.labels[i].box.overlaps(drawn.labels[j].box),
                        "\(name): '\(drawn.labels[i].text)' overlaps '\(drawn.labels[j].text)'")
            }
        }
    }

    /// Five lines within 25 px leave no room beside the middle ones: there, labels only
    /// keep apart from each other. Elsewhere no line crosses a label.
    @Test("no reference line runs through a label where there is room",
          arguments: figures.map(\.name).filter { !$0.hasPrefix("five") })
    func uncrossed(_ name: String) throws {
        let drawn = try Self.annotations(try Self.figure(name).figure)
        for (text, box) in drawn.labels {
            #expect(!drawn.vertical.contains { box.left < $0 && $0 < box.right }, "\(name): a vertical line crosses '\(text)'")
            #expect(!drawn.horizontal.contains { box.top < $0 && $0 < box.bottom }, "\(name): a horizontal line crosses '\(text)'")
        }
    }

    @Test("the test figures do crowd: side by side on one row, their labels would overlap")
    func crowded() throws {
        let drawn = try Self.annotations(try Self.figure("five vertical lines 1% of the axis apart").figure)
        let spacing = zip(drawn.vertical, drawn.vertical.dropFirst()).map { $1 - $0 }.max() ?? 0
        #expect(spacing > 0 && spacing < ChartMetrics.estimatedWidth(of: "threshold number 0"))
    }
}
