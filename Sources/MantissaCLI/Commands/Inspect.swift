import ArgumentParser
import Foundation
import Precision

/// Shows what a format does to a number: its bits, the value it keeps, the rounding
/// error, the representable neighbours, and whether it overflowed or underflowed.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a floating-point format does to numbers.",
        discussion: """
        Each VALUE is a decimal or hexadecimal floating-point literal (0.1, 1e-8, 0x1p-24), \
        inf, -inf or nan. It is first read as an FP32 number, correctly rounded (as Swift's \
        Float(String) does; numpy.float32("...") rounds twice, through float64), then \
        rounded to the format. With no VALUE, values are read from standard input, one \
        per line. A value that cannot be read is reported and the others are still shown; \
        the exit status is then 1.
        """
    )

    @Argument(help: "Numbers to inspect (default: one per line on standard input).")
    var values: [String] = []

    @Option(help: "The format: \(FloatFormat.names.joined(separator: ", ")), or all.")
    var format: String = "all"

    @Option(help: "The rounding mode: \(Rounding.names.joined(separator: ", ")).")
    var rounding: String = "nearest-even"

    @Option(parsing: .unconditional, help: "The key of stochastic rounding; the counter is each value's position (0, 1, …).")
    var seed: UInt64 = 0

    @Flag(help: "Overflow saturates to the largest finite value instead of infinity or NaN.")
    var saturate = false

    @Flag(help: "Print one JSON object per value and format, one per line.")
    var json = false

    func validate() throws {
        if format != "all" && FloatFormat.named(format) == nil {
            throw ValidationError("unknown format '\(format)'; formats: \(FloatFormat.names.joined(separator: ", ")), all")
        }
        if Rounding(name: rounding) == nil {
            throw ValidationError("unknown rounding mode '\(rounding)'; modes: \(Rounding.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let formats = format == "all" ? FloatFormat.allNamed : [FloatFormat.named(format)!]
        let mode = Rounding(name: rounding, seed: seed)!
        let inputs = values.isEmpty ? Self.standardInputLines() : values
        var failed = false
        for (index, text) in inputs.enumerated() {
            guard let x = Float(text.trimmingCharacters(in: .whitespaces)) else {
                FileHandle.standardError.write(Data("mantissa inspect: \(Self.notANumber(text))\n".utf8))
                failed = true
                continue
            }
            for f in formats {
                let report = InspectReport(input: text, x: x, format: f, rounding: mode,
                                           overflow: saturate ? .saturate : .format, index: UInt64(index))
                print(json ? report.json : report.text)
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// What to say of a value that is not a number literal (`inspect` and `quantize` read
    /// the same literals).
    static func notANumber(_ text: String) -> String {
        "'\(text)' is not a number; write a decimal (0.1, -2.5e-8) or hexadecimal (0x1p-24) literal, inf, -inf or nan"
    }

    static func standardInputLines() -> [String] {
        var lines: [String] = []
        while let line = readLine() {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        }
        return lines
    }
}
