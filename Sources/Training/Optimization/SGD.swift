import Precision

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and
/// (L2) weight decay: `torch.optim.SGD` with `foreach=False`.
///
/// For each parameter `p` with gradient `g`, one ``step(_:gradients:)`` runs PyTorch's ops in
/// PyTorch's order:
///
/// ```text
/// if weightDecay != 0:  g = g.add(p, alpha: weightDecay)
/// if momentum != 0:
///     first step:       buf = g                      (a copy; no dampening)
///     later:            buf = buf.mul(momentum).add(g, alpha: 1 - dampening)
///     g = nesterov ? g.add(buf, alpha: momentum) : buf
/// p = p.add(g, alpha: -learningRate)
/// ```
///
/// In FP32 every `add(_, alpha:)` is one fused multiply-add. For FP16/BF16 parameters each
/// op rounds into the format, and `alpha` itself is rounded into the format first: an FP16
/// parameter with `learningRate` 0.001 moves by `g × 0.0010004` (the FP16 value nearest
/// 0.001). PyTorch's vectorised loop fuses `p + alpha × g` before that one rounding, but its
/// scalar loop over each tensor's last `count % 32` elements rounds `alpha × g` first, so
/// those elements are rounded twice; this is reproduced. See ``Optimizer`` for the
/// precision contract.
///
/// ## Edge cases
/// - A NaN gradient element makes its parameter element NaN, and with momentum stays in the
///   buffer forever (`NaN × momentum` is NaN).
/// - An infinite gradient element makes its parameter element ∓infinity (or NaN if the
///   parameter was already the opposite infinity); with momentum the buffer holds the
///   infinity, so later steps keep pushing that element to infinity.
/// - With `learningRate` 0 parameters do not move, but buffers are still updated.
public struct SGD: Optimizer, Codable {
    /// The step size (`lr`). PyTorch's default is 0.001.
    public var learningRate: Float
    /// The momentum factor (0 disables momentum and its buffer).
    public var momentum: Double
    /// Dampening of the gradient's contribution to the momentum buffer after the first step.
    public var dampening: Double
    /// L2 penalty added to the gradient (`g + weightDecay × p`), not decoupled.
    public var weightDecay: Double
    /// Whether to use Nesterov momentum (requires `momentum > 0` and `dampening == 0`).
    public var nesterov: Bool
    /// The number of steps taken.
    public private(set) var stepCount = 0
    /// The momentum buffers, in the parameters' formats; `nil` until the first step with
    /// nonzero momentum.
    public private(set) var momentumBuffers: NamedTensors?

    /// The momentum buffers, if any (see ``Optimizer/stateBuffers``).
    public var stateBuffers: [NamedTensors] { momentumBuffers.map { [$0] } ?? [] }

    /// An SGD optimizer with PyTorch's parameter names and defaults.
    ///
    /// - Precondition: `learningRate`, `momentum` and `weightDecay` are ≥ 0 (and not NaN);
    ///   `nesterov` requires `momentum > 0` and `dampening == 0`. PyTorch raises a
    ///   `ValueError` for the same inputs.
    public init(
        learningRate: Float = 0.001,
        momentum: Double = 0,
        dampening: Double = 0,
        weightDecay: Double = 0,
        nesterov: Bool = false
    ) {
        precondition(learningRate >= 0, "invalid learning rate \(learningRate)")
        precondition(momentum >= 0, "invalid momentum \(momentum)")
        precondition(weightDecay >= 0, "invalid weight decay \(weightDecay)")
        precondition(!nesterov || (momentum > 0 && dampening == 0),
                     "Nesterov momentum requires a momentum and zero dampening")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// One SGD step on every parameter (see the type's documentation); the first step with
    /// momentum creates the buffers as copies of the (decayed) gradients.
    ///
    /// - Precondition: see ``Optimizer/step(_:gradients:)``.
    public mutating func step(_ parameters: inout NamedTensors, gradients: NamedTensors) {
        gradients.checkAligned(with: parameters, role: "gradient")
        // Without momentum the buffers are neither used nor touched (PyTorch keeps them too).
        var buffers = NamedTensors()
        let firstMomentumStep = momentum != 0 && momentumBuffers == nil
        if momentum != 0 {
            buffers = momentumBuffers ?? parameters.zerosLike()
            momentumBuffers = nil  // keeps `buffers` uniquely referenced while it is written
        }
        for index in 0..<parameters.count {
            func run<Storage: StorageRounding>(_ storage: Storage) {
                update(storage, &parameters.tensors[index], gradients.tensors[index], &buffers, index,
                       firstMomentumStep)
            }
            switch parameters.tensors[index].format {
            case .fp32: run(FP32Storage())
            case .fp16: run(FP16Storage())
            case .bf16: run(BF16Storage())
            case let format: run(NarrowStorage(format: format))
            }
        }
        if momentum != 0 { momentumBuffers = buffers }
        stepCount += 1
    }

    private func update<Storage: StorageRounding>(
        _ storage: Storage,
        _ parameter: inout Tensor,
        _ gradient: Tensor,
        _ buffers: inout NamedTensors,
        _ index: Int,
        _ firstMomentumStep: Bool
    ) {
        let decay = storage.tensorScalar(weightDecay)
        let momentumFactor = Float(momentum)
        let momentumAlpha = storage.tensorScalar(momentum)
        let dampingAlpha = storage.tensorScalar(1 - dampening)
        let stepAlpha = storage.tensorScalar(-Double(learningRate))
        let useDecay = weightDecay != 0, useMomentum = momentum != 0, useNesterov = nesterov
        let count = parameter.count
        parameter.scalars.withUnsafeMutableBufferPointer { p in
            gradient.scalars.withUnsafeBufferPointer { g in
                withMomentumBuffer(&buffers, index, enabled: useMomentum) { buffer in
                    for i in 0..<count {
                        let tail = storage.isScalarTail(i, count: count)
                        var direction = g[i]
                        if useDecay { direction = storage.add(direction, p[i], alpha: decay, scalarTail: tail) }
                        if useMomentum {
                            if firstMomentumStep {
                                buffer[i] = direction
                            } else {
                                let kept = storage.mul(buffer[i], momentumFactor)
                                buffer[i] = storage.add(kept, direction, alpha: dampingAlpha, scalarTail: tail)
                            }
                            direction = useNesterov
                                ? storage.add(direction, buffer[i], alpha: momentumAlpha, scalarTail: tail)
                                : buffer[i]
                        }
                        p[i] = storage.add(p[i], direction, alpha: stepAlpha, scalarTail: tail)
                    }
                }
            }
        }
    }

    /// Runs `body` with the momentum buffer of tensor `index`, or an empty buffer when
    /// momentum is off.
    private func withMomentumBuffer(
        _ buffers: inout NamedTensors, _ index: Int, enabled: Bool,
        _ body: (UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        if enabled {
            buffers.tensors[index].scalars.withUnsafeMutableBufferPointer { body($0) }
        } else {
            body(UnsafeMutableBufferPointer(start: nil, count: 0))
        }
    }
}
