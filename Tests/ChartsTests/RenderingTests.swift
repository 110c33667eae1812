import Charts
import Foundation
import Testing

@Suite("Rendering")
struct RenderingTests {
    static let figures: [(name: String, figure: Figure)] = CanonicalFigures.all + [
        ("empty", Figure(title: "")),
        ("empty-log", Figure(title: "Nothing", x: .log2("x"), y: .log10("y"))),
        ("all-nan", Figure(title: "All NaN", marks: [.line("nan", y: [.nan, .nan, .nan])])),
        ("huge", Figure(title: "Huge", marks: [.line("h", [(-1e308, 0), (1e308, Double.greatestFiniteMagnitude)])])),
        ("fixed-domain-clipping",
         Figure(title: "Clipped", x: .linear(domain: 0...1), y: .linear(domain: 0...1),
                marks: [.line("l", [(-1, -1), (0.5, 0.5), (2, 1e300), (0.2, 0.1)]), .band(y: 0.5...Double.infinity, label: "top")])),
        ("histogram", Figure(title: "Bins", marks: [.histogram("h", edges: [0, 1, 2, 4], counts: [3, 0, 5])])),
        ("log-histogram", Figure(title: "Bins", x: .log10(), y: .log10(),
                                 marks: [.histogram("h", edges: [0, 1, 10, 100], counts: [3, 1, 500])])),
        ("band-log", Figure(title: "Band on log", y: .log10(),
                            marks: [.line("b", y: [1, 0.5, 0.2, 0.1], lower: [0.5, 0, 0.1, -1], upper: [2, 1, .infinity, 0.2])])),
        ("band-clipped",
         Figure(title: "Band clipped", x: .linear(domain: 0...2), y: .linear(domain: 0...1),
                marks: [.line("b", x: [-1, 0.5, 1.5, 3], y: [0.5, 0.5, 0.5, 0.5], lower: [-5, 0.2, -1e300, 0.4], upper: [5, 0.9, 1e300, 2])])),
    ]

    @Test("every SVG is well-formed XML", arguments: figures.map(\.name))
    func wellFormed(name: String) throws {
        let figure = try #require(Self.figures.first { $0.name == name }).figure
        let document = try SVGDocument(figure.svg(idPrefix: name))
        #expect(document.elements.first?.name == "svg")
    }

    @Test("geometry is numbers only: no NaN, inf or -0", arguments: figures.map(\.name))
    func geometryIsFinite(name: String) throws {
        let figure = try #require(Self.figures.first { $0.name == name }).figure
        let document = try SVGDocument(figure.svg(idPrefix: name))
        let allowed = Set("0123456789.,- MLHVZhvtranslaterotate()")
        for element in document.elements {
            for (attribute, value) in element.attributes where geometryAttributes.contains(attribute) {
                #expect(value.allSatisfy(allowed.contains), "\(element.name) \(attribute)=\"\(value)\"")
                #expect(!value.lowercased().contains("nan") && !value.lowercased().contains("inf"))
                #expect(value.firstMatch(of: /(^|[^0-9.])-0(?![.0-9])/) == nil, "-0 in \(attribute)=\"\(value)\"")
                #expect(value.firstMatch(of: /-0\.0*(?![0-9])/) == nil, "-0.0 in \(attribute)=\"\(value)\"")
            }
        }
    }

    @Test("rendering twice gives the same bytes", arguments: figures.map(\.name))
    func deterministic(name: String) throws {
        let figure = try #require(Self.figures.first { $0.name == name }).figure
        #expect(figure.svg(idPrefix: "a") == figure.svg(idPrefix: "a"))
        #expect(figure.csv() == figure.csv())
        #expect(figure.summary == figure.summary)
    }

    @Test("coordinates have at most two decimals")
    func twoDecimals() throws {
        for (name, figure) in CanonicalFigures.all {
            let svg = figure.svg(idPrefix: name)
            let document = try SVGDocument(svg)
            for element in document.elements {
                for (attribute, value) in element.attributes where geometryAttributes.contains(attribute) {
                    #expect(value.firstMatch(of: /\.[0-9]{3}/) == nil, "\(name): \(attribute)=\"\(value)\"")
                }
            }
        }
    }

    @Test("the svg element is accessible: viewBox, role, title and desc named by aria-labelledby")
    func accessibility() throws {
        let figure = CanonicalFigures.logLogLines
        let document = try SVGDocument(figure.svg(idPrefix: "fig1"))
        let root = try #require(document.elements.first)
        #expect(root.attributes["viewBox"] == "0 0 640 360")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "fig1-title fig1-desc")
        let title = try #require(document.elements(named: "title").first)
        let desc = try #require(document.elements(named: "desc").first)
        #expect(title.attributes["id"] == "fig1-title")
        #expect(title.text == "Error of a running mean")
        #expect(desc.attributes["id"] == "fig1-desc")
        #expect(desc.text.hasPrefix("The BF16 accumulator stops improving"))
        #expect(desc.text.contains("“FP32”") && desc.text.contains("“BF16 accumulator”"))
        #expect(desc.text.contains("40 points"))
        #expect(desc.text.contains("log base 10"))
    }

