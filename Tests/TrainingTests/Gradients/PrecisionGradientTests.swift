import Precision
import Testing
import Training

/// Formats along the backward pass, and where the first non-finite value is reported.
@Suite("Gradients: precision policies")
struct PrecisionGradientTests {
    /// A linear layer of 4 inputs with every weight and input 300: each output is
    /// 4 · 300² = 360 000, above FP16's largest finite value 65 504, while every input is
    /// representable in FP16 (so the casts before the product stay finite).
    static func overflowingProduct(_ op: String, on tape: inout Tape) -> Variable {
        let x = tape.constant(Tensor(shape: [2, 4], repeating: 300))
        let weight = tape.parameter("w")
        return op == "linear" ? tape.linear(x, weight: weight, bias: nil)
                              : tape.matmul(x, weight, transposeB: true)
    }

    static func expectOrigin(_ origin: NonFiniteOrigin?, pass: NonFiniteOrigin.Pass, op: String, scope: String,
                             format: FloatFormat, infinities: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(origin?.pass == pass, sourceLocation: sourceLocation)
        #expect(origin?.op == op, sourceLocation: sourceLocation)
        #expect(origin?.scope == scope, sourceLocation: sourceLocation)
        #expect(origin?.format == format, sourceLocation: sourceLocation)
        #expect(origin?.infinities == infinities, sourceLocation: sourceLocation)
        #expect(origin?.nans == 0, sourceLocation: sourceLocation)
    }

    @Test("a policy is named as Swift spells it", arguments: [
        (PrecisionPolicy.fp32, "fp32"), (.autocast(.bf16), "autocast(bf16)"), (.masterWeights(.fp16), "masterWeights(fp16)"),
        (.pure(.bf16), "pure(bf16)"),
    ])
    func policyNames(_ policy: PrecisionPolicy, _ name: String) {
        #expect(policy.description == name)
    }

    @Test("firstNonFinite names the product that overflowed FP16 under autocast, not what followed",
          arguments: ["linear", "matmul"])
    func forwardOverflow(op: String) {
        var tape = Tape(parameters: NamedTensors([("w", Tensor(shape: [3, 4], repeating: 300))]),
                        policy: .autocast(.fp16))
        let y = tape.scoped("mlp") { Self.overflowingProduct(op, on: &$0) }
        // Softmax of infinities is NaN: a later, different non-finite value.
        let loss = tape.crossEntropy(tape.softmax(y), targets: [0, 2])
        _ = tape.backward(from: loss)
        Self.expectOrigin(tape.firstNonFinite, pass: .forward, op: op, scope: "mlp", format: .fp16, infinities: 6)
    }

    @Test("firstNonFinite names a gradient that overflowed FP16 in the backward pass")
    func backwardOverflow() {
        var tape = Tape(parameters: NamedTensors([("w", GradientCheck.normal([3, 4], seed: 101))]),
                        policy: .autocast(.fp16))
        let y = tape.linear(tape.constant(GradientCheck.normal([2, 4], seed: 102)), weight: tape.parameter("w"), bias: nil)
        let loss = tape.sum(tape.multiply(y, tape.constant(Tensor(shape: [2, 3], repeating: 1))))
        // The forward pass is finite; a loss scale of 2¹⁷ makes ∂L/∂y = 131 072 in FP16: ∞.
        _ = tape.backward(from: loss, seed: 0x1p17)
        Self.expectOrigin(tape.firstNonFinite, pass: .backward, op: "linear", scope: "", format: .fp16, infinities: 6)
    }

    @Test("firstNonFinite is nil for a finite run, forward and backward", arguments: [
        PrecisionPolicy.fp32, .autocast(.fp16), .autocast(.bf16), .pure(.bf16),
    ])
    func finiteRun(policy: PrecisionPolicy) {
        let parameters = NamedTensors([("w", GradientCheck.normal([3, 4], seed: 103))])
            .map { $0.rounded(to: policy.parameterFormat) }
        var tape = Tape(parameters: parameters, policy: policy)
        let y = tape.linear(tape.constant(GradientCheck.normal([2, 4], seed: 104)), weight: tape.parameter("w"), bias: nil)
        let gradients = tape.backward(from: tape.crossEntropy(tape.softmax(y), targets: [1, 2]), seed: 1024)
        #expect(gradients.parameters["w"].isFinite && gradients.parameters["w"].scalars.contains { $0 != 0 })
        #expect(tape.firstNonFinite == nil)
    }

    @Test("autocast: a linear computes in the low format, softmax in FP32, parameter gradients stay FP32",
          arguments: [FloatFormat.fp16, .bf16])
    func autocastFormats(low: FloatFormat) throws {
        let parameters = NamedTensors([
            ("fc.weight", GradientCheck.normal([3, 4], seed: 105)), ("fc.bias", GradientCheck.normal([3], seed: 106)),
        ])
        var tape = Tape(parameters: parameters, policy: .autocast(low))
        let x = tape.input(GradientCheck.normal([2, 4], seed: 107))
        let logits = tape.linear(x, weight: tape.parameter("fc.weight"), bias: tape.parameter("fc.bias"))
        let probabilities = tape.softmax(logits)
        let loss = tape.sum(tape.multiply(probabilities, tape.constant(GradientCheck.weights([2, 3], seed: 108))))
        #expect(tape.value(logits).format == low)
        #expect(tape.value(probabilities).format == .fp32)
        #expect(tape.value(loss).format == .fp32)
        let gradients = tape.backward(from: loss)
        for (name, g) in zip(gradients.parameters.names, gradients.parameters.tensors) {
            #expect(g.format == .fp32, "\(name)")
            #expect(g.scalars.contains { $0 != 0 }, "\(name) is all zeros")
        }
        // The input was FP32, so is its gradient (it passed through a cast to the low format).
        #expect(try #require(gradients[x]).format == .fp32)
    }

    @Test("pure(bf16): every parameter gradient is stored in BF16 and holds only BF16 values")
    func pureBF16() throws {
        let model = MLP("mlp", sizes: [4, 8, 5], activation: .gelu)
        var generator = SplitMix64(seed: 109)
        let parameters = NamedTensors(model.initialParameters(using: &generator)
            + [("ln.weight", GradientCheck.uniform([5], seed: 110, in: 0.5...2)), ("ln.bias", GradientCheck.normal([5], seed: 111))])
            .map { $0.rounded(to: .bf16) }
        var tape = Tape(parameters: parameters, policy: .pure(.bf16))
        let x = tape.constant(GradientCheck.normal([3, 2, 4], seed: 112))
        let normed = tape.layerNorm(model(x, on: &tape), weight: tape.parameter("ln.weight"), bias: tape.parameter("ln.bias"))
        let gradients = tape.backward(from: tape.crossEntropy(normed, targets: [0, 4, 1, -100, 3, 3])).parameters
        #expect(gradients.names == parameters.names)
        for (name, g) in zip(gradients.names, gradients.tensors) {
            #expect(g.format == .bf16, "\(name)")
            #expect(g.scalars.contains { $0 != 0 } && g.isFinite, "\(name)")
            let roundTrip = FloatFormat.bf16.rounded(g.scalars)
            #expect(roundTrip.map(\.bitPattern) == g.scalars.map(\.bitPattern), "\(name) holds values BF16 cannot represent")
        }
    }
}
