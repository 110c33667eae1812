import Precision
import Training

/// One model of the benchmark at lesson size: its parameters, its fixed batch, and the
/// loss of that batch recorded on a tape.
struct Workload: Sendable {
    /// `mlp`, `rnn` or `transformer` (the same keys as `torch_bench.py`).
    let name: String
    /// The shapes, printed above the table.
    let summary: String
    /// The initial parameters.
    let parameters: NamedTensors
    /// The forward pass and loss on the workload's batch.
    let loss: @Sendable (inout Tape) -> Variable

    static let names = ["mlp", "rnn", "transformer"]

    /// The workload called `name` (one of ``names``).
    static func named(_ name: String) -> Workload? {
        switch name {
        case "mlp": mlp()
        case "rnn": rnn()
        case "transformer": transformer()
        default: nil
        }
    }

    /// MLP [64, 256, 256, 10] with GELU, batch 64, cross-entropy over 10 classes.
    static func mlp() -> Workload {
        var generator = SplitMix64(seed: 1)
        let model = MLP(sizes: [64, 256, 256, 10], activation: .gelu)
        let parameters = NamedTensors(model.initialParameters(using: &generator))
        let x = Initialization.normal([64, 64], deviation: 1, using: &generator)
        let targets = (0..<64).map { _ in Int(generator.next() % 10) }
        return Workload(name: "mlp", summary: "MLP [64, 256, 256, 10] GELU, batch 64, cross-entropy",
                        parameters: parameters) { tape in
            tape.crossEntropy(model(tape.constant(x), on: &tape), targets: targets)
        }
    }

    /// Elman tanh RNN, input 16, hidden 64, 32 steps, batch 16; Linear(64→10) on the last
    /// state, cross-entropy.
    static func rnn() -> Workload {
        var generator = SplitMix64(seed: 2)
        let cell = RNN("rnn", inputs: 16, hidden: 64)
        let readout = Linear("readout", inputs: 64, outputs: 10)
        let parameters = NamedTensors(cell.initialParameters(using: &generator)
                                      + readout.initialParameters(using: &generator))
        let x = Initialization.normal([16, 32, 16], deviation: 1, using: &generator)
        let targets = (0..<16).map { _ in Int(generator.next() % 10) }
        return Workload(name: "rnn",
                        summary: "RNN tanh, input 16, hidden 64, 32 steps, batch 16, Linear(64→10) on the last state, cross-entropy",
                        parameters: parameters) { tape in
            let states = cell(tape.constant(x), on: &tape)
            return tape.crossEntropy(readout(states[states.count - 1], on: &tape), targets: targets)
        }
    }

    /// TinyTransformer vocabulary 32, context 32, width 64, 4 heads, 2 layers (hidden 256),
    /// batch 16 × 32 tokens, next-token cross-entropy.
    static func transformer() -> Workload {
        let configuration = TransformerConfiguration(vocabulary: 32, context: 32, width: 64, heads: 4, layers: 2)
        let model = TinyTransformer(configuration, seed: 3)
        var generator = SplitMix64(seed: 4)
        let tokens = (0..<(16 * 32)).map { _ in Int(generator.next() % 32) }
        let batch = TokenBatch(batchSize: 16, length: 32, inputs: tokens,
                               targets: Array(tokens.dropFirst()) + [Int(generator.next() % 32)])
        return Workload(name: "transformer",
                        summary: "TinyTransformer vocab 32, context 32, width 64, 4 heads, 2 layers (hidden 256), batch 16 × 32 tokens, cross-entropy",
                        parameters: model.parameters) { tape in
            model.loss(batch, on: &tape)
        }
    }
}
