import Foundation
import Precision
import Testing
import Training

/// Whole layers against Float64 finite differences: a two-layer MLP and causal
/// self-attention, with their parameters set through `Tape(parameters:)` and their
/// gradients read from `Gradients.parameters`, as a training step does.
@Suite("Gradients: composite layers")
struct CompositeGradientTests {
    /// Checks the gradients of `L = Σ r ⊙ layer(x)` with respect to `x` and to every
    /// parameter, against finite differences of `reference(x, parameters)`.
    static func check(_ name: String, parameters: NamedTensors, input: Tensor, shape: [Int],
                      sourceLocation: SourceLocation = #_sourceLocation,
                      layer: (Variable, inout Tape) -> Variable,
                      reference: @escaping (_ x: [Double], _ parameters: [[Double]]) -> [Double]) {
        var tape = Tape(parameters: parameters)
        let x = tape.input(input)
        let y = layer(x, &tape)
        let output = tape.value(y)
        let all = [GradientCheck.doubles(input)] + parameters.tensors.map(GradientCheck.doubles)
        let flat: ([[Double]]) -> [Double] = { reference($0[0], Array($0.dropFirst())) }
        #expect(output.shape == shape, "\(name): output shape", sourceLocation: sourceLocation)
        let forwardError = GradientCheck.relativeError(output.scalars, flat(all))
        #expect(forwardError <= GradientCheck.forwardTolerance, "\(name): forward relative error \(forwardError)",
                sourceLocation: sourceLocation)

        let r = GradientCheck.weights(output.shape, seed: 0xC0FFEE)
        let gradients = tape.backward(from: tape.sum(tape.multiply(y, tape.constant(r))))
        let objective = GradientCheck.weightedObjective(flat, r)
        #expect(gradients.parameters.names == parameters.names, sourceLocation: sourceLocation)
        let computed = [gradients[x]] + gradients.parameters.tensors.map(Optional.some)
        for (index, label) in (["x"] + parameters.names).enumerated() {
            let expected = GradientCheck.finiteDifferences(objective, at: all, input: index)
            GradientCheck.expectClose(computed[index]?.scalars ?? [], expected, tolerance: GradientCheck.gradientTolerance,
                                      "\(name): ∂L/∂\(label)", sourceLocation: sourceLocation)
        }
    }

    @Test("a two-layer MLP with tanh: input, weights and biases")
    func mlp() {
        let model = MLP("mlp", sizes: [3, 5, 2], activation: .tanh)
        let parameters = NamedTensors([
            ("mlp.fc0.weight", GradientCheck.normal([5, 3], seed: 71)),
            ("mlp.fc0.bias", GradientCheck.normal([5], seed: 72, deviation: 0.5)),
            ("mlp.fc1.weight", GradientCheck.normal([2, 5], seed: 73)),
            ("mlp.fc1.bias", GradientCheck.normal([2], seed: 74)),
        ])
        Self.check("mlp", parameters: parameters, input: GradientCheck.normal([4, 3], seed: 75), shape: [4, 2]) { x, tape in
            model(x, on: &tape)
        } reference: { x, p in
            let hidden = GradientReference.linear(x, weight: p[0], bias: p[1], outputs: 5).map { Foundation.tanh($0) }
            return GradientReference.linear(hidden, weight: p[2], bias: p[3], outputs: 2)
        }
    }

    @Test("CausalSelfAttention with QK-layernorm (2 heads): input, projections and gains")
    func attentionWithQKLayerNorm() {
        let (batch, length, width, heads) = (2, 3, 4, 2)
        let layer = CausalSelfAttention("attn", width: width, heads: heads, qkLayerNorm: true)
        let parameters = NamedTensors([
            ("attn.qkv.weight", GradientCheck.normal([3 * width, width], seed: 81, deviation: 0.7)),
            ("attn.qkv.bias", GradientCheck.normal([3 * width], seed: 82, deviation: 0.3)),
            ("attn.q_ln.weight", GradientCheck.uniform([width / heads], seed: 83, in: 0.5...2)),
            ("attn.k_ln.weight", GradientCheck.uniform([width / heads], seed: 84, in: 0.5...2)),
            ("attn.proj.weight", GradientCheck.normal([width, width], seed: 85, deviation: 0.7)),
            ("attn.proj.bias", GradientCheck.normal([width], seed: 86, deviation: 0.3)),
        ])
        #expect(layer.queryKeyNormParameters.map(\.0) == ["attn.q_ln.weight", "attn.k_ln.weight"])
        let input = GradientCheck.normal([batch, length, width], seed: 87)
        Self.check("attention with QK-layernorm", parameters: parameters, input: input,
                   shape: [batch, length, width]) { x, tape in
            layer(x, on: &tape)
        } reference: { x, p in
            GradientReference.attention(x, batch: batch, length: length, width: width, heads: heads,
                                        qkvWeight: p[0], qkvBias: p[1], projectionWeight: p[4], projectionBias: p[5],
                                        queryGain: p[2], keyGain: p[3])
        }
    }

    @Test("LayerNorm without a bias: input and gain")
    func layerNormWithoutBias() {
        let layer = LayerNorm("ln", width: 5, bias: false)
        #expect(layer.initialParameters.map(\.0) == ["ln.weight"])
        let parameters = NamedTensors([("ln.weight", GradientCheck.uniform([5], seed: 88, in: 0.5...2))])
        Self.check("layer norm without bias", parameters: parameters, input: GradientCheck.normal([3, 5], seed: 89, deviation: 2),
                   shape: [3, 5]) { x, tape in
            layer(x, on: &tape)
        } reference: { x, p in
            GradientReference.layerNorm(x, weight: p[0], bias: [Double](repeating: 0, count: 5))
        }
    }

    @Test("CausalSelfAttention (2 heads): input and both projections")
    func attention() {
        let (batch, length, width, heads) = (2, 3, 4, 2)
        let layer = CausalSelfAttention("attn", width: width, heads: heads)
        // A deviation of 0.7 gives scores of order 1: attention neither uniform nor one-hot.
        let parameters = NamedTensors([
            ("attn.qkv.weight", GradientCheck.normal([3 * width, width], seed: 76, deviation: 0.7)),
            ("attn.qkv.bias", GradientCheck.normal([3 * width], seed: 77, deviation: 0.3)),
            ("attn.proj.weight", GradientCheck.normal([width, width], seed: 78, deviation: 0.7)),
            ("attn.proj.bias", GradientCheck.normal([width], seed: 79, deviation: 0.3)),
        ])
        let input = GradientCheck.normal([batch, length, width], seed: 80)
        Self.check("attention", parameters: parameters, input: input, shape: [batch, length, width]) { x, tape in
            layer(x, on: &tape)
        } reference: { x, p in
            GradientReference.attention(x, batch: batch, length: length, width: width, heads: heads,
                                        qkvWeight: p[0], qkvBias: p[1], projectionWeight: p[2], projectionBias: p[3])
        }
    }
}
