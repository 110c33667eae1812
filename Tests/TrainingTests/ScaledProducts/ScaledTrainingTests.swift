import Precision
import Testing
import Training

/// A tiny Transformer (width 32, two heads, one block) learns the toy language under every
/// recipe: its loss falls as FP32's does, and ends near FP32's.
@Suite("Training under scaled recipes")
struct ScaledTrainingTests {
    static let task = ToyLanguage(context: 8)
    static let model = TinyTransformer(TransformerConfiguration(vocabulary: task.vocabularySize, context: 8,
                                                                width: 32, heads: 2, layers: 1), seed: 5)
    static let steps = 80

    static func losses(_ policy: PrecisionPolicy) throws -> [Double] {
        var trainer = Trainer(parameters: model.parameters, policy: policy, optimizer: AdamW(learningRate: 0.01))
        try trainer.train(until: steps, on: task.batches(size: 8, seed: 6)) { tape, batch in
            model.loss(batch, on: &tape)
        }
        return trainer.records.map { Double($0.loss) }
    }

    static let recipes: [LowPrecisionRecipe] = [
        .hybrid(.current), .hybrid(.delayed()), .fineGrained(tileSize: 16), .mxfp8(rule: .floor), .mxfp8(rule: .rceil),
        .nvfp4, LowPrecisionRecipe.fineGrained(tileSize: 16).accumulating(in: LimitedAccumulator()),
    ]

    /// The mean of the last ten losses is below 0.8 times that of the first ten (FP32 goes
    /// from 2.79 to 1.45 nats), and within 10% of FP32's.
    @Test(arguments: recipes)
    func theLossFalls(recipe: LowPrecisionRecipe) throws {
        let losses = try Self.losses(.scaled(recipe))
        let first = losses.prefix(10).reduce(0, +) / 10
        let final = FinalLoss.of(losses, window: 10)
        let fp32 = FinalLoss.of(try Self.losses(.fp32), window: 10)
        #expect(final < 0.8 * first, "\(recipe): from \(first) to \(final)")
        #expect(final < 1.1 * fp32, "\(recipe): \(final) against FP32's \(fp32)")
    }
}
