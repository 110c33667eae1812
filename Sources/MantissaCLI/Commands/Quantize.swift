import ArgumentParser
import Foundation
import Precision

/// Quantizes numbers into a block-scaled format (OCP MX or NVFP4): what each block's
/// shared scale is, and what each number becomes.
struct Quantize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quantize numbers into a block-scaled format (MXFP8, MXFP6, MXFP4, NVFP4).",
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

        --element nvfp4 is NVIDIA's NVFP4: blocks of 16 E2M1 values, each block's scale an \
        E4M3 number under one FP32 scale for the whole input, tensor scale = amax / (6 * 448) \
        and block scale = (block amax / 6) / tensor scale rounded to nearest E4M3. A block \
        of zeros, or one whose scale rounds to 0, gets scale 0; a block holding inf or nan \
        gets E4M3's NaN; the tensor scale ignores inf and nan.
        """
    )

    /// The element formats the MX specification pairs with an E8M0 scale.
    static let elements = ["e4m3fn", "e5m2", "e2m3fn", "e3m2fn", "e2m1fn"]

    @Option(help: "The element format: \((Quantize.elements + ["nvfp4"]).joined(separator: ", ")).")
    var element: String

    @Option(help: "Values per block (the MX formats use 32, NVFP4 only 16).")
    var block: Int?

    @Option(help: "How each MX block's scale is chosen: floor (OCP MX, the default) or rceil (cuBLAS).")
    var scaling: String?

    @Flag(help: "Print one JSON object per block, one per line.")
    var json = false

    var isNVFP4: Bool { element == "nvfp4" }

    var blockSize: Int { block ?? (isNVFP4 ? NVFP4Tensor.blockSize : 32) }

    func validate() throws {
        if isNVFP4 {
            if let block, block != NVFP4Tensor.blockSize {
                throw ValidationError("nvfp4 blocks hold 16 values; --block \(block) is not available with nvfp4 "
                    + "(leave it out, or use --element e2m1fn for MXFP4 with other block sizes)")
            }
            if let scaling {
                throw ValidationError("--scaling \(scaling) does not apply to nvfp4: its block scales are E4M3 values, "
                    + "(block amax / 6) / tensor scale rounded to nearest")
            }
            return
        }
        guard Self.elements.contains(element) else {
            throw ValidationError("unknown element format '\(element)'; elements: "
                + (Self.elements + ["nvfp4"]).joined(separator: ", "))
        }
        guard blockSize >= 1 else { throw ValidationError("--block must be at least 1, not \(blockSize)") }
        guard rule != nil else { throw ValidationError("unknown scaling '\(scaling ?? "")'; use floor or rceil") }
    }

    var rule: ScaleRule? { ScaleRule.allCases.first { $0.description == (scaling ?? "floor") } }

    func run() throws {
        let (values, inputs) = try Self.readValues()
        let (preamble, reports) = isNVFP4 ? nvfp4Reports(values, inputs) : (nil, mxReports(values, inputs))
        if !json, let preamble, !reports.isEmpty { print(preamble) }
        for report in reports { print(json ? report.json : report.text) }
    }

    /// The numbers on standard input, and their text; every bad line is reported and
    /// nothing is returned.
    static func readValues() throws -> (values: [Float], inputs: [String]) {
        var values: [Float] = [], inputs: [String] = [], bad: [String] = []
        var line = 0
        while let text = readLine() {
            line += 1
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let x = Float(trimmed) else {
                bad.append("mantissa quantize: line \(line): \(Inspect.notANumber(text))")
                continue
            }
            values.append(x)
            inputs.append(trimmed)
        }
        if !bad.isEmpty {
            FileHandle.standardError.write(Data((bad.joined(separator: "\n") + "\nnothing was quantized\n").utf8))
            throw ExitCode.failure
        }
        return (values, inputs)
    }

    func mxReports(_ values: [Float], _ inputs: [String]) -> [QuantizeReport] {
        let format = BlockFormat(element: FloatFormat.named(element)!, blockSize: blockSize, rule: rule!)
        let stored = format.quantize(values)
        let restored = stored.dequantized()
        return (0..<stored.blockCount).map { b in
            let range = b * blockSize ..< min((b + 1) * blockSize, values.count)
            let scale = stored.scale(ofBlock: b)
            return QuantizeReport(
                index: b, heading: "scale \(scale.isNaN ? "NaN" : "2^\(Int(scale.exponent))") (E8M0 code \(stored.scaleCodes[b]))",
                scaleFields: [("scale_e8m0", "\(stored.scaleCodes[b])"), ("scale", InspectReport.jsonValue(scale))],
                element: format.element, inputs: Array(inputs[range]), values: Array(values[range]),
                elements: Array(stored.elements[range]), restored: Array(restored[range]))
        }
    }

    /// The blocks, and a line on the tensor scale for the human output.
    func nvfp4Reports(_ values: [Float], _ inputs: [String]) -> (preamble: String, blocks: [QuantizeReport]) {
        let amax = NVFP4Tensor.finiteAmax(values)
        let stored = NVFP4Tensor(quantizing: values, tensorScale: NVFP4Tensor.tensorScale(amax: amax))
        let restored = stored.dequantized()
        let preamble = "tensor scale \(InspectReport.number(stored.tensorScale)) "
            + "(largest finite magnitude \(InspectReport.number(amax)) / (6 · 448))\n"
        return (preamble, (0..<stored.blockCount).map { b in
            let range = b * blockSize ..< min((b + 1) * blockSize, values.count)
            let blockScale = stored.blockScale(ofBlock: b), scale = stored.scale(ofBlock: b)
            return QuantizeReport(
                index: b, heading: "scale \(InspectReport.number(blockScale)) (E4M3) × tensor scale = \(InspectReport.number(scale))",
                scaleFields: [("scale_e4m3", InspectReport.jsonValue(blockScale)),
                              ("tensor_scale", InspectReport.jsonValue(stored.tensorScale)),
                              ("scale", InspectReport.jsonValue(scale))],
                element: NVFP4Tensor.elementFormat, inputs: Array(inputs[range]),
                values: Array(values[range]), elements: Array(stored.elements[range]), restored: Array(restored[range]))
        })
    }
}

/// One block of `mantissa quantize`'s output.
struct QuantizeReport {
    let index: Int
    /// What the human output says of the block's scale: "scale 2^0 (E8M0 code 127)".
    let heading: String
    /// The JSON fields that describe the scale, in order, values already JSON.
    let scaleFields: [(key: String, value: String)]
    let element: FloatFormat
    let inputs: [String]
    let values: [Float]
    let elements: [Float]
    let restored: [Float]

    var text: String {
        let amax = LargestMagnitude(values).orNaN
        var lines = ["block \(index): \(heading), largest magnitude \(InspectReport.number(amax))"]
        let rows = [["input", "stored (\(element.name))", "value", "error"]]
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
        let fields = [("block", "\(index)")] + scaleFields + [("values", "[\(restored.map { InspectReport.jsonValue($0) }.joined(separator: ","))]")]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
