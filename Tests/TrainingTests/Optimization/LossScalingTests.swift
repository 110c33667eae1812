import Foundation
import Precision
import Testing
import Training

/// The order-of-calls rules, skipping, FP16 refusal, state round trips and the static scaler.
@Suite("Optimization: loss scaling behaviour")
struct LossScalingTests {
    static func setup(_ gradient: [Float] = [65536, -131072]) -> (NamedTensors, NamedTensors) {
        let parameters = NamedTensors([("w", Tensor(shape: [2], scalars: [1, 2]))])
        let gradients = NamedTensors([("w", Tensor(shape: [2], scalars: gradient))])
        return (parameters, gradients)
    }

    @Test("unscaling twice before update() throws and leaves the gradients as unscaled once")
    func unscaleTwice() throws {
        var scaler = GradScaler()
        var (_, gradients) = Self.setup()
        try scaler.unscale(&gradients)
        #expect(gradients["w"].scalars == [1, -2])
        #expect(throws: LossScalingError.alreadyUnscaled) { try scaler.unscale(&gradients) }
        #expect(gradients["w"].scalars == [1, -2])
        #expect(LossScalingError.alreadyUnscaled.description.contains("update()"))
    }

    @Test("step after unscale does not unscale again; calls out of order throw")
    func order() throws {
        var scaler = GradScaler()
        var (parameters, gradients) = Self.setup()
        var sgd = SGD(learningRate: 0.5)
        #expect(throws: LossScalingError.updateWithoutCheck) { try scaler.update() }
        try scaler.unscale(&gradients)
        #expect(try scaler.step(&sgd, parameters: &parameters, gradients: &gradients))
        #expect(parameters["w"].scalars == [0.5, 3])
        #expect(throws: LossScalingError.alreadyStepped) {
            try scaler.step(&sgd, parameters: &parameters, gradients: &gradients)
        }
        #expect(throws: LossScalingError.unscaleAfterStep) { try scaler.unscale(&gradients) }
        try scaler.update()
        #expect(scaler.growthTracker == 1)
    }

    @Test("a skipped step leaves the optimizer, its state and the parameters unchanged",
          arguments: [Float.infinity, -.infinity, .nan])
    func skippedStep(bad: Float) throws {
        var scaler = GradScaler(initialScale: 1024)
        var adam = Adam()
        var (parameters, gradients) = Self.setup([1024, 2048])
        #expect(try scaler.step(&adam, parameters: &parameters, gradients: &gradients))
        try scaler.update()
        let (before, adamBefore) = (parameters, adam)
        (_, gradients) = Self.setup([bad, 2048])
        #expect(try scaler.step(&adam, parameters: &parameters, gradients: &gradients) == false)
        #expect(adam.stepCount == 1)
        #expect(adam.firstMoments == adamBefore.firstMoments && adam.secondMoments == adamBefore.secondMoments)
        #expect(parameters == before)
        try scaler.update()
        #expect(scaler.scale == 512 && scaler.growthTracker == 0)
    }

    @Test("FP16 gradients are refused unless allowed, and untouched when refused")
    func fp16Refused() throws {
        var scaler = GradScaler(initialScale: 4)
        var gradients = NamedTensors([("a", Tensor(shape: [1], scalars: [8])),
                                      ("h", Tensor(shape: [1], scalars: [8], format: .fp16))])
        #expect(throws: LossScalingError.fp16Gradients("h")) { try scaler.unscale(&gradients) }
        #expect(gradients["a"].scalars == [8] && gradients["h"].scalars == [8])
        scaler.allowsFP16Gradients = true
        try scaler.unscale(&gradients)
        #expect(gradients["a"].scalars == [2] && gradients["h"].scalars == [2])
        var bf16 = NamedTensors([("b", Tensor(shape: [1], scalars: [8], format: .bf16))])
        var other = GradScaler(initialScale: 4)
        try other.unscale(&bf16)
        #expect(bf16["b"].scalars == [2])
    }

    @Test("growth stops short of infinity; state round-trips through Codable and resumes")
    func stateAndGrowth() throws {
        var scaler = GradScaler(initialScale: 0x1p127, growthInterval: 1)
        var (_, gradients) = Self.setup([1, 2])
        try scaler.unscale(&gradients)
        try scaler.update()
        #expect(scaler.scale == 0x1p127 && scaler.growthTracker == 0)

        var running = GradScaler(initialScale: 256, growthFactor: 3, backoffFactor: 0.25, growthInterval: 2)
        try Self.iterate(&running, finite: true)
        let saved = try JSONDecoder().decode(GradScaler.State.self, from: JSONEncoder().encode(running.state))
        #expect(saved == running.state)
        var resumed = GradScaler()
        resumed.state = saved
        for finite in [true, false, true, true] {
            try Self.iterate(&running, finite: finite)
            try Self.iterate(&resumed, finite: finite)
        }
        #expect(resumed.state == running.state)
        #expect(running.scale == 576)  // 256 ×3 = 768, ×0.25 = 192, then two successes: ×3
    }

    static func iterate(_ scaler: inout GradScaler, finite: Bool) throws {
        var (_, gradients) = setup([finite ? 1 : .nan, 2])
        try scaler.unscale(&gradients)
        try scaler.update()
    }

    @Test("a disabled scaler has scale 1 and always steps")
    func disabled() throws {
        var scaler = GradScaler(enabled: false)
        var (parameters, gradients) = Self.setup([.nan, 1])
        var sgd = SGD(learningRate: 1)
        #expect(scaler.scale == 1)
        #expect(scaler.scaled(Tensor(scalar: 3)) == Tensor(scalar: 3))
        #expect(try scaler.step(&sgd, parameters: &parameters, gradients: &gradients))
        #expect(sgd.stepCount == 1 && parameters["w"].scalars[0].isNaN)
        try scaler.update()
    }

    @Test("a static scale that overflows poisons the weights: it steps anyway")
    func staticPoisons() throws {
        var scaler = StaticLossScaler(scale: 65536)
        #expect(scaler.scaled(Tensor(shape: [1], scalars: [2], format: .fp16)).scalars == [.infinity])
        var (parameters, gradients) = Self.setup([.infinity, 65536])
        var adam = Adam()
        #expect(scaler.step(&adam, parameters: &parameters, gradients: &gradients))
        #expect(adam.stepCount == 1)
        #expect(parameters["w"].scalars[0].isNaN, "inf / inf in Adam")
        #expect(parameters["w"].scalars[1].isFinite)
        #expect(throws: LossScalingError.alreadyUnscaled) { try scaler.unscale(&gradients) }
        scaler.update()
        try scaler.unscale(&gradients)
    }
}
