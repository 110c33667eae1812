import Foundation
import Precision

/// One format and mode: the best times in place and into a separate buffer.
struct Measurement {
    let format: FloatFormat
    let rounding: Rounding
    /// The loops that ran: baseline (4 lanes) or wide (8 lanes, AVX2).
    let kernels: BulkKernels
    var inPlaceSeconds: Double
    var copySeconds: Double

    /// The single-threaded, in-place goal (fraction of memcpy), if the mode has one.
    var target: Double? {
        switch rounding {
        case .nearestEven: [FloatFormat.bf16, .tf32].contains(format) ? 0.8 : 0.5
        case .stochastic: 0.3
        default: nil
        }
    }
}

/// The printed table.
struct Report {
    let options: Options
    let memcpySeconds: Double
    let results: [Measurement]
    let blocks: [BlockMeasurement]
    let numpy: NumpyBaseline?

    var text: String {
        let count = options.count
        let memcpyRate = rate(count: count, seconds: memcpySeconds)
        var lines = [
            "mantissa-bench: \(count) Float values (normal, σ = 3), \(options.threads) thread(s), "
                + "best of \(options.repeats) rounds over the table",
            "cpu: \(cpuName); AVX2 loops \(BulkKernels.isWideAvailable ? "available" : "unavailable"), "
                + "automatic runs \(BulkKernels.automatic.resolved) (baseline: 4 lanes, SSE2/NEON; wide: 8 lanes, AVX2)",
            String(format: "memcpy into a written buffer: %.0f Me/s (%.2f GB/s)", memcpyRate,
                   Double(count * 4) / memcpySeconds / 1e9),
            "",
            row(["format", "rounding", "kernels", "in place Me/s", "× memcpy", "copy Me/s", "× memcpy", "target"]),
            row(Array(repeating: "", count: 8), fill: "-"),
        ]
        for result in results {
            let inPlace = rate(count: count, seconds: result.inPlaceSeconds)
            let copied = rate(count: count, seconds: result.copySeconds)
            var target = ""
            if let goal = result.target, options.threads == 1 {
                target = String(format: "≥ %.1f %@", goal, inPlace / memcpyRate >= goal ? "met" : "MISSED")
            }
            lines.append(row([
                result.format.cliName ?? result.format.name, result.rounding.name, result.kernels.description,
                String(format: "%.0f", inPlace), String(format: "%.2f", inPlace / memcpyRate),
                String(format: "%.0f", copied), String(format: "%.2f", copied / memcpyRate), target,
            ]))
        }
        lines += ["", "block quantization, OCP MX (32 elements, E8M0 scale), one thread, a new array each way:",
                  row(["format", "scale rule", "", "quantize Me/s", "× memcpy", "back Me/s", "× memcpy", ""]),
                  row(Array(repeating: "", count: 8), fill: "-")]
        for block in blocks {
            let quantize = rate(count: count, seconds: block.quantizeSeconds)
            let back = rate(count: count, seconds: block.dequantizeSeconds)
            lines.append(row([
                block.format.element == .e2m1fn ? "MXFP4" : "MXFP8", block.format.rule.description, "",
                String(format: "%.0f", quantize), String(format: "%.2f", quantize / memcpyRate),
                String(format: "%.0f", back), String(format: "%.2f", back / memcpyRate), "",
            ]))
        }
        if let numpy {
            lines += ["", "numpy/ml_dtypes, nearest-even round trips, single-threaded (\(numpy.versions)):",
                      String(format: "numpy copyto float32 (its memcpy): %.0f Me/s",
                             rate(count: numpy.count, seconds: numpy.memcpySeconds)),
                      row(["format", "rounding", "", "astype Me/s", "× memcpy", "copyto Me/s", "× memcpy", ""]),
                      row(Array(repeating: "", count: 8), fill: "-")]
            for entry in numpy.rows {
                let astype = rate(count: numpy.count, seconds: entry.astypeSeconds)
                let copyto = rate(count: numpy.count, seconds: entry.copytoSeconds)
                lines.append(row([
                    entry.format, "nearest-even", "", String(format: "%.0f", astype),
                    String(format: "%.2f", astype / memcpyRate), String(format: "%.0f", copyto),
                    String(format: "%.2f", copyto / memcpyRate), "",
                ]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ cells: [String], fill: Character = " ") -> String {
        let widths = [8, 13, 8, 14, 9, 10, 9, 12]
        return zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let padding = String(repeating: fill, count: max(width - cell.count, 0))
            return index < 3 ? cell + padding : padding + cell  // text left, numbers right
        }.joined(separator: fill == " " ? "  " : "--")
    }

    /// The CPU's model name from /proc/cpuinfo, or "unknown".
    private var cpuName: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
}
