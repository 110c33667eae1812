import Foundation

/// The PyTorch peer: `Benchmarks/torch_bench.py`, run with the system `python3` (the
/// script creates or reuses `.venv-torch/` and re-executes itself inside it).
struct PyTorchBaseline: Decodable {
    struct Row: Decodable {
        /// `mlp`, `rnn` or `transformer`.
        let model: String
        /// `fp32` or `autocast-bf16`.
        let policy: String
        /// One sample per timed step.
        let seconds: [Double]
    }

    /// `torch 2.13.0+cpu, 1 thread, ...`.
    let versions: String
    let rows: [Row]

    /// The samples of `model` under `policy`, if the script timed it.
    func samples(model: String, policy: String) -> Samples? {
        rows.first { $0.model == model && $0.policy == policy }.map { Samples(seconds: $0.seconds) }
    }

    static func run(models: [String], repeats: Int, warmup: Int, clock: StepClock) throws -> PyTorchBaseline {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()  // Benchmarks/
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appending(path: "torch_bench.py").path,
                             "--repeats", "\(repeats)", "--warmup", "\(warmup)", "--clock", clock.rawValue]
            + models.flatMap { ["--model", $0] }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PyTorchError(message: "torch_bench.py exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(PyTorchBaseline.self, from: data)
    }
}

struct PyTorchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
