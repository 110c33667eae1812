import Precision
import Testing
import Training

/// What `backward` promises beyond each op's rule: contributions add up, unused parameters
/// get zeros, and the seed scales every gradient exactly.
@Suite("Gradients: backward pass")
struct BackwardBehaviourTests {
    @Test("a parameter used by several ops, and twice by one, accumulates every contribution")
    func parameterUsedTwiceAccumulates() {
        let p = GradientCheck.normal([2, 3], seed: 81)
        let a = GradientCheck.normal([2, 3], seed: 82)
        let (r1, r2) = (GradientCheck.weights([2, 3], seed: 83), GradientCheck.weights([2, 3], seed: 84))
        var tape = Tape(parameters: NamedTensors([("p", p)]))
        // L = Σ r₁ ⊙ p ⊙ a + Σ r₂ ⊙ p ⊙ p: three uses, the last two in one op.
        let first = tape.multiply(tape.parameter("p"), tape.constant(a))
        let second = tape.multiply(tape.parameter("p"), tape.parameter("p"))
        let loss = tape.add(tape.sum(tape.multiply(first, tape.constant(r1))),
                            tape.sum(tape.multiply(second, tape.constant(r2))))
        let g = tape.backward(from: loss).parameters["p"]
        let (ad, w1, w2) = (GradientCheck.doubles(a), GradientCheck.doubles(r1), GradientCheck.doubles(r2))
        let expected = GradientCheck.finiteDifferences({ x in
            x[0].indices.reduce(0) { $0 + w1[$1] * x[0][$1] * ad[$1] + w2[$1] * x[0][$1] * x[0][$1] }
        }, at: [GradientCheck.doubles(p)], input: 0)
        GradientCheck.expectClose(g.scalars, expected, tolerance: GradientCheck.gradientTolerance, "∂L/∂p")
    }

    @Test("a weight shared by two linear layers (x·Wᵀ·Wᵀ) gets both layers' gradients")
    func sharedWeightAccumulates() {
        let w = GradientCheck.normal([3, 3], seed: 85)
        let x = GradientCheck.normal([4, 3], seed: 86)
        let r = GradientCheck.weights([4, 3], seed: 87)
        var tape = Tape(parameters: NamedTensors([("w", w)]))
        let hidden = tape.linear(tape.constant(x), weight: tape.parameter("w"), bias: nil)
        let y = tape.linear(hidden, weight: tape.parameter("w"), bias: nil)
        let g = tape.backward(from: tape.sum(tape.multiply(y, tape.constant(r)))).parameters["w"]
        let (xd, rd) = (GradientCheck.doubles(x), GradientCheck.doubles(r))
        let expected = GradientCheck.finiteDifferences({ p in
            let once = GradientReference.linear(xd, weight: p[0], bias: nil, outputs: 3)
            let twice = GradientReference.linear(once, weight: p[0], bias: nil, outputs: 3)
            return zip(twice, rd).reduce(0) { $0 + $1.0 * $1.1 }
        }, at: [GradientCheck.doubles(w)], input: 0)
        GradientCheck.expectClose(g.scalars, expected, tolerance: GradientCheck.gradientTolerance, "∂L/∂w")
    }

    @Test("a parameter the loss does not depend on gets zeros of its shape and format",
          arguments: [PrecisionPolicy.fp32, .autocast(.fp16), .pure(.bf16)])
    func unusedParameterHasZeros(policy: PrecisionPolicy) {
        let parameters = NamedTensors([
            ("used", GradientCheck.normal([2], seed: 88)),
            ("read but unused", GradientCheck.normal([2, 2], seed: 89)),
            ("never read", GradientCheck.normal([3, 2], seed: 90)),
        ]).map { $0.rounded(to: policy.parameterFormat) }
        var tape = Tape(parameters: parameters, policy: policy)
        _ = tape.parameter("read but unused")
        let loss = tape.sum(tape.square(tape.parameter("used")))
        let gradients = tape.backward(from: loss).parameters
        #expect(gradients.names == parameters.names)
        for name in ["read but unused", "never read"] {
            #expect(gradients[name] == Tensor(shape: parameters[name].shape, repeating: 0, format: policy.parameterFormat),
                    "\(name)")
        }
        #expect(gradients["used"].scalars.allSatisfy { $0 != 0 })
    }

    /// A small model touching many rules: linear, gelu, layer norm, softmax, cross-entropy,
    /// mean, and an embedding; its loss and gradients for `seed`.
    static func gradients(seed: Float) -> [Tensor] {
        let parameters = NamedTensors([
            ("embed", GradientCheck.normal([6, 4], seed: 91)),
            ("fc.weight", GradientCheck.normal([4, 4], seed: 92)), ("fc.bias", GradientCheck.normal([4], seed: 93)),
            ("ln.weight", GradientCheck.uniform([4], seed: 94, in: 0.5...2)), ("ln.bias", GradientCheck.normal([4], seed: 95)),
        ])
        var tape = Tape(parameters: parameters)
        let x = tape.input(GradientCheck.normal([2, 3, 4], seed: 96))
        let embedded = tape.add(x, tape.embedding(tape.parameter("embed"), indices: [0, 5, 5, 2, 1, 0], shape: [2, 3]))
        let hidden = tape.gelu(tape.linear(embedded, weight: tape.parameter("fc.weight"), bias: tape.parameter("fc.bias")))
        let normed = tape.layerNorm(hidden, weight: tape.parameter("ln.weight"), bias: tape.parameter("ln.bias"))
        // A weighted sum: a plain sum of softmax outputs would be constant.
        let probabilities = tape.mean(tape.softmax(tape.square(normed)), axes: [0])
        let weighted = tape.sum(tape.multiply(probabilities, tape.constant(GradientCheck.weights([3, 4], seed: 97))))
        let loss = tape.add(tape.crossEntropy(normed, targets: [3, 1, -100, 0, 2, 2]), weighted)
        let gradients = tape.backward(from: loss, seed: seed)
        return [gradients[x]!] + gradients.parameters.tensors
    }

    @Test("the seed scales every gradient exactly when it is a power of two", arguments: [2, 1024, 65536, 0.25] as [Float])
    func seedScalesExactly(seed: Float) {
        // Multiplying by 2ᵏ commutes with every rounding (away from overflow and underflow),
        // so the scaled backward pass must give the unscaled one times the seed, bit for bit:
        // what makes a power-of-two loss scale harmless.
        let unscaled = Self.gradients(seed: 1), scaled = Self.gradients(seed: seed)
        #expect(unscaled.count == scaled.count)
        for (index, (g, gs)) in zip(unscaled, scaled).enumerated() {
            #expect(g.scalars.contains { $0 != 0 }, "gradient \(index) is all zeros")
            #expect(gs.scalars == g.scalars.map { $0 * seed }, "gradient \(index)")
        }
    }
}
