import Foundation
import Precision
import Testing
import Training

/// The tiny Transformer's options against Float64 finite differences of
/// `GradientReference.transformerLoss`: the loss `TinyTransformer.loss(_:zLoss:on:)`
/// records and its gradient with respect to every parameter.
@Suite("Gradients: Transformer options")
struct TransformerGradientTests {
    struct Options: Sendable, CustomTestStringConvertible {
        var normalization: BlockNormalization
        var qkLayerNorm: Bool
        var zLoss: Float
        var testDescription: String { "\(normalization), QK-layernorm \(qkLayerNorm), z-loss \(zLoss)" }
    }

    static let options = [
        Options(normalization: .postLayerNorm, qkLayerNorm: false, zLoss: 0),
        Options(normalization: .preLayerNorm, qkLayerNorm: true, zLoss: 0),
        Options(normalization: .preLayerNorm, qkLayerNorm: false, zLoss: 0.3),
        Options(normalization: .postLayerNorm, qkLayerNorm: true, zLoss: 0.3),
    ]

    /// Parameters of order 1, not GPT-2's 0.02: with those, attention is nearly uniform and
    /// most gradients nearly vanish, so a wrong rule would hide under rounding. Layer-norm
    /// gains lie in [0.5, 1.5], everything else is N(0, 0.5²).
    static func parameters(_ configuration: TransformerConfiguration) -> NamedTensors {
        let shapes = TinyTransformer(configuration, seed: 0).parameters
        return NamedTensors(shapes.names.enumerated().map { index, name in
            let shape = shapes.tensors[index].shape
            let seed = UInt64(200 + index)
            let isGain = name.hasSuffix("ln1.weight") || name.hasSuffix("ln2.weight") || name.hasSuffix("ln_f.weight")
                || name.hasSuffix("_ln.weight")
            return (name, isGain ? GradientCheck.uniform(shape, seed: seed, in: 0.5...1.5)
                                 : GradientCheck.normal(shape, seed: seed, deviation: 0.5))
        })
    }

    @Test("loss and every parameter's gradient", arguments: options)
    func lossAndGradients(_ options: Options) {
        let configuration = TransformerConfiguration(vocabulary: 5, context: 4, width: 4, heads: 2, layers: 2, hidden: 6,
                                                     normalization: options.normalization,
                                                     qkLayerNorm: options.qkLayerNorm)
        let parameters = Self.parameters(configuration)
        let (batch, length) = (2, 4)
        let tokens = [0, 3, 1, 4, 2, 2, 0, 1]
        let targets = [3, 1, -100, 2, 2, 0, 1, 4]
        var tape = Tape(parameters: parameters)
        let loss = TinyTransformer(configuration, parameters: parameters)
            .loss(TokenBatch(batchSize: batch, length: length, inputs: tokens, targets: targets), zLoss: options.zLoss,
                  on: &tape)
        let gradients = tape.backward(from: loss).parameters

        let shape = GradientReference.TransformerShape(
            vocabulary: 5, width: 4, heads: 2, layers: 2, hidden: 6,
            postLayerNorm: options.normalization == .postLayerNorm, qkLayerNorm: options.qkLayerNorm)
        let names = parameters.names
        let objective: ([[Double]]) -> Double = { values in
            GradientReference.transformerLoss(Dictionary(uniqueKeysWithValues: zip(names, values)), shape: shape,
                                              tokens: tokens, targets: targets, batch: batch, length: length,
                                              zLoss: Double(options.zLoss))
        }
        let all = parameters.tensors.map(GradientCheck.doubles)
        let forwardError = GradientCheck.relativeError([tape.value(loss).scalar], [objective(all)])
        #expect(forwardError <= GradientCheck.forwardTolerance, "\(options.testDescription): loss error \(forwardError)")
        #expect(gradients.names == names)
        for (index, name) in names.enumerated() {
            let expected = GradientCheck.finiteDifferences(objective, at: all, input: index)
            GradientCheck.expectClose(gradients.tensors[index].scalars, expected, tolerance: GradientCheck.gradientTolerance,
                                      "\(options.testDescription): ∂L/∂\(name)")
        }
    }
}
