import Foundation
import Precision
import Testing
import Training

/// The statistics a tape notes for the monitor, against Float64 references computed from the
/// definitions: the largest attention logit over the positions the causal mask keeps,
/// `−Σ p log p` of each row of weights, and `log Σ e^logit` of the output rows.
@Suite("Monitor: forward statistics")
struct ForwardStatisticsTests {
    static let (batch, length, width, heads) = (2, 5, 8, 2)

    /// An attention layer's parameters with logits of order 5, so that attention is neither
    /// uniform nor one-hot and the rows' entropies differ.
    static func attentionParameters(qkLayerNorm: Bool) -> NamedTensors {
        var pairs = [("attn.qkv.weight", GradientCheck.normal([3 * width, width], seed: 91, deviation: 1.2)),
                     ("attn.qkv.bias", GradientCheck.normal([3 * width], seed: 92, deviation: 0.3))]
        if qkLayerNorm {
            pairs += [("attn.q_ln.weight", GradientCheck.uniform([width / heads], seed: 93, in: 1...3)),
                      ("attn.k_ln.weight", GradientCheck.uniform([width / heads], seed: 94, in: 1...3))]
        }
        pairs += [("attn.proj.weight", GradientCheck.normal([width, width], seed: 95)),
                  ("attn.proj.bias", GradientCheck.normal([width], seed: 96))]
        return NamedTensors(pairs)
    }

    @Test("Attention statistics match Float64 references", arguments: [false, true])
    func attentionStatistics(qkLayerNorm: Bool) throws {
        let parameters = Self.attentionParameters(qkLayerNorm: qkLayerNorm)
        let input = GradientCheck.normal([Self.batch, Self.length, Self.width], seed: 97)
        var tape = Tape(parameters: parameters)
        tape.recordsStatistics = true
        _ = CausalSelfAttention("attn", width: Self.width, heads: Self.heads, qkLayerNorm: qkLayerNorm)(tape.input(input), on: &tape)
        let statistics = try #require(tape.statistics.attention.first)
        #expect(tape.statistics.attention.count == 1)

        let p = parameters.tensors.map(GradientCheck.doubles)
        let qkv = GradientReference.linear(GradientCheck.doubles(input), weight: p[0], bias: p[1], outputs: 3 * Self.width)
        let scores = GradientReference.attentionScores(qkv, batch: Self.batch, length: Self.length, width: Self.width,
                                                       heads: Self.heads, queryGain: qkLayerNorm ? p[2] : nil,
                                                       keyGain: qkLayerNorm ? p[3] : nil)
        let rows = scores.flatMap { $0.flatMap { $0 } }
        let largest = rows.flatMap { $0 }.max()!
        let entropies = rows.map { row in
            GradientReference.softmax(row, width: row.count).reduce(0) { $0 - $1 * Foundation.log($1) }
        }
        let meanEntropy = entropies.reduce(0, +) / Double(entropies.count)
        #expect(largest > 3, "logits of order 5, so the maximum is not trivially small: \(largest)")
        #expect(Set(entropies.map { ($0 * 1000).rounded() }).count > 5, "the rows' entropies differ")
        GradientCheck.expectClose([statistics.maxLogit], [largest], tolerance: GradientCheck.forwardTolerance, "max logit")
        GradientCheck.expectClose([statistics.meanEntropy], [meanEntropy], tolerance: GradientCheck.forwardTolerance,
                                  "mean entropy")
    }

    @Test("Uniform attention has entropy log(i + 1) in row i; the logits are all 0")
    func uniformAttention() throws {
        var parameters = Self.attentionParameters(qkLayerNorm: false)
        parameters.tensors[0] = Tensor(shape: parameters.tensors[0].shape, repeating: 0)
        parameters.tensors[1] = Tensor(shape: parameters.tensors[1].shape, repeating: 0)
        var tape = Tape(parameters: parameters)
        tape.recordsStatistics = true
        _ = CausalSelfAttention("attn", width: Self.width, heads: Self.heads)(
            tape.input(GradientCheck.normal([Self.batch, Self.length, Self.width], seed: 98)), on: &tape)
        let statistics = try #require(tape.statistics.attention.first)
        let expected = (1...Self.length).reduce(0.0) { $0 + Foundation.log(Double($1)) } / Double(Self.length)
        #expect(statistics.maxLogit == 0)
        #expect(abs(Double(statistics.meanEntropy) - expected) <= 1e-6)
    }

