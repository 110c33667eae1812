import Charts
import Foundation
import Precision
import Testing

/// The bit-layout figure: boxes to scale across rows, labels that fit, its CSV and text.
@Suite("Bit layout")
struct BitLayoutTests {
    /// Every standard format as a row, its field widths and note read from `FloatFormat`.
    static var formats: BitLayout {
        BitLayout(
            title: "Bit fields of the standard formats",
            rows: FloatFormat.all.map { f in
                BitLayout.Row(f.name, fields: [.init("sign", bits: f.bitWidth - f.exponentBits - f.mantissaBits),
                                               .init("exponent", bits: f.exponentBits),
                                               .init("mantissa", bits: f.mantissaBits)],
                              note: "\(f.bitWidth) bits, bias \(f.bias)")
            },
            caption: "Sign, exponent and mantissa, most significant bit first.")
    }

    static func document(_ layout: BitLayout = formats) throws -> SVGDocument {
        try SVGDocument(layout.svg(idPrefix: "fields"))
    }

    static func number(_ element: SVGDocument.Element, _ attribute: String) throws -> Double {
        try #require(element.attributes[attribute].flatMap(Double.init), "\(element.name) has no numeric \(attribute)")
    }

    @Test("SVG matches Snapshots/bit-layout.svg, CSV matches Snapshots/bit-layout.csv")
    func snapshots() throws {
        try Snapshot.check(Self.formats.svg(idPrefix: "bit-layout"), named: "bit-layout.svg")
        try Snapshot.check(Self.formats.csv(), named: "bit-layout.csv")
    }

    @Test("every box is its bits times one width, the same in every row; a row's boxes touch, from one left edge")
    func toScale() throws {
        let layout = Self.formats
        let boxes = try Self.document().plotted("chart-bar")
        let widths = layout.rows.flatMap { $0.fields.map(\.bits) }
        try #require(boxes.count == widths.count, "\(boxes.count) boxes for \(widths.count) fields")
        let perBit = try boxes.indices.map { try Self.number(boxes[$0], "width") / Double(widths[$0]) }
        // Coordinates are written with two decimals: a box is within 0.01 px of its exact width.
        #expect(perBit.allSatisfy { abs($0 - perBit[0]) <= 0.01 }, "px per bit: \(perBit)")
        var index = 0
        var lefts: [Double] = []
        for row in layout.rows {
            let rowBoxes = Array(boxes[index..<(index + row.fields.count)])
            index += row.fields.count
            lefts.append(try Self.number(rowBoxes[0], "x"))
            for (a, b) in zip(rowBoxes, rowBoxes.dropFirst()) {
                #expect(abs(try Self.number(a, "x") + Self.number(a, "width") - Self.number(b, "x")) <= 0.01)
            }
        }
        #expect(Set(lefts).count == 1, "rows start at \(lefts)")
        let fp32 = try boxes[0..<3].reduce(0.0) { $0 + (try Self.number($1, "width")) }
        let fp8 = try boxes[(boxes.count - 3)...].reduce(0.0) { $0 + (try Self.number($1, "width")) }
        #expect(abs(fp32 / fp8 - Double(FloatFormat.fp32.bitWidth) / Double(FloatFormat.e5m2.bitWidth)) < 0.001)
    }

    @Test("a field keeps its colour in every row, and the legend names each field once")
    func colours() throws {
        let document = try Self.document()
        let boxes = document.plotted("chart-bar")
        let layout = Self.formats
        let names = layout.rows.flatMap { $0.fields.map(\.name) }
        let classes = boxes.map { $0.classes.first { $0.hasPrefix("chart-series-") }.map(String.init) ?? "" }
        for name in Set(names) {
            let used = Set(zip(names, classes).filter { $0.0 == name }.map(\.1))
            #expect(used.count == 1, "\(name) drawn in \(used)")
        }
        let legend = document.elements.filter { $0.ancestorClasses.contains("chart-legend") && $0.name == "text" }.map(\.text)
        #expect(legend == ["sign", "exponent", "mantissa"])
    }

    @Test("a label is the field's name and width where it fits, the width alone where only that fits")
    func labels() throws {
        let labels = try Self.document().elements(withClass: "chart-field-label").map(\.text)
        #expect(labels.contains("mantissa 23") && labels.contains("exponent 8"), "\(labels)")
        #expect(labels.contains("1"), "a sign bit is labelled by its width: \(labels)")
        #expect(!labels.contains("sign 1"), "a one-bit box is too narrow for its name: \(labels)")
    }

    @Test("every label fits inside its box, with the estimate the layout uses")
    func labelsFit() throws {
        let document = try Self.document()
        let boxes = try document.plotted("chart-bar").map { (left: try Self.number($0, "x"), width: try Self.number($0, "width")) }
        for label in document.elements(withClass: "chart-field-label") {
            let centre = try Self.number(label, "x")
            let box = try #require(boxes.first { $0.left <= centre && centre <= $0.left + $0.width }, "no box under \(label.text)")
            #expect(ChartMetrics.estimatedWidth(of: label.text) + 4 <= box.width + 0.01, "\(label.text)")
        }
    }

    @Test("the CSV numbers every field's bits from the top bit down to 0")
    func csv() {
        let fp16 = Self.formats.csv().split(separator: "\n").filter { $0.hasPrefix("FP16,") }
        #expect(fp16 == ["FP16,sign,1,15,15", "FP16,exponent,5,14,10", "FP16,mantissa,10,9,0"])
    }

    @Test("the description says every row's fields, after the caption")
    func summary() throws {
        let description = try #require(try Self.document().text(of: "desc"))
        #expect(description.hasPrefix("Sign, exponent and mantissa, most significant bit first. FP32, 32 bits: sign 1, exponent 8, mantissa 23 (32 bits, bias 127)."))
        #expect(description.contains("FP8 E4M3FN, 8 bits: sign 1, exponent 4, mantissa 3 (8 bits, bias 7)."))
    }

    @Test("fields of no bits take no room; an empty layout is its title; a text with a comma is quoted")
    func edges() throws {
        let layout = BitLayout(title: "Odd", rows: [
            BitLayout.Row("scale, E8M0", fields: [.init("exponent", bits: 8), .init("mantissa", bits: 0)]),
            BitLayout.Row("nothing", fields: []),
        ])
        let document = try SVGDocument(layout.svg(idPrefix: "odd"))
        #expect(document.plotted("chart-bar").count == 1)
        #expect(layout.csv() == "row,field,bits,high_bit,low_bit\n\"scale, E8M0\",exponent,8,7,0\n")
        #expect(document.elements(withClass: "chart-legend").isEmpty, "one field name needs no legend")
        let empty = try SVGDocument(BitLayout(title: "None", rows: []).svg(idPrefix: "none"))
        #expect(empty.elements(withClass: "chart-bar").isEmpty && empty.text(of: "title") == "None")
    }

    @Test("embedded, the SVG carries no style and is labelled by aria-label")
    func embedded() throws {
        let svg = Self.formats.svg(idPrefix: "fig-1", embedded: true)
        #expect(!svg.contains("<style>") && svg.contains("aria-label=\"Bit fields of the standard formats\""))
        #expect(svg == Self.formats.svg(idPrefix: "fig-1", embedded: true), "deterministic")
    }
}
