import Precision

/// How a ``Trainer`` limits the gradient before the optimizer step.
///
/// The adaptive cases carry their clipper's state (its history of norms), which the
/// trainer updates every iteration and saves in its checkpoints.
public enum GradientClip: Equatable, Sendable, Codable {
    /// No clipping (the norm is still measured and recorded).
    case none
    /// PyTorch's `clip_grad_norm_(max_norm)`, L2 norm.
    case norm(Float)
    /// PyTorch's `clip_grad_value_(clip_value)`.
    case value(Float)
    /// By norm, at mean + k·std of a window of recent norms (``WindowClipper``).
    case window(WindowClipper)
    /// By norm, at a percentile of every norm so far (``AutoClipper``).
    case autoClip(AutoClipper)
    /// By norm, when the norm's z-score against its running statistics is too high (``ZClipper``).
    case zClip(ZClipper)
    /// Unit by unit, relative to the parameters' norms (AGC, ``UnitwiseClipper``).
    case unitwise(UnitwiseClipper)
}

/// Which loss scaler a ``Trainer`` uses.
public enum LossScaling: Sendable, Codable {
    /// No scaling.
    case none
    /// A fixed scale; never skips a step.
    case fixed(StaticLossScaler)
    /// PyTorch's dynamic `GradScaler`.
    case dynamic(GradScaler)

    var scale: Float {
        switch self {
        case .none: 1
        case .fixed(let scaler): scaler.scale
        case .dynamic(let scaler): scaler.scale
        }
    }
}

/// One mixed-precision training loop for every ``PrecisionPolicy``, in PyTorch's order:
/// scale the loss → backward → unscale → clip → step (or skip) → update the scale.
///
/// The order is the API: ``step(microBatches:_:)`` does all of it, so gradients are always
/// unscaled before they are clipped or measured.
///
/// ```swift
/// var trainer = Trainer(parameters: model.parameters, policy: .autocast(.fp16),
///                       optimizer: AdamW(learningRate: 1e-3), lossScaling: .dynamic(GradScaler()),
///                       clipping: .norm(1))
/// let record = try trainer.step { tape in model.loss(batch, on: &tape) }
/// ```
///
/// ## Policies
/// - `fp32`, `autocast`, `scaled`: the optimizer updates ``parameters`` (FP32) directly;
///   under a `scaled` recipe with delayed scaling the trainer also keeps the amax histories
///   (``scalingHistories``).
/// - `masterWeights`: ``parameters`` are the low-precision model; the optimizer updates
///   ``master`` (FP32), from gradients copied into FP32 (exactly), and the model is rounded
///   from it after every step.
/// - `pure`: the optimizer updates the low-precision parameters, its state in the same
///   format. PyTorch's `GradScaler` refuses FP16 gradients; the trainer lets it unscale them,
///   to show what happens.
///
/// ## Schedules and skipped steps
/// With a schedule, iteration `n` uses `schedule.learningRate(at: n)` whether or not earlier
/// steps were skipped, as PyTorch's usual loop (`scheduler.step()` every iteration) does: a
/// skipped step is lost, and the schedule moves on.
///
/// A trainer is a value: copying it saves its parameters, optimizer state, scaler state
/// and records, and the copy continues bit for bit like the original. To save one to disk,
/// ``checkpoint()`` encodes all of that (see ``init(checkpoint:)``).
public struct Trainer<Optimization: Optimizer & Codable>: Sendable, Codable {
    /// The model's parameters, in the policy's parameter format.
    public private(set) var parameters: NamedTensors
    /// The FP32 master copy under `masterWeights`, nil otherwise.
    public private(set) var master: NamedTensors?
    /// The optimizer and its state.
    public private(set) var optimizer: Optimization
    /// The loss scaler and its state.
    public private(set) var lossScaling: LossScaling
    /// The precision policy.
    public let policy: PrecisionPolicy
    /// The clipping rule, with the state of an adaptive clipper.
    public private(set) var clipping: GradientClip
    /// The learning-rate schedule; nil keeps the optimizer's rate.
    public let schedule: WarmupCosine?
    /// One record per iteration so far.
    public private(set) var records: [StepRecord] = []
    /// Whether each step's tapes record ``ForwardStatistics`` into its ``StepRecord``
    /// (``StepRecord/forwardStatistics``) for the monitor. Off by default: it costs a pass
    /// over every attention matrix and over the output logits.
    public var recordsForwardStatistics: Bool {
        get { forwardStatistics ?? false }
        set { forwardStatistics = newValue ? true : nil }
    }
    /// ``recordsForwardStatistics``, stored as nil when off so that a trainer without it
    /// encodes the same checkpoint bytes as before the option existed, and those decode.
    private var forwardStatistics: Bool?
    /// The amax histories of delayed scaling under a ``PrecisionPolicy/scaled(_:)`` recipe
    /// that uses it (``TensorScaling/delayed(historyLength:algorithm:)``): each step's tapes
    /// quantise with their scales, and the step then records the amaxes the tapes noted
    /// (``Tape/amaxes``), the largest over its micro-batches, whether or not the optimizer
    /// stepped. Empty under every other policy.
    public var scalingHistories: ScalingHistories { amaxHistories ?? ScalingHistories() }
    /// ``scalingHistories``, stored as nil while empty so that a trainer without delayed
    /// scaling encodes the same checkpoint bytes as before it existed.
    private var amaxHistories: ScalingHistories?

