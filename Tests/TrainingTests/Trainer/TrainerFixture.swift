import Precision
import Training

/// A small regression problem for trainer tests: an MLP 4 → 8 → 3 (ReLU) fitted by mean
/// squared error to seeded random targets, one batch per step.
struct TrainerFixture {
    let model = MLP(sizes: [4, 8, 3], activation: .relu)
    let parameters: NamedTensors
    let inputs: [Tensor]
    let targets: [Tensor]
    let batch: Int

    init(batch: Int = 6, steps: Int = 16, seed: UInt64 = 7, inputScale: Float = 1) {
        var generator = SplitMix64(seed: seed)
        parameters = NamedTensors(model.initialParameters(using: &generator))
        inputs = (0..<steps).map { _ in
            Initialization.normal([batch, 4], deviation: inputScale, using: &generator)
        }
        targets = (0..<steps).map { _ in Initialization.normal([batch, 3], deviation: 1, using: &generator) }
        self.batch = batch
    }

    /// The loss of batch `index` (cycling), rows `rows` of it.
    func loss(_ index: Int, rows: Range<Int>? = nil, on tape: inout Tape) -> Variable {
        let input = inputs[index % inputs.count], target = targets[index % targets.count]
        let range = rows ?? 0..<batch
        let x = tape.constant(Self.rows(input, range))
        let y = tape.constant(Self.rows(target, range))
        return tape.meanSquaredError(model(x, on: &tape), y)
    }

    static func rows(_ tensor: Tensor, _ range: Range<Int>) -> Tensor {
        let width = tensor.shape[1]
        return Tensor(shape: [range.count, width],
                      scalars: Array(tensor.scalars[range.lowerBound * width ..< range.upperBound * width]),
                      format: tensor.format)
    }

    /// Runs `steps` iterations from the trainer's current iteration.
    func train<O>(_ trainer: inout Trainer<O>, steps: Int) throws {
        for _ in 0..<steps {
            let index = trainer.records.count
            try trainer.step { tape in loss(index, on: &tape) }
        }
    }
}
