import Foundation
import Precision

/// Adam: `torch.optim.Adam` with `foreach=False` (no AMSGrad, no `maximize`).
///
/// Step `t` (counting from 1) runs, for each parameter `p` with gradient `g`, PyTorch's ops
/// in PyTorch's order, with moment buffers `m` and `v` that start at zero in `p`'s format:
///
/// ```text
/// if weightDecay != 0:
///     decoupled:  p = p.mul(1 - lr × weightDecay)          (AdamW)
///     otherwise:  g = g.add(p, alpha: weightDecay)          (L2, Adam)
/// m = m.lerp(g, 1 - β1)
/// v = v.mul(β2).addcmul(g, g, value: 1 - β2)
/// stepSize = lr / (1 - β1^t)                                (Double, as Python floats)
/// denom = (v.sqrt() / (1 - β2^t)^0.5).add(eps)
/// p = p.addcdiv(m, denom, value: -stepSize)
/// ```
///
/// The bias corrections are computed in `Double` with the C library's `pow`, exactly as
/// Python evaluates them; each scalar then enters its tensor op as `Float`. In FP32 the
/// `lerp` and `addcmul` are fused multiply-adds (PyTorch's CPU kernels). See ``Optimizer``
/// for the precision contract.
///
/// ## Square roots
/// `v.sqrt()` here is IEEE `squareRoot()`, correctly rounded. PyTorch's FP32 CPU `sqrt` is
/// MKL's `vsSqrt` (high-accuracy mode), which is within one ULP but not always correctly
/// rounded: on the machine that recorded the test oracle (an AMD EPYC), about a fifth of
/// its results are one ULP above or below. So FP32 parameters can drift from PyTorch's by
/// about an ULP per step; they equal, bit for bit, PyTorch's update run with correctly
/// rounded roots. FP16 and BF16 roots are computed in FP32 by the hardware and rounded, in
/// both, and match exactly.
///
/// ## Pure FP16: epsilon vanishes
/// With FP16 parameters every op above rounds into FP16, and `denom.add(eps)` first converts
/// `eps` to FP16, where 1e-8 is below half the smallest subnormal (2^-24 ≈ 6e-8): it rounds
/// to **0**. So in pure-FP16 Adam `eps` does nothing, and wherever `v` underflows to zero
/// `denom` is 0 and the update is `m / 0`. On the first step `v = 0.001 g²` is zero in FP16
/// for |g| below about 0.0055: a gradient element of 0.004 sends its parameter to ∓infinity
/// (`m` = 0.0004 ≠ 0), and a zero gradient element sends it to NaN (`0 / 0`). BF16 has
/// FP32's exponent range, so there `eps` survives (as 1.0012e-8).
///
/// ## Edge cases
/// - A NaN gradient element makes `m`, `v` and the parameter element NaN, forever after.
/// - An infinite gradient element makes `m` ±infinity and `v` +infinity; the update is
///   `inf / inf`, so the parameter element becomes NaN.
/// - `lr` 0 leaves parameters unchanged (up to decoupled decay, which is then 1) but moves
///   the moments and the step count.
public struct Adam: Optimizer, Codable {
    /// The step size (`lr`). PyTorch's default is 0.001.
    public var learningRate: Float
    /// The decay rate of the first moment (`betas[0]`), in [0, 1).
    public var beta1: Double
    /// The decay rate of the second moment (`betas[1]`), in [0, 1).
    public var beta2: Double
    /// Added to the denominator (`eps`); see "Pure FP16" for what it becomes in FP16.
    public var epsilon: Double
    /// Weight decay: an L2 term added to the gradient, or the decoupled decay of AdamW.
    public var weightDecay: Double
    /// Whether weight decay is decoupled (`param *= 1 - lr × weightDecay`, AdamW) rather
    /// than added to the gradient.
    public var decoupledWeightDecay: Bool
    /// The number of steps taken: `t` of the last step.
    public private(set) var stepCount = 0
    /// The first moments `m` (`exp_avg`), in the parameters' formats; empty before the
    /// first step.
    public private(set) var firstMoments = NamedTensors()
    /// The second moments `v` (`exp_avg_sq`), in the parameters' formats; empty before the
    /// first step.
    public private(set) var secondMoments = NamedTensors()

    /// The first and second moments, once the first step created them (see
    /// ``Optimizer/stateBuffers``).
    public var stateBuffers: [NamedTensors] { stepCount == 0 ? [] : [firstMoments, secondMoments] }

    /// Whether this CPU runs the eight-lane FP32 loop: x86-64 with AVX2 and FMA.
    public static var isWideAvailable: Bool { AdamWide.available }

