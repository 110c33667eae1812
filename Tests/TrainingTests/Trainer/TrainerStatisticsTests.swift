import Foundation
import Precision
import Testing
import Training

/// ``Trainer/recordsForwardStatistics``: what reaches ``StepRecord/forwardStatistics``, and
/// what checkpoints keep.
@Suite("Trainer forward statistics")
struct TrainerStatisticsTests {
    static let configuration = TransformerConfiguration(vocabulary: 7, context: 6, width: 8, heads: 2, layers: 2)
    static let model = TinyTransformer(configuration, seed: 11)

    static func batch(_ index: Int) -> TokenBatch {
        let tokens = (0..<12).map { ($0 * 5 + index * 3) % 7 }
        return TokenBatch(batchSize: 2, length: 6, inputs: tokens, targets: tokens.map { ($0 + 1) % 7 })
    }

    static func trainer(statistics: Bool) -> Trainer<AdamW> {
        Trainer(parameters: model.parameters, policy: .fp32, optimizer: AdamW(learningRate: 1e-2),
                recordsForwardStatistics: statistics)
    }

    static func train(_ trainer: inout Trainer<AdamW>, steps: Int) throws {
        for _ in 0..<steps {
            let index = trainer.records.count
            try trainer.step { tape in model.loss(batch(index), on: &tape) }
        }
    }

    @Test("A record holds what the step's tape noted; without the option, nothing")
    func recordsWhatTheTapeNoted() throws {
        var trainer = Self.trainer(statistics: true)
        var tape = Tape(parameters: trainer.parameters)
        tape.recordsStatistics = true
        _ = Self.model.loss(Self.batch(0), on: &tape)
        let record = try trainer.step { tape in Self.model.loss(Self.batch(0), on: &tape) }
        #expect(record.forwardStatistics == tape.statistics)
        #expect(record.forwardStatistics?.attention.count == 2)

        var plain = Self.trainer(statistics: false)
        #expect(!plain.recordsForwardStatistics)
        #expect(try plain.step { tape in Self.model.loss(Self.batch(0), on: &tape) }.forwardStatistics == nil)
        #expect(plain.records[0].loss == record.loss)
    }

    @Test("Micro-batches: the record combines each micro-batch's statistics")
    func microBatchesCombine() throws {
        var trainer = Self.trainer(statistics: true)
        let parts = (0..<2).map { index in
            var tape = Tape(parameters: trainer.parameters)
            tape.recordsStatistics = true
            _ = Self.model.loss(Self.batch(index), on: &tape)
            return tape.statistics
        }
        #expect(parts[0] != parts[1])
        let record = try trainer.step(microBatches: 2) { tape, index in Self.model.loss(Self.batch(index), on: &tape) }
        #expect(record.forwardStatistics == ForwardStatistics(combining: parts))
    }

    @Test("Without the option a checkpoint has no new keys; with it, it keeps them and resumes bit for bit")
    func checkpoints() throws {
        var plain = Self.trainer(statistics: false)
        try Self.train(&plain, steps: 2)
        let text = String(decoding: try plain.checkpoint(), as: UTF8.self)
        #expect(!text.contains("forwardStatistics"), "a trainer without the option writes the bytes it wrote before")

        var straight = Self.trainer(statistics: true)
        try Self.train(&straight, steps: 4)
        var first = Self.trainer(statistics: true)
        try Self.train(&first, steps: 2)
        var resumed = try Trainer<AdamW>(checkpoint: try first.checkpoint())
        #expect(resumed.recordsForwardStatistics)
        try Self.train(&resumed, steps: 2)
        #expect(try resumed.checkpoint() == straight.checkpoint())
        #expect(resumed.records.allSatisfy { $0.forwardStatistics?.attention.count == 2 })
    }
}

/// The monitor on a real run that records forward statistics.
@Suite("Monitor: attention in trainer reports")
struct MonitorAttentionTrainerTests {
    @Test func aTrainerReportsItsAttentionLogits() throws {
        var trainer = TrainerStatisticsTests.trainer(statistics: true)
        try TrainerStatisticsTests.train(&trainer, steps: 3)
        let report = trainer.gradientReport()
        #expect(report.attention.steps == 3)
        let logits = trainer.records.flatMap { $0.forwardStatistics?.attention.map { Double($0.maxLogit) } ?? [] }
        #expect(report.attention.maxLogit == logits.max())
        #expect(report.attention.finding()?.level == .healthy)
    }
}
