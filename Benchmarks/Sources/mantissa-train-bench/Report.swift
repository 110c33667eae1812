import Foundation
import Training

/// One row of the table: our samples for a workload and policy, and PyTorch's if timed.
struct Row {
    let model: String
    let policy: String
    let ours: Samples
    let torch: Samples?
}

/// The printed table. Ratios are of medians.
struct Report {
    let options: Options
    let workloads: [Workload]
    let rows: [Row]
    let pytorch: PyTorchBaseline?

    var text: String {
        var lines = [
            "mantissa-train-bench: one training step per sample (forward, backward, clip by norm 1.0, "
                + "AdamW lr 1e-3 betas (0.9, 0.95) wd 0.1), one thread,",
            "median and best of \(options.repeats) steps after \(options.warmup) warmup, ms per step of "
                + (options.clock == .wall ? "wall-clock time" : "thread CPU time") + "; ratios of medians",
            "cpu: \(cpuName); OpenBLAS core: \(BLAS.coreName)"
                + (pytorch.map { "; PyTorch eager: \($0.versions)" } ?? "; PyTorch: not run (--pytorch)"),
        ]
        lines += workloads.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.summary)" }
        lines += ["",
                  row(["model", "policy", "ours med", "ours best", "torch med", "torch best",
                       "ours÷torch", "ours÷fp32", "torch÷fp32", "target"]),
                  row(Array(repeating: "", count: 10), fill: "-")]
        for entry in rows {
            let ownFP32 = rows.first { $0.model == entry.model && $0.policy == "fp32" }
            let ours = entry.ours.median
            let oursOverTorch = entry.torch.map { ours / $0.median }
            let oursOverFP32 = ownFP32.map { ours / $0.ours.median }
            let torchOverFP32 = entry.torch.flatMap { torch in ownFP32?.torch.map { torch.median / $0.median } }
            var target = ""
            if entry.policy == "fp32", let ratio = oursOverTorch {
                target = "≤ 0.5 × torch " + (ratio <= 0.5 ? "met" : "MISSED")
            } else if entry.policy == "autocast-bf16", let ratio = oursOverFP32 {
                target = "≤ 1.3 × fp32 " + (ratio <= 1.3 ? "met" : "MISSED")
            }
            lines.append(row([
                entry.model, entry.policy, milliseconds(ours), milliseconds(entry.ours.best),
                milliseconds(entry.torch?.median), milliseconds(entry.torch?.best),
                ratio(oursOverTorch), ratio(oursOverFP32), ratio(torchOverFP32), target,
            ]))
        }
        return lines.joined(separator: "\n")
    }

    private func milliseconds(_ seconds: Double?) -> String {
        seconds.map { String(format: "%.3f", $0 * 1e3) } ?? "—"
    }

    private func ratio(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "—"
    }

    private func row(_ cells: [String], fill: Character = " ") -> String {
        let widths = [11, 13, 9, 9, 9, 10, 10, 9, 10, 16]
        return zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let padding = String(repeating: fill, count: max(width - cell.count, 0))
            return index < 2 || index == 9 ? cell + padding : padding + cell  // text left, numbers right
        }.joined(separator: fill == " " ? "  " : "--").trimmingSuffix(" ")
    }

    /// The CPU's model name from /proc/cpuinfo, or "unknown".
    private var cpuName: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
}

extension String {
    /// This string without trailing `character`s.
    func trimmingSuffix(_ character: Character) -> String {
        var copy = self
        while copy.last == character { copy.removeLast() }
        return copy
    }
}