    @Test("every id starts with the prefix, and a bad prefix is made a valid id")
    func idPrefixes() throws {
        for prefix in ["fig", "9 lives", "a&b", ""] {
            let document = try SVGDocument(CanonicalFigures.scatter.svg(idPrefix: prefix))
            let ids = document.elements.compactMap { $0.attributes["id"] }
            #expect(ids.count == 2)
            for id in ids {
                #expect(id.first.map { $0.isLetter || $0 == "_" } == true, "\(id)")
                #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "\(id)")
            }
        }
        let page = CanonicalFigures.scatter.svg(idPrefix: "one") + CanonicalFigures.scatter.svg(idPrefix: "two")
        #expect(page.contains("id=\"one-title\"") && page.contains("id=\"two-title\""))
    }

    @Test("text is escaped: markup characters in titles and names survive a round trip")
    func escaping() throws {
        let svg = CanonicalFigures.scatter.svg(idPrefix: "s")
        #expect(svg.contains("Scatter &lt;with&gt; &quot;escaped&quot; &amp; text"))
        let document = try SVGDocument(svg)
        #expect(document.text(of: "title") == "Scatter <with> \"escaped\" & text")
        let control = Figure(title: "bell\u{7}", marks: [.line("tab\there", y: [1, 2])])
        #expect(throws: Never.self) { try SVGDocument(control.svg(idPrefix: "c")) }
    }

    @Test("no inline colours: colours only in the <style> default, through classes")
    func noInlineColours() throws {
        for (name, figure) in CanonicalFigures.all {
            let document = try SVGDocument(figure.svg(idPrefix: name))
            for element in document.elements where element.name != "style" {
                for attribute in ["fill", "stroke", "color", "style"] {
                    if let value = element.attributes[attribute] {
                        #expect(value == "none" || value == "currentColor", "\(element.name) \(attribute)=\(value)")
                    }
                }
            }
            let style = try #require(document.text(of: "style"))
            #expect(style == ChartStyle.defaultStylesheet)
            #expect(style.contains("prefers-color-scheme") == false, "defaults must read on both backgrounds")
            for i in 0..<8 { #expect(style.contains("color:var(--chart-series-\(i),")) }
        }
    }

    @Test("series take classes chart-series-0 ... 7 in order, cycling")
    func seriesClasses() throws {
        let marks = (0..<10).map { Mark.line("s\($0)", y: [Double($0), Double($0) + 1]) }
        let document = try SVGDocument(Figure(title: "ten", marks: marks).svg(idPrefix: "t"))
        let groups = document.elements.filter { $0.hasClass("chart-series") }
        #expect(groups.map { $0.classes.last.map(String.init) } == (0..<10).map { "chart-series-\($0 % 8)" })
        #expect(document.elements(withClass: "chart-legend-entry").count == 10)
    }

    @Test("a single series has no legend; two do")
    func legendOnlyWhenNeeded() throws {
        let one = try SVGDocument(Figure(title: "one", marks: [.line("a", y: [1, 2])]).svg(idPrefix: "o"))
        #expect(one.elements(withClass: "chart-legend").isEmpty)
        let two = try SVGDocument(CanonicalFigures.logLogLines.svg(idPrefix: "t"))
        let entries = two.elements(withClass: "chart-legend-entry").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(entries == ["FP32", "BF16 accumulator"])
    }

    @Test("log axes label powers: 2^-24 with a raised exponent, 1e-4 on base 10")
    func logLabels() throws {
        let document = try SVGDocument(CanonicalFigures.gradientExponents.svg(idPrefix: "g"))
        let exponents = document.elements(withClass: "chart-exponent")
        #expect(!exponents.isEmpty)
        let labels = document.elements(withClass: "chart-tick-label").map(\.text)
        #expect(labels.contains { $0.hasPrefix("2") && $0.contains("-") })
        let logLog = try SVGDocument(CanonicalFigures.logLogLines.svg(idPrefix: "l"))
        let yLabels = logLog.elements.filter { $0.hasClass("chart-tick-label") }.map(\.text)
        #expect(yLabels.contains("1e0") && yLabels.contains("1e-4"))
    }

    @Test("bands and reference lines are drawn with their labels")
    func annotations() throws {
        let document = try SVGDocument(CanonicalFigures.gradientExponents.svg(idPrefix: "g"))
        #expect(document.elements(withClass: "chart-band").count == 1)
        #expect(document.elements(withClass: "chart-reference").count == 2)
        #expect(document.elements(withClass: "chart-band-label").map(\.text) == ["FP16 normal range"])
        #expect(document.elements(withClass: "chart-reference-label").map(\.text) == ["FP16 min subnormal", "FP16 max 65504"])
    }

    @Test("a bin with an edge off a log axis is not drawn, and the description says so")
    func bars() throws {
        let document = try SVGDocument(Self.figures.first { $0.name == "log-histogram" }!.figure.svg(idPrefix: "h"))
        // The bin [0, 1) has no position on a log x axis: two bars, and the desc says so.
        #expect(document.elements(withClass: "chart-bar").count == 2)
        #expect(document.text(of: "desc")?.contains("1 bin not drawn") == true)
    }
}
