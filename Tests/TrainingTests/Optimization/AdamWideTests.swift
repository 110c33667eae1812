import Precision
import Testing
import Training

/// The eight-lane FP32 Adam loop (Sources/CAdamAVX2) against the scalar loop, bit for bit.
/// The scalar loop is the one `OptimizerOracleTests` compares with PyTorch's traces.
@Suite("Optimization: Adam's eight-lane loop")
struct AdamWideTests {
    /// Parameters and gradients of odd lengths (the last `count % 8` take the scalar tail),
    /// with zeros of both signs, subnormals, huge values, infinities and NaN among them.
    static func tensors(seed: UInt64) -> (NamedTensors, NamedTensors) {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Float(state >> 40) / Float(1 << 24)
            return (unit - 0.5) * 4
        }
        let special: [Float] = [0, -0, 1e-40, -1e-45, 3e38, -3e38, .infinity, -.infinity, .nan, 1e-20, 65504]
        var parameters: [(String, Tensor)] = [], gradients: [(String, Tensor)] = []
        for (index, count) in [1, 7, 8, 9, 33, 250].enumerated() {
            let p = (0..<count).map { i in i % 13 == 5 ? special[i % special.count] : next() }
            let g = (0..<count).map { i in i % 11 == 3 ? special[(i / 11) % special.count] : next() * 1e-3 }
            parameters.append(("t\(index)", Tensor(shape: [count], scalars: p)))
            gradients.append(("t\(index)", Tensor(shape: [count], scalars: g)))
        }
        return (NamedTensors(parameters), NamedTensors(gradients))
    }

    static let optimizers: [(String, Adam)] = [
        ("Adam", Adam()),
        ("Adam, L2 weight decay", Adam(learningRate: 0.01, weightDecay: 0.05)),
        ("AdamW's decoupled decay", Adam(learningRate: 0.003, betas: (0.9, 0.95), weightDecay: 0.1,
                                         decoupledWeightDecay: true)),
        ("β1 above 0.5: the other lerp branch, ε 0", Adam(learningRate: 0.1, betas: (0.3, 0.5), epsilon: 0)),
    ]

    @Test("three steps give the scalar loop's bits, NaN included", .enabled(if: Adam.isWideAvailable),
          arguments: optimizers.indices)
    func sameBits(_ index: Int) {
        var (baseline, _) = Self.tensors(seed: UInt64(index))
        var wide = baseline
        var scalarAdam = Self.optimizers[index].1, wideAdam = scalarAdam
        for step in 0..<3 {
            let (_, gradients) = Self.tensors(seed: UInt64(100 + 10 * index + step))
            scalarAdam.step(&baseline, gradients: gradients, kernels: .baseline)
            wideAdam.step(&wide, gradients: gradients, kernels: .wide)
        }
        func bits(_ tensors: NamedTensors) -> [[UInt32]] { tensors.tensors.map { $0.scalars.map(\.bitPattern) } }
        #expect(bits(wide) == bits(baseline), "\(Self.optimizers[index].0): parameters")
        #expect(bits(wideAdam.firstMoments) == bits(scalarAdam.firstMoments), "first moments")
        #expect(bits(wideAdam.secondMoments) == bits(scalarAdam.secondMoments), "second moments")
        #expect(bits(baseline) != bits(Self.tensors(seed: UInt64(index)).0), "the step changed the parameters")
    }
}
