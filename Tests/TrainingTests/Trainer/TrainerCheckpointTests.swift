import Foundation
import Precision
import Testing
import Training

@Suite("Trainer checkpoints")
struct TrainerCheckpointTests {
    let fixture = TrainerFixture()

    /// Runs 12 steps straight, and 5 steps + save + load + 7 steps; both must end in the same
    /// bytes (parameters, master copy, optimizer and scaler state, records).
    func resumes<O>(_ make: () -> Trainer<O>, savingAfter saved: Int = 5, total: Int = 12) throws -> Trainer<O> {
        var straight = make()
        try fixture.train(&straight, steps: total)
        var first = make()
        try fixture.train(&first, steps: saved)
        var resumed = try Trainer<O>(checkpoint: try first.checkpoint())
        try fixture.train(&resumed, steps: total - saved)
        #expect(try resumed.checkpoint() == straight.checkpoint())
        #expect(resumed.parameters.tensors.map { $0.scalars.map(\.bitPattern) }
                == straight.parameters.tensors.map { $0.scalars.map(\.bitPattern) })
        return straight
    }

    @Test func masterWeightsWithDynamicScalingResumesBitForBit() throws {
        let run = try resumes {
            Trainer(parameters: fixture.parameters, policy: .masterWeights(.fp16),
                    optimizer: AdamW(learningRate: 0.01),
                    lossScaling: .dynamic(GradScaler(initialScale: 0x1p17, growthInterval: 3)),
                    clipping: .norm(0.5), schedule: WarmupCosine(peak: 0.01, warmupSteps: 3, totalSteps: 12))
        }
        // The run must exercise the scaler's state: some steps skipped, some grew the scale.
        #expect(run.records.contains { $0.skipped })
        #expect(run.records.contains { !$0.skipped })
        #expect(Set(run.records.map(\.scale)).count > 2)
    }

    @Test func pureBF16WithMomentumResumesBitForBit() throws {
        let run = try resumes {
            Trainer(parameters: fixture.parameters, policy: .pure(.bf16),
                    optimizer: SGD(learningRate: 0.05, momentum: 0.9), clipping: .value(0.5))
        }
        #expect(run.optimizer.momentumBuffers?.tensors.first?.format == .bf16)
    }

    @Test func autocastWithAdamResumesBitForBit() throws {
        _ = try resumes {
            Trainer(parameters: fixture.parameters, policy: .autocast(.fp16), optimizer: Adam(learningRate: 0.01),
                    lossScaling: .fixed(StaticLossScaler(scale: 256)))
        }
    }

    /// An adaptive clipper's history is part of the trainer's state: resuming without it
    /// would clip at different thresholds.
    @Test func adaptiveClippersResumeBitForBit() throws {
        let clips: [GradientClip] = [.autoClip(AutoClipper(percentile: 50)), .window(WindowClipper(window: 4, deviations: 0, warmup: 3)),
                                     .zClip(ZClipper(zThreshold: 0.1, warmupSteps: 3)), .unitwise(UnitwiseClipper(clipping: 0.05))]
        for clip in clips {
            let run = try resumes {
                Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: Adam(learningRate: 0.05),
                        clipping: clip)
            }
            let clipped = run.records.contains { $0.clipped }
            #expect(clipped, "\(clip) never clipped")
            if case .unitwise = clip { continue }   // AGC keeps no state
            #expect(run.clipping != clip)
        }
    }

    @Test func checkpointsAreDeterministicAndKeepNonFiniteRecords() throws {
        var trainer = Trainer(parameters: fixture.parameters, policy: .pure(.fp16), optimizer: SGD(learningRate: 1),
                              lossScaling: .fixed(StaticLossScaler(scale: 0x1p30)))
        try fixture.train(&trainer, steps: 2)
        #expect(trainer.records.contains { !$0.gradientNorm.isFinite })
        let bytes = try trainer.checkpoint()
        #expect(try Trainer<SGD>(checkpoint: bytes).checkpoint() == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"inf\"") || text.contains("\"nan\""))
    }

    @Test func aCorruptCheckpointIsADecodingError() throws {
        let trainer = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD())
        var text = String(decoding: try trainer.checkpoint(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"exponentBits\":8", with: "\"exponentBits\":9")
        #expect(throws: DecodingError.self) { try Trainer<SGD>(checkpoint: Data(text.utf8)) }
        #expect(throws: DecodingError.self) { try Trainer<Adam>(checkpoint: try trainer.checkpoint()) }
    }

    @Test func tensorsRoundTripEveryBitPattern() throws {
        let patterns: [UInt32] = [0, 0x8000_0000, 1, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0001, 0xFFFF_FFFF, 0x3F80_0001]
        let tensor = Tensor(shape: [2, 4], scalars: patterns.map(Float.init(bitPattern:)))
        let decoded = try JSONDecoder().decode(Tensor.self, from: JSONEncoder().encode(tensor))
        #expect(decoded.scalars.map(\.bitPattern) == patterns)
        #expect(decoded.shape == [2, 4])
    }
}
