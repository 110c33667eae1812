import Precision
import Testing
import Training

/// Properties the optimizer documentation promises, beyond the oracle trajectories.
@Suite("Optimization: optimizer behaviour")
struct OptimizerBehaviourTests {
    @Test("pure FP16 Adam: eps rounds to 0, so small gradients give infinity and zero gives NaN")
    func fp16EpsilonVanishes() {
        var parameters = NamedTensors([("w", Tensor(shape: [3], scalars: [1, 1, 1], format: .fp16))])
        let gradients = NamedTensors([("w", Tensor(shape: [3], scalars: [0.004, 0.01, 0], format: .fp16)
            .rounded(to: .fp16))])
        var adam = Adam()
        adam.step(&parameters, gradients: gradients)
        let w = parameters["w"].scalars
        #expect(w[0] == -.infinity, "v underflowed, m / 0")
        #expect(w[1].isFinite && w[1] < 1)
        #expect(w[2].isNaN, "0 / 0")
        #expect(FloatFormat.fp16.round(Float(adam.epsilon)) == 0)
        #expect(adam.secondMoments["w"].format == .fp16 && adam.secondMoments["w"].scalars[0] == 0)

        var bf16 = NamedTensors([("w", Tensor(shape: [3], scalars: [1, 1, 1], format: .bf16))])
        var other = Adam()
        other.step(&bf16, gradients: NamedTensors([("w", gradients["w"].rounded(to: .bf16))]))
        #expect(bf16["w"].scalars.allSatisfy { $0.isFinite })
    }

    @Test("state takes each parameter's format; FP32 parameters stay FP32")
    func stateFormats() {
        var parameters = NamedTensors([("a", Tensor(shape: [2], scalars: [1, 2])),
                                       ("h", Tensor(shape: [2], scalars: [1, 2], format: .bf16))])
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        sgd.step(&parameters, gradients: parameters)
        #expect(sgd.momentumBuffers?.tensors.map(\.format) == [.fp32, .bf16])
        #expect(parameters.tensors.map(\.format) == [.fp32, .bf16])
        #expect(sgd.stepCount == 1)
    }

    @Test("SGD's first momentum step copies the gradient, without dampening")
    func firstMomentumStep() {
        var parameters = NamedTensors([("a", Tensor(shape: [1], scalars: [1]))])
        var sgd = SGD(learningRate: 1, momentum: 0.5, dampening: 0.5)
        sgd.step(&parameters, gradients: NamedTensors([("a", Tensor(shape: [1], scalars: [2]))]))
        #expect(sgd.momentumBuffers?["a"].scalars == [2])
        #expect(parameters["a"].scalars == [-1])
        sgd.step(&parameters, gradients: NamedTensors([("a", Tensor(shape: [1], scalars: [2]))]))
        #expect(sgd.momentumBuffers?["a"].scalars == [2])  // 2 × 0.5 + 2 × (1 − 0.5)
        #expect(parameters["a"].scalars == [-3])
    }

    @Test("AdamW decays before the update; Adam with the same decay adds it to the gradient")
    func decoupledDecay() {
        let start = NamedTensors([("a", Tensor(shape: [1], scalars: [10]))])
        let zero = NamedTensors([("a", Tensor(shape: [1], scalars: [0]))])
        var decoupled = start
        var adamW = AdamW(learningRate: 0.1, weightDecay: 0.5)
        adamW.step(&decoupled, gradients: zero)
        #expect(decoupled["a"].scalars == [9.5])  // 10 × (1 − 0.05); m = 0, so Adam adds 0
        var coupled = start
        var adam = Adam(learningRate: 0.1, weightDecay: 0.5)
        adam.step(&coupled, gradients: zero)
        #expect(abs(coupled["a"].scalars[0] - 9.9) < 1e-5)  // g = 5: a full lr-sized Adam step
    }

    @Test("a copied optimizer is an independent checkpoint")
    func valueSemantics() {
        var parameters = NamedTensors([("a", Tensor(shape: [2], scalars: [1, -1]))])
        let gradients = NamedTensors([("a", Tensor(shape: [2], scalars: [0.5, 0.25]))])
        var adam = Adam(learningRate: 0.01)
        adam.step(&parameters, gradients: gradients)
        var (forkA, forkParametersA) = (adam, parameters)
        var (forkB, forkParametersB) = (adam, parameters)
        forkA.step(&forkParametersA, gradients: gradients)
        forkB.step(&forkParametersB, gradients: gradients)
        #expect(forkParametersA == forkParametersB && forkA.secondMoments == forkB.secondMoments)
        #expect(adam.stepCount == 1 && forkA.stepCount == 2)
    }
}
