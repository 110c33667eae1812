import Precision
import Testing
import Training

/// Modular arithmetic: every scored answer checked by an independent computation.
@Suite("Data: modular arithmetic")
struct DataModularArithmeticTests {
    static let operations: [ModularArithmetic.Operation] = [.addition, .multiplication, .subtraction]

    /// `a ∘ b mod p` the slow, obvious way (fine for the small moduli used here).
    static func expected(_ a: Int, _ b: Int, _ p: Int, _ operation: ModularArithmetic.Operation) -> Int {
        switch operation {
        case .addition: (a + b) % p
        case .multiplication: (a * b) % p
        case .subtraction: ((a - b) % p + p) % p
        }
    }

    @Test("each row is 'a ∘ b =' and only its answer is scored, and correct",
          arguments: operations, [2, 7, 97])
    func randomFacts(operation: ModularArithmetic.Operation, modulus: Int) {
        let task = ModularArithmetic(modulus: modulus, operation: operation)
        var generator = SplitMix64(seed: 31)
        let batch = task.batch(size: 200, using: &generator)
        #expect(batch.length == 4 && batch.scoredCount == 200)
        for row in 0..<batch.batchSize {
            let inputs = Array(batch.inputs(row: row)), targets = Array(batch.targets(row: row))
            #expect(inputs[1] == modulus && inputs[3] == modulus + 1, "row \(row)")
            #expect(Array(targets[..<3]) == Array(repeating: TokenBatch.ignored, count: 3))
            #expect(targets[3] == Self.expected(inputs[0], inputs[2], modulus, operation), "row \(row)")
        }
    }

    @Test("every fact appears once, a major, with the right answer", arguments: operations)
    func everyFact(operation: ModularArithmetic.Operation) {
        let p = 11
        let all = ModularArithmetic(modulus: p, operation: operation).everyFact
        #expect(all.batchSize == p * p)
        for row in 0..<all.batchSize {
            let inputs = all.inputs(row: row)
            let (a, b) = (inputs[inputs.startIndex], inputs[inputs.startIndex + 2])
            #expect(a == row / p && b == row % p)
            #expect(all.targets(row: row).last == Self.expected(a, b, p, operation))
        }
    }

    @Test("results are exact near Int.max")
    func largeModulus() {
        let mersenne = (1 << 61) - 1  // prime; (p − 1)² = p² − 2p + 1 ≡ 1
        #expect(ModularArithmetic(modulus: mersenne, operation: .multiplication).result(mersenne - 1, mersenne - 1) == 1)
        let p = Int.max  // 2(p − 1) = p + (p − 2) ≡ p − 2
        #expect(ModularArithmetic(modulus: p, operation: .addition).result(p - 1, p - 1) == p - 2)
        #expect(ModularArithmetic(modulus: p, operation: .subtraction).result(0, p - 1) == 1)
    }

    @Test("a × b mod 97, seed 3, matches the Python oracle")
    func pinnedMultiplication() {
        // Computed once by the Python oracle described in DataBoundedDrawTests: per row,
        // a and b drawn below 97 in that order, answer (a * b) % 97.
        var generator = SplitMix64(seed: 3)
        let batch = ModularArithmetic(modulus: 97, operation: .multiplication).batch(size: 3, using: &generator)
        let i = TokenBatch.ignored
        #expect(batch == TokenBatch(
            batchSize: 3, length: 4,
            inputs: [11, 97, 67, 98, 59, 97, 7, 98, 20, 97, 61, 98],
            targets: [i, i, i, 58, i, i, i, 25, i, i, i, 56]))
    }

    @Test("the vocabulary is the numbers, the operator, then '='")
    func vocabulary() {
        #expect(ModularArithmetic(modulus: 3, operation: .subtraction).vocabulary == ["0", "1", "2", "-", "="])
        #expect(ModularArithmetic(modulus: 2, operation: .multiplication).vocabulary == ["0", "1", "*", "="])
    }
}
