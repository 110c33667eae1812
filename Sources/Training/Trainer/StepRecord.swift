/// What one optimizer iteration of a ``Trainer`` did, for plots and monitors.
public struct StepRecord: Equatable, Sendable, Codable {
    /// The iteration, from 0. Skipped iterations count: this is the schedule's step.
    public var step: Int
    /// The mean loss over the micro-batches, unscaled, as the forward pass stored it.
    public var loss: Float
    /// The total gradient norm before clipping, after unscaling: what PyTorch's
    /// `clip_grad_norm_` returns and trainers log as `grad_norm`. Infinite or NaN when a
    /// gradient was.
    public var gradientNorm: Float
    /// Whether clipping scaled the gradients down (the coefficient was below 1, or the norm
    /// was not finite).
    public var clipped: Bool
    /// Whether the loss scaler skipped the optimizer step because a gradient was not finite.
    public var skipped: Bool
    /// The loss scale this iteration used (1 without a scaler).
    public var scale: Float
    /// The learning rate this iteration used.
    public var learningRate: Float
    /// ‖Δθ‖ / ‖θ‖ over every parameter the optimizer updates (0 when skipped).
    public var updateRatio: Float
    /// Each parameter's gradient 2-norm before clipping, after unscaling, in the order of the
    /// trainer's parameter names (the per-tensor norms whose norm is ``gradientNorm``).
    public var tensorGradientNorms: [Float]
    /// Each parameter's ‖Δθ‖ / ‖θ‖, in the order of the trainer's parameter names (all 0 when
    /// skipped; NaN for a parameter that was all zeros and stayed so).
    public var tensorUpdateRatios: [Float]
    /// Where the first non-finite value of the forward or backward pass appeared, if any.
    public var firstNonFinite: NonFiniteOrigin?
    /// What the forward pass measured for the monitor (attention logits and entropies per
    /// layer, the output logits' mean `log Z`), over the step's micro-batches; nil unless the
    /// trainer records them (``Trainer/recordsForwardStatistics``). Records written before
    /// the field existed decode with nil.
    public var forwardStatistics: ForwardStatistics?

    /// A record with the given fields (for monitors fed by a loop of one's own).
    public init(step: Int, loss: Float, gradientNorm: Float, clipped: Bool = false, skipped: Bool = false,
                scale: Float = 1, learningRate: Float, updateRatio: Float,
                tensorGradientNorms: [Float] = [], tensorUpdateRatios: [Float] = [],
                firstNonFinite: NonFiniteOrigin? = nil, forwardStatistics: ForwardStatistics? = nil) {
        self.step = step
        self.loss = loss
        self.gradientNorm = gradientNorm
        self.clipped = clipped
        self.skipped = skipped
        self.scale = scale
        self.learningRate = learningRate
        self.updateRatio = updateRatio
        self.tensorGradientNorms = tensorGradientNorms
        self.tensorUpdateRatios = tensorUpdateRatios
        self.firstNonFinite = firstNonFinite
        self.forwardStatistics = forwardStatistics
    }

    /// Whether the loss and the gradient norm were both finite.
    public var isFinite: Bool { loss.isFinite && gradientNorm.isFinite }
}