    /// An Adam optimizer with PyTorch's parameter names and defaults.
    ///
    /// - Precondition: `learningRate`, `epsilon` and `weightDecay` are ≥ 0 and both betas
    ///   are in [0, 1), the ranges for which PyTorch does not raise `ValueError`.
    public init(
        learningRate: Float = 0.001,
        betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8,
        weightDecay: Double = 0,
        decoupledWeightDecay: Bool = false
    ) {
        precondition(learningRate >= 0, "invalid learning rate \(learningRate)")
        precondition(epsilon >= 0, "invalid epsilon \(epsilon)")
        precondition((0..<1).contains(betas.0), "invalid beta1 \(betas.0)")
        precondition((0..<1).contains(betas.1), "invalid beta2 \(betas.1)")
        precondition(weightDecay >= 0, "invalid weight decay \(weightDecay)")
        self.learningRate = learningRate
        self.beta1 = betas.0
        self.beta2 = betas.1
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// One Adam step on every parameter (see the type's documentation); on the first step
    /// the moments are created as zeros in each parameter's format.
    ///
    /// - Precondition: see ``Optimizer/step(_:gradients:)``.
    public mutating func step(_ parameters: inout NamedTensors, gradients: NamedTensors) {
        step(&parameters, gradients: gradients, kernels: .automatic)
    }

    /// ``step(_:gradients:)`` with a choice of loops for FP32 parameters: the scalar loop
    /// (``BulkKernels/baseline``) or, on a CPU with AVX2 and FMA, an eight-lane one that
    /// gives the same bits (``BulkKernels/wide``, which then requires ``isWideAvailable``).
    /// For tests and benchmarks that compare the two.
    public mutating func step(_ parameters: inout NamedTensors, gradients: NamedTensors, kernels: BulkKernels) {
        precondition(kernels != .wide || Self.isWideAvailable, "the eight-lane Adam loop needs AVX2 and FMA")
        gradients.checkAligned(with: parameters, role: "gradient")
        if stepCount == 0 {
            firstMoments = parameters.zerosLike()
            secondMoments = parameters.zerosLike()
        }
        stepCount += 1
        let scalars = AdamScalars(self, wide: kernels != .baseline && Self.isWideAvailable)
        var m = firstMoments, v = secondMoments
        firstMoments = NamedTensors()   // keeps `m` and `v` uniquely referenced while written
        secondMoments = NamedTensors()
        for index in 0..<parameters.count {
            func run<Storage: StorageRounding>(_ storage: Storage) {
                scalars.update(storage, &parameters.tensors[index], gradients.tensors[index],
                               &m.tensors[index], &v.tensors[index])
            }
            switch parameters.tensors[index].format {
            case .fp32: run(FP32Storage())
            case .fp16: run(FP16Storage())
            case .bf16: run(BF16Storage())
            case let format: run(NarrowStorage(format: format))
            }
        }
        firstMoments = m
        secondMoments = v
    }
}

/// The scalars of one Adam step, computed once as PyTorch's Python code does.
private struct AdamScalars {
    let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double
    let decoupled: Bool
    let learningRate: Double
    let stepSize: Double
    let secondCorrectionRoot: Double
    /// Whether FP32 tensors take the eight-lane loop (``AdamWide``).
    let wide: Bool

    init(_ adam: Adam, wide: Bool) {
        self.wide = wide
        beta1 = adam.beta1
        beta2 = adam.beta2
        epsilon = adam.epsilon
        weightDecay = adam.weightDecay
        decoupled = adam.decoupledWeightDecay
        learningRate = Double(adam.learningRate)
        let step = Double(adam.stepCount)
        stepSize = learningRate / (1 - pow(beta1, step))
        secondCorrectionRoot = pow(1 - pow(beta2, step), 0.5)
    }

    func update<Storage: StorageRounding>(
        _ storage: Storage,
        _ parameter: inout Tensor,
        _ gradient: Tensor,
        _ m: inout Tensor,
        _ v: inout Tensor
    ) {
        let useDecay = weightDecay != 0, decoupled = self.decoupled
        let decayFactor = Float(1 - learningRate * weightDecay)
        let decayAlpha = storage.tensorScalar(weightDecay)
        let lerpWeight = Float(1 - beta1)
        let beta2 = Float(self.beta2)
        let squareWeight = Float(1 - self.beta2)
        let correction = Float(secondCorrectionRoot)
        let epsilon = storage.tensorScalar(self.epsilon)
        let negativeStep = Float(-stepSize)
        let count = parameter.count
        parameter.scalars.withUnsafeMutableBufferPointer { p in
            gradient.scalars.withUnsafeBufferPointer { g in
                m.scalars.withUnsafeMutableBufferPointer { m in
                    v.scalars.withUnsafeMutableBufferPointer { v in
                        let done = Storage.isFP32 && wide
                            ? AdamWide.update(p, g, m, v, useDecay: useDecay, decoupled: decoupled,
                                              decayFactor: decayFactor, decayAlpha: decayAlpha,
                                              lerpWeight: lerpWeight, beta2: beta2, squareWeight: squareWeight,
                                              correction: correction, epsilon: epsilon, negativeStep: negativeStep)
                            : 0
                        for i in done..<count {
                            var grad = g[i]
                            if useDecay {
                                if decoupled {
                                    p[i] = storage.mul(p[i], decayFactor)
                                } else {
                                    let tail = storage.isScalarTail(i, count: count)
                                    grad = storage.add(grad, p[i], alpha: decayAlpha, scalarTail: tail)
                                }
                            }
                            m[i] = storage.lerp(m[i], grad, weight: lerpWeight)
                            v[i] = storage.addcmul(storage.mul(v[i], beta2), grad, grad, value: squareWeight)
                            let root = storage.div(storage.sqrt(v[i]), correction)
                            let denominator = storage.addScalar(root, epsilon)
                            p[i] = storage.addcdiv(p[i], m[i], denominator, value: negativeStep)
                        }
                    }
                }
            }
        }
    }
}
