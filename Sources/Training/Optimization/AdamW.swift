/// AdamW: Adam with decoupled weight decay, `torch.optim.AdamW` with `foreach=False`.
///
/// Each step first shrinks every parameter, `p = p.mul(1 - lr × weightDecay)` (the factor
/// computed in `Double` and applied as `Float`), then runs ``Adam``'s update without adding
/// the decay to the gradient, so the decay is not divided by `√v`. PyTorch's default
/// `weightDecay` is 0.01, Adam's is 0. Everything else, including the FP16 `eps` pitfall
/// and the NaN/infinity behaviour, is ``Adam``'s.
///
/// ## Edge cases
/// - A weight decay with `lr × weightDecay > 1` flips the parameters' signs every step, and
///   exactly 1 zeroes them before the Adam update; PyTorch does the same.
/// - A parameter at ±infinity stays there (`inf × factor`); a NaN parameter stays NaN.
public struct AdamW: Optimizer, Codable {
    private var adam: Adam

    /// An AdamW optimizer with PyTorch's parameter names and defaults.
    ///
    /// - Precondition: the ranges of ``Adam/init(learningRate:betas:epsilon:weightDecay:decoupledWeightDecay:)``.
    public init(
        learningRate: Float = 0.001,
        betas: (Double, Double) = (0.9, 0.999),
        epsilon: Double = 1e-8,
        weightDecay: Double = 0.01
    ) {
        adam = Adam(learningRate: learningRate, betas: betas, epsilon: epsilon,
                    weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    /// The step size (`lr`). PyTorch's default is 0.001.
    public var learningRate: Float {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    /// The decay rate of the first moment (`betas[0]`), in [0, 1).
    public var beta1: Double {
        get { adam.beta1 }
        set { adam.beta1 = newValue }
    }

    /// The decay rate of the second moment (`betas[1]`), in [0, 1).
    public var beta2: Double {
        get { adam.beta2 }
        set { adam.beta2 = newValue }
    }

    /// Added to the denominator (`eps`); it rounds to 0 for FP16 parameters (see ``Adam``).
    public var epsilon: Double {
        get { adam.epsilon }
        set { adam.epsilon = newValue }
    }

    /// The decoupled weight decay (PyTorch's default 0.01).
    public var weightDecay: Double {
        get { adam.weightDecay }
        set { adam.weightDecay = newValue }
    }

    /// The number of steps taken.
    public var stepCount: Int { adam.stepCount }

    /// The first moments (`exp_avg`); empty before the first step.
    public var firstMoments: NamedTensors { adam.firstMoments }

    /// The second moments (`exp_avg_sq`); empty before the first step.
    public var secondMoments: NamedTensors { adam.secondMoments }

    /// The first and second moments (see ``Optimizer/stateBuffers``).
    public var stateBuffers: [NamedTensors] { adam.stateBuffers }

    /// One AdamW step: decay, then Adam's update (see ``Adam/step(_:gradients:)``).
    public mutating func step(_ parameters: inout NamedTensors, gradients: NamedTensors) {
        adam.step(&parameters, gradients: gradients)
    }
}
