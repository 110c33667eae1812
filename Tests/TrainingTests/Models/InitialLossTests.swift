import Foundation
import Precision
import Testing
import Training

/// A freshly initialised language model predicts almost uniformly, so its loss is close to
/// ln(vocabulary): a whole-model check that needs no oracle.
@Suite("Initial loss")
struct InitialLossTests {
    @Test(arguments: [PrecisionPolicy.fp32, .autocast(.bf16), .autocast(.fp16), .masterWeights(.bf16), .pure(.fp16)])
    func transformerStartsNearUniform(policy: PrecisionPolicy) {
        let configuration = TransformerConfiguration(vocabulary: 23, context: 16, width: 32, heads: 4, layers: 2)
        let model = TinyTransformer(configuration, seed: 7)
        var generator = SplitMix64(seed: 1)
        let tokens = (0..<(4 * 16)).map { _ in Int(generator.next() % 23) }
        let targets = (0..<(4 * 16)).map { _ in Int(generator.next() % 23) }
        let parameters = model.parameters.map { $0.rounded(to: policy.parameterFormat) }
        var tape = Tape(parameters: parameters, policy: policy)
        let logits = TinyTransformer(configuration, parameters: parameters)
            .logits(tokens, batch: 4, length: 16, on: &tape)
        let loss = tape.crossEntropy(logits, targets: targets)
        let value = tape.value(loss).scalar
        #expect(abs(Double(value) - Foundation.log(23.0)) < 0.05, "loss \(value) under \(policy)")
        let gradients = tape.backward(from: loss).parameters
        #expect(gradients.names == parameters.names)
        #expect(gradients.tensors.allSatisfy { $0.isFinite && $0.format == policy.parameterFormat })
        #expect(tape.firstNonFinite == nil)
    }
}
