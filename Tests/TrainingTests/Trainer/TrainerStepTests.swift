import Precision
import Testing
import Training

@Suite("Trainer steps")
struct TrainerStepTests {
    let fixture = TrainerFixture()

    /// The norm a trainer records is the norm of the true (unscaled) gradient: a power-of-two
    /// scale is exact in FP32, so it equals the norm of an unscaled backward pass bit for bit.
    @Test func clippingAndTheRecordSeeUnscaledGradients() throws {
        var tape = Tape(parameters: fixture.parameters, policy: .fp32)
        let loss = fixture.loss(0, on: &tape)
        let expected = GradientClipping.totalNorm(tape.backward(from: loss).parameters)
        var trainer = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1),
                              lossScaling: .fixed(StaticLossScaler(scale: 1024)), clipping: .norm(expected / 2))
        let record = try trainer.step { fixture.loss(0, on: &$0) }
        #expect(record.gradientNorm == expected)
        #expect(record.clipped)
        #expect(record.scale == 1024)
        #expect(record.tensorGradientNorms.count == fixture.parameters.count)
    }

    /// Clipped to half its norm, the SGD step moves the parameters half as far as unclipped.
    @Test func normClippingHalvesTheStep() throws {
        var free = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1))
        let norm = try free.step { fixture.loss(0, on: &$0) }.gradientNorm
        var clipped = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1),
                              clipping: .norm(norm / 2))
        try clipped.step { fixture.loss(0, on: &$0) }
        let ratio = distance(clipped.parameters, fixture.parameters) / distance(free.parameters, fixture.parameters)
        #expect(abs(ratio - 0.5) < 1e-4)
    }

    /// PyTorch's usual loop calls `scheduler.step()` every iteration: a skipped step still
    /// moves the schedule on.
    @Test func aSkippedStepAdvancesTheSchedule() throws {
        let schedule = WarmupCosine(peak: 0.1, warmupSteps: 2, totalSteps: 6)
        var trainer = Trainer(parameters: fixture.parameters, policy: .masterWeights(.fp16), optimizer: SGD(),
                              lossScaling: .dynamic(GradScaler(initialScale: 0x1p60)), schedule: schedule)
        try fixture.train(&trainer, steps: 6)
        #expect(trainer.records[0].skipped)
        #expect(trainer.records.map(\.learningRate) == (0..<6).map(schedule.learningRate(at:)))
        #expect(trainer.optimizer.stepCount == trainer.records.filter { !$0.skipped }.count)
        #expect(trainer.records.filter(\.skipped).allSatisfy { $0.updateRatio == 0 })
    }

    /// A skipped step leaves parameters and master copy untouched.
    @Test func aSkippedStepChangesNoParameter() throws {
        var trainer = Trainer(parameters: fixture.parameters, policy: .masterWeights(.fp16), optimizer: Adam(),
                              lossScaling: .dynamic(GradScaler(initialScale: 0x1p60)))
        let before = trainer.master!
        let record = try trainer.step { fixture.loss(0, on: &$0) }
        #expect(record.skipped)
        #expect(trainer.master! == before)
        #expect(trainer.parameters == before.map { $0.rounded(to: .fp16) })
    }

    /// Two micro-batches of three rows give the gradient of the six-row batch's mean loss
    /// (up to FP32 rounding in a different order).
    @Test func microBatchesAccumulateTheMeanGradient() throws {
        var whole = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1))
        let full = try whole.step { fixture.loss(0, on: &$0) }
        var split = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1))
        let parts = try split.step(microBatches: 2) { tape, index in
            fixture.loss(0, rows: index * 3 ..< index * 3 + 3, on: &tape)
        }
        #expect(abs(parts.gradientNorm - full.gradientNorm) <= 1e-5 * full.gradientNorm)
        #expect(abs(parts.loss - full.loss) <= 1e-6 * full.loss)
        #expect(distance(split.parameters, whole.parameters) < 1e-6)
    }

    /// Master weights keep the FP32 copy; the model is that copy rounded to the low format.
    @Test func masterWeightsRoundTheModelFromTheMasterCopy() throws {
        var trainer = Trainer(parameters: fixture.parameters, policy: .masterWeights(.bf16),
                              optimizer: SGD(learningRate: 1e-4))
        try fixture.train(&trainer, steps: 3)
        #expect(trainer.master!.tensors.allSatisfy { $0.format == .fp32 })
        #expect(trainer.parameters == trainer.master!.map { $0.rounded(to: .bf16) })
        #expect(trainer.master! != fixture.parameters)
    }

    @Test func perTensorRatiosCombineIntoTheTotal() throws {
        var trainer = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1))
        let record = try trainer.step { fixture.loss(0, on: &$0) }
        let sizes = fixture.parameters.tensors.map { $0.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } }
        let combined = zip(record.tensorUpdateRatios, sizes).reduce(0.0) { $0 + Double($1.0 * $1.0) * $1.1 }
        let total = sizes.reduce(0, +)
        #expect(abs((combined / total).squareRoot() - Double(record.updateRatio)) < 1e-6 * Double(record.updateRatio))
        let squares = record.tensorGradientNorms.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(squares.squareRoot() - Double(record.gradientNorm)) < 1e-6 * Double(record.gradientNorm))
    }
}

/// ‖a − b‖ over every tensor, in Double.
func distance(_ a: NamedTensors, _ b: NamedTensors) -> Double {
    var sum = 0.0
    for (x, y) in zip(a.tensors, b.tensors) {
        for (p, q) in zip(x.scalars, y.scalars) { sum += (Double(p) - Double(q)) * (Double(p) - Double(q)) }
    }
    return sum.squareRoot()
}