    @Test("A NaN input gives a NaN largest logit and entropy")
    func nanPropagates() throws {
        var input = GradientCheck.normal([1, 3, Self.width], seed: 99)
        input.scalars[5] = .nan
        var tape = Tape(parameters: Self.attentionParameters(qkLayerNorm: false))
        tape.recordsStatistics = true
        _ = CausalSelfAttention("attn", width: Self.width, heads: Self.heads)(tape.input(input), on: &tape)
        let statistics = try #require(tape.statistics.attention.first)
        #expect(statistics.maxLogit.isNaN && statistics.meanEntropy.isNaN)
    }

    /// A tiny model and batch for the whole-model tests.
    static let configuration = TransformerConfiguration(vocabulary: 7, context: 6, width: 8, heads: 2, layers: 3)
    static let batch6 = TokenBatch(batchSize: 2, length: 6, inputs: [1, 2, 3, 4, 5, 6, 0, 6, 5, 4, 3, 2],
                                   targets: [2, 3, 4, -100, 6, 0, 6, 5, 4, 3, 2, 1])

    @Test("Off by default; on, one entry per layer, and the loss and gradients are the same bits")
    func recordingChangesNothingElse() throws {
        let model = TinyTransformer(Self.configuration, seed: 5)
        func run(_ records: Bool) -> (Tape, Float, [[UInt32]]) {
            var tape = Tape(parameters: model.parameters)
            tape.recordsStatistics = records
            let loss = model.loss(Self.batch6, on: &tape)
            let gradients = tape.backward(from: loss).parameters.tensors.map { $0.scalars.map(\.bitPattern) }
            return (tape, tape.value(loss).scalar, gradients)
        }
        let (off, offLoss, offGradients) = run(false)
        let (on, onLoss, onGradients) = run(true)
        #expect(off.statistics.isEmpty)
        #expect(on.statistics.attention.count == 3)
        #expect(on.statistics.meanLogZ != nil)
        #expect(offLoss.bitPattern == onLoss.bitPattern)
        #expect(offGradients == onGradients)
        #expect(off.nodeCount == on.nodeCount)
    }

    @Test("Mean log Z: over the rows the loss counts, the same with or without the z-loss")
    func meanLogZ() throws {
        let model = TinyTransformer(Self.configuration, seed: 6)
        var probe = Tape(parameters: model.parameters)
        let output = model.logits(Self.batch6.inputs, batch: 2, length: 6, on: &probe)
        let logits = probe.value(output)
        let values = GradientCheck.doubles(logits)
        let counted = Self.batch6.targets.indices.filter { Self.batch6.targets[$0] != -100 }
        let expected = counted.reduce(0.0) { total, row in
            total + Foundation.log(values[(row * 7)..<((row + 1) * 7)].reduce(0) { $0 + Foundation.exp($1) })
        } / Double(counted.count)
        var means: [Float] = []
        for coefficient: Float in [0, 1e-4] {
            var tape = Tape(parameters: model.parameters)
            tape.recordsStatistics = true
            _ = model.loss(Self.batch6, zLoss: coefficient, on: &tape)
            means.append(try #require(tape.statistics.meanLogZ))
        }
        GradientCheck.expectClose([means[0]], [expected], tolerance: GradientCheck.forwardTolerance, "mean log Z")
        #expect(means[0].bitPattern == means[1].bitPattern)
    }

    @Test("Micro-batches combine: largest of the maxima, mean of the means; NaN wins; none is nil")
    func combining() throws {
        let a = ForwardStatistics(attention: [AttentionStatistics(maxLogit: 3, meanEntropy: 1),
                                              AttentionStatistics(maxLogit: 8, meanEntropy: 0.5)], meanLogZ: 2)
        let b = ForwardStatistics(attention: [AttentionStatistics(maxLogit: 5, meanEntropy: 2),
                                              AttentionStatistics(maxLogit: .nan, meanEntropy: 0.25)], meanLogZ: 3)
        let both = try #require(ForwardStatistics(combining: [a, b]))
        #expect(both.attention[0] == AttentionStatistics(maxLogit: 5, meanEntropy: 1.5))
        #expect(both.attention[1].maxLogit.isNaN && both.attention[1].meanEntropy == 0.375)
        #expect(both.meanLogZ == 2.5)
        #expect(ForwardStatistics(combining: [a]) == a)
        #expect(ForwardStatistics(combining: [ForwardStatistics(), ForwardStatistics()]) == nil)
        #expect(ForwardStatistics(combining: []) == nil)
    }
}
