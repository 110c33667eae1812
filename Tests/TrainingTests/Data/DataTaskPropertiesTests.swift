import Precision
import Testing
import Training

/// Properties every synthetic task must have: determinism, freshness, ids in range.
@Suite("Data: every task")
struct DataTaskPropertiesTests {
    /// A task with a name for the test report.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var task: any SequenceTask
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "toy language, context 1", task: ToyLanguage(context: 1)),
        Case(name: "toy language, context 64", task: ToyLanguage(context: 64)),
        Case(name: "copy 8 of 10", task: CopyTask(symbols: 8, alphabet: 10, mode: .copy)),
        Case(name: "reverse 5 of 40", task: CopyTask(symbols: 5, alphabet: 40, mode: .reverse)),
        Case(name: "a + b mod 7", task: ModularArithmetic(modulus: 7, operation: .addition)),
        Case(name: "a × b mod 97", task: ModularArithmetic(modulus: 97, operation: .multiplication)),
        Case(name: "a − b mod 113", task: ModularArithmetic(modulus: 113, operation: .subtraction)),
    ]

    @Test("two generators with the same seed give equal batches", arguments: cases)
    func sameSeedSameBatch(_ c: Case) {
        var first = SplitMix64(seed: 2024), second = SplitMix64(seed: 2024)
        let a = c.task.batch(size: 16, using: &first)
        let b = c.task.batch(size: 16, using: &second)
        #expect(a == b)
        #expect(first.next() == second.next(), "the generators advanced differently")
    }

    @Test("different seeds, and successive batches, differ", arguments: cases)
    func differentSeedsDifferentBatches(_ c: Case) {
        var first = SplitMix64(seed: 1), second = SplitMix64(seed: 2)
        let a = c.task.batch(size: 16, using: &first)
        #expect(a != c.task.batch(size: 16, using: &second))
        #expect(a != c.task.batch(size: 16, using: &first))
    }

    @Test("shape, and every id in 0 ..< vocabularySize or ignored", arguments: cases)
    func idsInRange(_ c: Case) {
        var generator = SplitMix64(seed: 3)
        let size = c.task.vocabularySize
        for batchSize in [1, 7, 32] {
            let batch = c.task.batch(size: batchSize, using: &generator)
            #expect(batch.batchSize == batchSize)
            #expect(batch.inputs.count == batch.batchSize * batch.length)
            #expect(batch.targets.count == batch.inputs.count)
            #expect(batch.inputs.allSatisfy { (0..<size).contains($0) })
            #expect(batch.targets.allSatisfy { (0..<size).contains($0) || $0 == TokenBatch.ignored })
            #expect(batch.scoredCount > 0)
        }
    }

    @Test("the vocabulary has vocabularySize distinct, nonempty entries", arguments: cases)
    func vocabulary(_ c: Case) {
        let vocabulary = c.task.vocabulary
        #expect(vocabulary.count == c.task.vocabularySize)
        #expect(Set(vocabulary).count == vocabulary.count)
        #expect(vocabulary.allSatisfy { !$0.isEmpty })
    }

    @Test("an empty batch is empty")
    func emptyBatch() {
        var generator = SplitMix64(seed: 0)
        for c in Self.cases {
            let batch = c.task.batch(size: 0, using: &generator)
            #expect(batch.batchSize == 0 && batch.inputs.isEmpty && batch.targets.isEmpty, "\(c.name)")
        }
    }
}