    /// A trainer starting from `parameters` (any format: they are rounded into the policy's
    /// parameter format; the master copy keeps them in FP32).
    public init(parameters: NamedTensors, policy: PrecisionPolicy, optimizer: Optimization,
                lossScaling: LossScaling = .none, clipping: GradientClip = .none, schedule: WarmupCosine? = nil,
                recordsForwardStatistics: Bool = false) {
        let full = parameters.map { $0.rounded(to: .fp32) }
        self.parameters = full.map { $0.rounded(to: policy.parameterFormat) }
        master = policy.hasMasterCopy ? full : nil
        self.optimizer = optimizer
        self.lossScaling = lossScaling
        self.policy = policy
        self.clipping = clipping
        self.schedule = schedule
        self.recordsForwardStatistics = recordsForwardStatistics
        if case .pure = policy, case .dynamic(var scaler) = lossScaling {
            scaler.allowsFP16Gradients = true
            self.lossScaling = .dynamic(scaler)
        }
    }

    /// One iteration on one batch: `loss` records the model's loss on the tape it is given.
    @discardableResult
    public mutating func step(_ loss: (inout Tape) -> Variable) throws -> StepRecord {
        try step(microBatches: 1) { tape, _ in loss(&tape) }
    }

    /// One iteration accumulating gradients over `microBatches` micro-batches: `loss(tape, i)`
    /// records micro-batch `i`'s loss. Each loss is divided by `microBatches` (as
    /// `(loss / n).backward()` would), so the gradient is that of the mean.
    @discardableResult
    public mutating func step(microBatches: Int, _ loss: (inout Tape, Int) -> Variable) throws -> StepRecord {
        precondition(microBatches > 0, "at least one micro-batch")
        let iteration = records.count
        if let schedule { optimizer.learningRate = schedule.learningRate(at: iteration) }
        let scale = lossScaling.scale
        let seed = Float(Double(scale) / Double(microBatches))
        var gradients: NamedTensors?
        var lossTotal = 0.0
        var origin: NonFiniteOrigin?
        var statistics: [ForwardStatistics] = []
        var amaxes: [ScalingSite: Float] = [:]
        for index in 0..<microBatches {
            var tape = Tape(parameters: parameters, policy: policy, scalingHistories: scalingHistories)
            tape.recordsStatistics = recordsForwardStatistics
            let value = loss(&tape, index)
            lossTotal += Double(tape.value(value).scalar)
            let micro = tape.backward(from: value, seed: seed).parameters
            origin = origin ?? tape.firstNonFinite
            statistics.append(tape.statistics)
            amaxes.merge(tape.amaxes, uniquingKeysWith: max)
            gradients = gradients.map { Self.accumulate($0, micro) } ?? micro
        }
        recordAmaxes(amaxes)
        var grads = gradients!
        if master != nil { grads = grads.map { $0.rounded(to: .fp32) } }
        try unscale(&grads)
        let tensorNorms = GradientClipping.tensorNorms(grads)
        let (norm, clipped) = try clip(&grads, tensorNorms: tensorNorms)
        let before = master ?? parameters
        let stepped = try applyStep(&grads)
        let after = master ?? parameters
        let record = StepRecord(step: iteration, loss: Float(lossTotal / Double(microBatches)), gradientNorm: norm,
                                clipped: clipped, skipped: !stepped, scale: scale,
                                learningRate: optimizer.learningRate,
                                updateRatio: stepped ? Self.updateRatio(before.tensors, after.tensors) : 0,
                                tensorGradientNorms: tensorNorms,
                                tensorUpdateRatios: zip(before.tensors, after.tensors).map {
                                    stepped ? Self.updateRatio([$0], [$1]) : 0
                                },
                                firstNonFinite: origin, forwardStatistics: ForwardStatistics(combining: statistics))
        records.append(record)
        return record
    }

