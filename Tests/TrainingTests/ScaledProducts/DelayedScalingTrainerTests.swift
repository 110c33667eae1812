import Foundation
import Precision
import Testing
import Training

/// Delayed scaling in a trainer, worked by hand: `loss = x · wᵀ` for `w = [0.875, 0.875]`
/// (SGD with learning rate 0 keeps it) and inputs whose amax alternates 3.5, 7, 3.5, 7.
///
/// E4M3's largest value is 448, so an amax of 3.5 gives scale 128 and 7 gives 64 (powers of
/// two: every quantised value is exact). `w` takes scale 1 at step 0, then 448 / 0.875 = 512.
/// With the history's maximum over two steps:
///
/// | step | x | scale of x | x as quantised | loss |
/// |---|---|---|---|---|
/// | 0 | [1, 3.5] | 1 (no history) | [1, 3.5] | 0.875 · 4.5 = 3.9375 |
/// | 1 | [1, 7] | 128 (from 3.5) | [1, 3.5]: 7 · 128 saturates at 448 | 3.9375 |
/// | 2 | [1, 3.5] | 64 (max of 3.5, 7) | [1, 3.5] | 3.9375 |
/// | 3 | [1, 7] | 64 (max of 7, 3.5) | [1, 7] | 7 |
///
/// With the most recent amax only, step 3 is scaled by 128 (from step 2's 3.5) and saturates
/// again; with current scaling, no step saturates.
@Suite("Delayed scaling across trainer steps")
struct DelayedScalingTrainerTests {
    static let inputs: [[Float]] = [[1, 3.5], [1, 7], [1, 3.5], [1, 7]]
    static let site = ScalingSite(scope: "", product: 0, operand: .a)

    func train(_ scaling: TensorScaling, steps: Int = 4) throws -> Trainer<SGD> {
        var trainer = Trainer(parameters: NamedTensors([("w", Tensor(shape: [1, 2], scalars: [0.875, 0.875]))]),
                              policy: .scaled(.hybrid(scaling)), optimizer: SGD(learningRate: 0))
        for step in 0..<steps { try trainer.step { tape in loss(step, on: &tape) } }
        return trainer
    }

    func loss(_ step: Int, on tape: inout Tape) -> Variable {
        let x = tape.constant(Tensor(shape: [1, 2], scalars: Self.inputs[step]))
        return tape.sum(tape.linear(x, weight: tape.parameter("w"), bias: nil))
    }

    @Test func eachStepIsScaledByTheAmaxesOfTheStepsBefore() throws {
        let trainer = try train(.delayed(historyLength: 2))
        #expect(trainer.records.map(\.loss) == [3.9375, 3.9375, 3.9375, 7])
        let x = try #require(trainer.scalingHistories[Self.site])
        #expect(x.history == [3.5, 7])
        #expect(x.scale == 64)
        #expect(x.element == .e4m3fn)
        let w = try #require(trainer.scalingHistories[ScalingSite(scope: "", product: 0, operand: .b)])
        #expect(w.history == [0.875, 0.875])
        #expect(w.scale == 512)
        // The gradient of the sum reaching the product is 1 at every step, stored in E5M2
        // (largest value 57344).
        let gradient = try #require(trainer.scalingHistories[ScalingSite(scope: "", product: 0, operand: .gradient)])
        #expect(gradient.element == .e5m2)
        #expect(gradient.history == [1, 1])
        #expect(gradient.scale == 57344)
        #expect(trainer.scalingHistories.sites.count == 3)
    }

    @Test func theAlgorithmAndTheRecipeDecideWhichStepsSaturate() throws {
        #expect(try train(.delayed(historyLength: 2, algorithm: .mostRecent)).records.map(\.loss) == [3.9375, 3.9375, 3.9375, 3.9375])
        #expect(try train(.delayed(historyLength: 1)).records.map(\.loss) == [3.9375, 3.9375, 3.9375, 3.9375])
        let current = try train(.current)
        #expect(current.records.map(\.loss) == [3.9375, 7, 3.9375, 7])
        #expect(current.scalingHistories.isEmpty)
    }

    /// The histories are part of the trainer's state: a trainer restored from a checkpoint
    /// after two steps continues as the original does, and an empty state writes nothing.
    @Test func aCheckpointKeepsTheHistories() throws {
        let original = try train(.delayed(historyLength: 2), steps: 2)
        var restored = try Trainer<SGD>(checkpoint: original.checkpoint())
        #expect(restored.scalingHistories == original.scalingHistories)
        for step in 2..<4 { try restored.step { tape in loss(step, on: &tape) } }
        #expect(restored.records.map(\.loss) == [3.9375, 3.9375, 3.9375, 7])
        let text = String(decoding: try train(.current, steps: 1).checkpoint(), as: UTF8.self)
        #expect(!text.contains("amaxHistories"))
    }
}
