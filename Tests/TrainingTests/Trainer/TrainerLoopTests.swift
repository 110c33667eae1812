import Precision
import Testing
import Training

@Suite("Trainer: the training loop and the final loss")
struct TrainerLoopTests {
    let task = ToyLanguage(context: 8)
    let model = TinyTransformer(TransformerConfiguration(vocabulary: ToyLanguage(context: 8).vocabularySize,
                                                         context: 8, width: 16, heads: 2, layers: 1), seed: 3)

    func fresh() -> Trainer<AdamW> {
        Trainer(parameters: model.parameters, policy: .fp32, optimizer: AdamW(learningRate: 0.01))
    }

    @Test("batch n of a stream is the n-th batch its seeded generator draws, in every pass")
    func batchStream() {
        var generator = SplitMix64(seed: 9)
        let drawn = (0..<4).map { _ in task.batch(size: 3, using: &generator) }
        let stream = task.batches(size: 3, seed: 9)
        #expect(Array(stream.prefix(4)) == drawn)
        #expect(Array(stream.prefix(4)) == drawn, "a second pass starts over")
        #expect(Array(task.batches(size: 3, seed: 10).prefix(1)) != Array(drawn.prefix(1)))
    }

    @Test("train(until:) takes the steps a hand-written loop takes, on the same batches")
    func sameAsHandLoop() throws {
        var byHand = fresh()
        var generator = SplitMix64(seed: 2)
        for _ in 0..<6 {
            let batch = task.batch(size: 4, using: &generator)
            try byHand.step { tape in model.loss(batch, on: &tape) }
        }
        var looped = fresh()
        var seen: [Int] = []
        try looped.train(until: 6, on: task.batches(size: 4, seed: 2), { tape, batch in model.loss(batch, on: &tape) },
                         afterEachStep: { seen.append($0.records.count) })
        #expect(looped.records == byHand.records)
        #expect(looped.parameters == byHand.parameters)
        #expect(seen == Array(1...6))
    }

    @Test("a resumed trainer continues on the batches an uninterrupted run sees")
    func resumes() throws {
        let batches = task.batches(size: 4, seed: 2)
        var straight = fresh()
        try straight.train(until: 8, on: batches) { tape, batch in model.loss(batch, on: &tape) }
        var resumed = fresh()
        try resumed.train(until: 3, on: batches) { tape, batch in model.loss(batch, on: &tape) }
        #expect(resumed.records.count == 3)
        try resumed.train(until: 8, on: batches) { tape, batch in model.loss(batch, on: &tape) }
        #expect(resumed.records == straight.records)
        #expect(resumed.parameters == straight.parameters)
    }

    @Test("a batch sequence that ends stops the loop early")
    func shortSequence() throws {
        var trainer = fresh()
        let two = Array(task.batches(size: 4, seed: 2).prefix(2))
        try trainer.train(until: 5, on: two) { tape, batch in model.loss(batch, on: &tape) }
        #expect(trainer.records.count == 2)
    }

    @Test("the final loss averages the finite values of the last window, and is NaN when there are none")
    func finalLoss() {
        #expect(FinalLoss.of([9, 1, 2, .nan, 6], window: 4) == 3)
        #expect(FinalLoss.of([1, 2], window: 20) == 1.5)
        #expect(FinalLoss.of([1, .infinity, .nan], window: 2).isNaN)
        let losses = (0..<30).map(Double.init)
        #expect(FinalLoss.of(losses) == (10..<30).reduce(0.0) { $0 + Double($1) } / 20)
        let records = [4, 2, Float.nan].enumerated().map {
            StepRecord(step: $0.offset, loss: $0.element, gradientNorm: 1, learningRate: 0.1, updateRatio: 0)
        }
        #expect(FinalLoss.of(records, window: 2) == 2)
    }
}
