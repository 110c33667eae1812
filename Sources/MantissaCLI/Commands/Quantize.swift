import ArgumentParser
import Foundation
import Precision

/// Quantizes numbers into an OCP MX block format: what each block's shared scale is, and
/// what each number becomes.
struct Quantize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quantize numbers into a block-scaled format (MXFP8, MXFP6, MXFP4).",
        discussion: """
        Reads numbers from standard input, one per line, written as for inspect (0.1, 1e-8, \
        0x1p-24, inf, -inf, nan). Consecutive numbers form blocks of --block values (the \
        last block may be shorter). Each block shares one power-of-two scale X, an E8M0 \
        code, and each number is stored as x / X rounded to nearest even into the element \
        format, saturating at its largest value. floor is the OCP MX v1.0 rule, \
        X = 2^(floor(log2 amax) - emax), which can push the block's largest values past the \
        element format's largest and saturate them; rceil rounds amax / max up to a power \
        of two (cuBLAS's rule), so that nothing saturates. A block of zeros gets code 0; a \
        block holding inf or nan gets the NaN code, 255.
        """
    )

    /// The element formats the MX specification pairs with an E8M0 scale.
    static let elements = ["e4m3fn", "e5m2", "e2m3fn", "e3m2fn", "e2m1fn"]

    @Option(help: "The element format: \(Quantize.elements.joined(separator: ", ")).")
    var element: String

    @Option(help: "Values per block (the MX formats use 32).")
    var block: Int = 32

    @Option(help: "How each block's scale is chosen: floor (OCP MX) or rceil (cuBLAS).")
    var scaling: String = "floor"

    @Flag(help: "Print one JSON object per block, one per line.")
    var json = false

    func validate() throws {
        if element == "nvfp4" {
            throw ValidationError("nvfp4 (16 E2M1 elements sharing an E4M3 scale, under a per-tensor FP32 scale) "
                + "is not available yet; --element e2m1fn gives MXFP4")
        }
        guard Self.elements.contains(element) else {
            throw ValidationError("unknown element format '\(element)'; elements: \(Self.elements.joined(separator: ", "))")
        }
        guard block >= 1 else { throw ValidationError("--block must be at least 1, not \(block)") }
        guard rule != nil else { throw ValidationError("unknown scaling '\(scaling)'; use floor or rceil") }
    }

    var rule: ScaleRule? { ScaleRule.allCases.first { $0.description == scaling } }

    func run() throws {
        var values: [Float] = [], inputs: [String] = [], bad: [String] = []
        var line = 0
        while let text = readLine() {
            line += 1
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let x = Float(trimmed) else {
                bad.append("mantissa quantize: line \(line): '\(text)' is not a number; write a decimal "
                    + "(0.1, -2.5e-8) or hexadecimal (0x1p-24) literal, inf, -inf or nan")
                continue
            }
            values.append(x)
            inputs.append(trimmed)
        }
        if !bad.isEmpty {
            FileHandle.standardError.write(Data((bad.joined(separator: "\n") + "\nnothing was quantized\n").utf8))
            throw ExitCode.failure
        }
        let format = BlockFormat(element: FloatFormat.named(element)!, blockSize: block, rule: rule!)
        let stored = format.quantize(values)
        let restored = stored.dequantized()
        for b in 0..<stored.blockCount {
            let range = b * block ..< min((b + 1) * block, values.count)
            let report = QuantizeReport(index: b, code: stored.scaleCodes[b], scale: stored.scale(ofBlock: b),
                                        inputs: Array(inputs[range]), values: Array(values[range]),
                                        elements: Array(stored.elements[range]), restored: Array(restored[range]))
            print(json ? report.json : report.text(format: format))
        }
    }
}

/// One block of `mantissa quantize`'s output.
struct QuantizeReport {
    let index: Int
    let code: UInt32
    let scale: Float
    let inputs: [String]
    let values: [Float]
    let elements: [Float]
    let restored: [Float]

    /// `2^-3` for a power of two, `NaN` otherwise.
    var scaleText: String { scale.isNaN ? "NaN" : "2^\(Int(scale.exponent))" }

    func text(format: BlockFormat) -> String {
        let amax = values.reduce(Float(0)) { $0.isNaN || $1.isNaN ? .nan : max($0, $1.magnitude) }
        var lines = ["block \(index): scale \(scaleText) (E8M0 code \(code)), largest magnitude \(InspectReport.number(amax))"]
        let rows = [["input", "stored (\(format.element.name))", "value", "error"]]
            + values.indices.map { i in
                [inputs[i], InspectReport.number(elements[i]), InspectReport.number(restored[i]),
                 InspectReport.number(Double(restored[i]) - Double(values[i]))]
            }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max()! }
        lines += rows.map { row in
            var text = "  " + row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var json: String {
        func value(_ v: Float) -> String {
            v.isNaN ? "\"nan\"" : v.isInfinite ? (v > 0 ? "\"inf\"" : "\"-inf\"") : InspectReport.number(v)
        }
        return "{\"block\":\(index),\"scale_e8m0\":\(code),\"scale\":\(value(scale)),"
            + "\"values\":[\(restored.map(value).joined(separator: ","))]}"
    }
}