    /// Records the amaxes of one step's tapes in ``scalingHistories`` (nothing to record
    /// without delayed scaling).
    private mutating func recordAmaxes(_ amaxes: [ScalingSite: Float]) {
        guard case .scaled(let recipe) = policy, !amaxes.isEmpty else { return }
        var histories = scalingHistories
        histories.record(amaxes, recipe: recipe)
        amaxHistories = histories
    }

    private mutating func unscale(_ gradients: inout NamedTensors) throws {
        switch lossScaling {
        case .none: break
        case .fixed(var scaler):
            try scaler.unscale(&gradients)
            lossScaling = .fixed(scaler)
        case .dynamic(var scaler):
            try scaler.unscale(&gradients)
            lossScaling = .dynamic(scaler)
        }
    }

    private mutating func clip(_ gradients: inout NamedTensors, tensorNorms: [Float]) throws -> (norm: Float, clipped: Bool) {
        func adaptive(_ clipper: inout some AdaptiveClipper) -> (norm: Float, clipped: Bool) {
            let outcome = clipper.clip(&gradients, parameters: master ?? parameters)
            return (outcome.totalNorm, outcome.clipped)
        }
        switch clipping {
        case .none:
            return (GradientClipping.totalNorm(gradients, tensorNorms: tensorNorms), false)
        case .norm(let maxNorm):
            let total = try GradientClipping.clipGradientNorm(&gradients, maxNorm: maxNorm)
            return (total, !(total <= maxNorm))
        case .value(let bound):
            let total = GradientClipping.totalNorm(gradients, tensorNorms: tensorNorms)
            let clipped = gradients.tensors.contains { $0.scalars.contains { !($0.magnitude <= bound) } }
            GradientClipping.clipGradientValue(&gradients, clipValue: bound)
            return (total, clipped)
        case .window(var clipper):
            defer { clipping = .window(clipper) }
            return adaptive(&clipper)
        case .autoClip(var clipper):
            defer { clipping = .autoClip(clipper) }
            return adaptive(&clipper)
        case .zClip(var clipper):
            defer { clipping = .zClip(clipper) }
            return adaptive(&clipper)
        case .unitwise(var clipper):
            defer { clipping = .unitwise(clipper) }
            return adaptive(&clipper)
        }
    }

    /// Steps the optimizer (unless the scaler skips), updates the scale, and re-rounds the
    /// model from the master copy. Returns whether the optimizer stepped.
    private mutating func applyStep(_ gradients: inout NamedTensors) throws -> Bool {
        var target = master ?? parameters
        let stepped: Bool
        switch lossScaling {
        case .none:
            optimizer.step(&target, gradients: gradients)
            stepped = true
        case .fixed(var scaler):
            stepped = scaler.step(&optimizer, parameters: &target, gradients: &gradients)
            scaler.update()
            lossScaling = .fixed(scaler)
        case .dynamic(var scaler):
            stepped = try scaler.step(&optimizer, parameters: &target, gradients: &gradients)
            try scaler.update()
            lossScaling = .dynamic(scaler)
        }
        if master != nil {
            master = target
            parameters = target.map { $0.rounded(to: policy.parameterFormat) }
        } else {
            parameters = target
        }
        return stepped
    }

    /// Gradients of two micro-batches added in each gradient's format (as `.grad` accumulates).
    static func accumulate(_ a: NamedTensors, _ b: NamedTensors) -> NamedTensors {
        var sum = a
        for index in 0..<a.count {
            var tensor = a.tensors[index]
            for i in 0..<tensor.count { tensor.scalars[i] += b.tensors[index].scalars[i] }
            sum.tensors[index] = tensor.rounded(to: tensor.format)
        }
        return sum
    }

    /// ‖after − before‖ / ‖before‖ over every tensor, accumulated in `Double`.
    static func updateRatio(_ before: [Tensor], _ after: [Tensor]) -> Float {
        var change = 0.0, size = 0.0
        for (old, new) in zip(before, after) {
            for (x, y) in zip(old.scalars, new.scalars) {
                let d = Double(y) - Double(x)
                change += d * d
                size += Double(x) * Double(x)
            }
        }
        return Float((change / size).squareRoot())
    }
}
