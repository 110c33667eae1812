import Precision
import Testing
import Training

/// Copy and reverse: the scored targets are rebuilt from the inputs.
@Suite("Data: copy and reverse")
struct DataCopyTaskTests {
    static let shapes: [(symbols: Int, alphabet: Int)] = [(1, 1), (1, 4), (6, 2), (10, 26), (7, 300)]

    @Test("scored targets are the copy (or reversal) of the row's first symbols",
          arguments: [CopyTask.Mode.copy, .reverse], shapes)
    func answerFromInputs(mode: CopyTask.Mode, shape: (symbols: Int, alphabet: Int)) {
        let task = CopyTask(symbols: shape.symbols, alphabet: shape.alphabet, mode: mode)
        let n = shape.symbols
        var generator = SplitMix64(seed: 21)
        let batch = task.batch(size: 12, using: &generator)
        #expect(batch.length == 2 * n)
        #expect(batch.scoredCount == 12 * n)
        for row in 0..<batch.batchSize {
            let inputs = Array(batch.inputs(row: row)), targets = Array(batch.targets(row: row))
            let x = Array(inputs[..<n])
            let answer = mode == .copy ? x : Array(x.reversed())
            #expect(x.allSatisfy { (0..<shape.alphabet).contains($0) })
            #expect(inputs[n] == task.separator)
            #expect(Array(targets[..<n]) == Array(repeating: TokenBatch.ignored, count: n))
            #expect(Array(targets[n...]) == answer, "row \(row)")
            #expect(Array(inputs[(n + 1)...]) == Array(answer.dropLast()), "teacher forcing, row \(row)")
        }
    }

    @Test("reverse, 4 of 5, seed 2, matches the Python oracle")
    func pinnedReverse() {
        // Computed once by the Python oracle described in DataBoundedDrawTests: per row,
        // four draws below 5, then [x, 5, reversed(x)] cut into inputs and targets.
        var generator = SplitMix64(seed: 2)
        let batch = CopyTask(symbols: 4, alphabet: 5, mode: .reverse).batch(size: 3, using: &generator)
        let i = TokenBatch.ignored
        #expect(batch == TokenBatch(
            batchSize: 3, length: 8,
            inputs: [2, 3, 2, 3, 5, 3, 2, 3, 1, 1, 3, 3, 5, 3, 3, 1, 1, 3, 1, 2, 5, 2, 1, 3],
            targets: [i, i, i, i, 3, 2, 3, 2, i, i, i, i, 3, 3, 1, 1, i, i, i, i, 2, 1, 3, 1]))
    }

    @Test("symbols are letters up to 26, numbers beyond; the separator is last")
    func vocabulary() {
        #expect(CopyTask(symbols: 3, alphabet: 4, mode: .copy).vocabulary == ["a", "b", "c", "d", "|"])
        let wide = CopyTask(symbols: 3, alphabet: 27, mode: .reverse).vocabulary
        #expect(wide.first == "0" && wide[26] == "26" && wide.last == "|")
    }
}
