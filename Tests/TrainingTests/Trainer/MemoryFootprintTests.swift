import Precision
import Testing
import Training

/// Memory is counted from the tensors a trainer holds; the expected bytes per parameter are
/// the published accounting (ZeRO, Rajbhandari et al. 2020: 16 bytes with Adam for both FP32
/// and FP16 + FP32 master weights), the activations an explicit sum over the MLP's forward pass.
@Suite("Memory footprint")
struct MemoryFootprintTests {
    let fixture = TrainerFixture()

    func footprint<O>(_ trainer: Trainer<O>, batch: Int = 6) throws -> MemoryFootprint {
        var trainer = trainer
        try fixture.train(&trainer, steps: 1)
        return trainer.memoryFootprint { fixture.loss(0, rows: 0..<batch, on: &$0) }
    }

    func perParameter(_ footprint: MemoryFootprint) -> [Double] {
        [\MemoryFootprint.weights, \.gradients, \.optimizerState, \.masterCopy, \.masterGradients]
            .map { footprint.bytesPerParameter($0) }
    }

    @Test func fp32AdamHoldsSixteenBytesPerParameter() throws {
        let memory = try footprint(Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: Adam()))
        #expect(memory.parameterCount == 4 * 8 + 8 + 8 * 3 + 3)
        #expect(perParameter(memory) == [4, 4, 8, 0, 0])
        #expect(memory.parameterState == 16 * memory.parameterCount)
        #expect(memory.parameterCasts == 0)
    }

    @Test func masterWeightsHoldSixteenBytesPlusTheFP32GradientCopy() throws {
        let memory = try footprint(Trainer(parameters: fixture.parameters, policy: .masterWeights(.fp16),
                                           optimizer: Adam()))
        #expect(perParameter(memory) == [2, 2, 8, 4, 4])
    }

    @Test func autocastKeepsFP32StateAndAddsCasts() throws {
        let memory = try footprint(Trainer(parameters: fixture.parameters, policy: .autocast(.bf16),
                                           optimizer: AdamW()))
        #expect(perParameter(memory) == [4, 4, 8, 0, 0])
        // Every weight and bias enters one linear layer, cast once to BF16.
        #expect(memory.parameterCasts == 2 * memory.parameterCount)
    }

    @Test func pureFormatsHalveEverything() throws {
        let adam = try footprint(Trainer(parameters: fixture.parameters, policy: .pure(.bf16), optimizer: Adam()))
        #expect(perParameter(adam) == [2, 2, 4, 0, 0])
        let sgd = try footprint(Trainer(parameters: fixture.parameters, policy: .pure(.fp16),
                                        optimizer: SGD(momentum: 0.9)))
        #expect(perParameter(sgd) == [2, 2, 2, 0, 0])
        let plain = try footprint(Trainer(parameters: fixture.parameters, policy: .pure(.fp16), optimizer: SGD()))
        #expect(plain.optimizerState == 0)
    }

    /// FP32 forward pass of a batch of b rows: fc0 [b, 8], relu [b, 8], fc1 [b, 3], the loss
    /// (a scalar); inputs and targets are constants, not activations.
    @Test func fp32ActivationsAreTheForwardPassTensors() throws {
        for batch in [1, 6] {
            let memory = try footprint(Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD()),
                                       batch: batch)
            #expect(memory.activations == 4 * (8 * batch + 8 * batch + 3 * batch + 1))
        }
    }

    @Test func optimizerStateIsEmptyBeforeTheFirstStep() {
        let trainer = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: Adam())
        #expect(trainer.memoryFootprint { fixture.loss(0, on: &$0) }.optimizerState == 0)
    }
}
