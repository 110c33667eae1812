import Precision

/// Dynamic loss scaling with the exact semantics of `torch.amp.GradScaler` (one optimizer).
///
/// The scale starts high (2^16). Each iteration, ``unscale(_:)`` (or ``step(_:parameters:gradients:)``,
/// which unscales if needed) multiplies the gradients by `Float(1 / Double(scale))` and
/// records whether any gradient element was ±infinity or NaN. ``step(_:parameters:gradients:)``
/// skips the optimizer step when one was (the optimizer's ``Optimizer/stepCount`` does not
/// advance, parameters and optimizer state are untouched). ``update()`` then runs PyTorch's
/// `_amp_update_scale_`:
///
/// ```text
/// found inf/NaN:  scale = Float(Double(scale) × backoffFactor);  growthTracker = 0
/// otherwise:      growthTracker += 1
///                 if growthTracker == growthInterval:
///                     grown = Float(Double(scale) × growthFactor)
///                     if grown is finite { scale = grown }       (never grows to infinity)
///                     growthTracker = 0
/// ```
///
/// ## Order of calls
/// Per iteration: `scaled(loss)` → backward → optionally `unscale` (to clip or inspect true
/// gradients) → `step` → `update`. As in PyTorch, these throw ``LossScalingError``:
/// unscaling twice before ``update()``, unscaling after `step`, stepping twice, and updating
/// before any unscale or step.
///
/// ## FP16 gradients
/// PyTorch refuses to unscale FP16 gradients (`ValueError: Attempting to unscale FP16
/// gradients`): the unscaled values would be rounded back into FP16, where the small ones
/// the scale was protecting flush to zero again. This scaler does the same by default
/// (throws before touching any gradient); set ``allowsFP16Gradients`` to unscale them
/// anyway, in FP16 (PyTorch's internal `allow_fp16=True`, used by its sharded scaler), to
/// study pure-FP16 training. BF16 gradients are always allowed, as in PyTorch.
///
/// ## Disabled
/// With `enabled: false` the scale is 1, ``scaled(_:)`` returns the loss unchanged,
/// ``unscale(_:)`` and ``update()`` do nothing, and ``step(_:parameters:gradients:)``
/// always steps.
public struct GradScaler: LossScaler, Codable {
    /// The scaler's state as `state_dict()` holds it: enough to resume training.
    public struct State: Hashable, Sendable, Codable {
        /// The current scale.
        public var scale: Float
        /// Consecutive successful steps since the last growth or backoff.
        public var growthTracker: Int
        /// The factor the scale grows by after `growthInterval` successful steps (> 1).
        public var growthFactor: Double
        /// The factor the scale shrinks by after a step with infinities or NaNs (< 1).
        public var backoffFactor: Double
        /// Successful steps between growths.
        public var growthInterval: Int

        /// A state with the given values (PyTorch's defaults are 2^16, 0, 2, 0.5, 2000).
        public init(scale: Float, growthTracker: Int, growthFactor: Double,
                    backoffFactor: Double, growthInterval: Int) {
            self.scale = scale
            self.growthTracker = growthTracker
            self.growthFactor = growthFactor
            self.backoffFactor = backoffFactor
            self.growthInterval = growthInterval
        }
    }

    private enum Stage: Hashable, Sendable, Codable { case ready, unscaled, stepped }

    private var current: State
    private var stage = Stage.ready
    /// Whether the last unscale of this iteration found ±infinity or NaN; `nil` before it.
    public private(set) var foundNonFinite: Bool?
    /// Whether scaling is on (PyTorch's `enabled`).
    public let isEnabled: Bool
    /// Whether ``unscale(_:)`` accepts FP16 gradients (PyTorch: no). See "FP16 gradients".
    public var allowsFP16Gradients = false

    /// A scaler with PyTorch's parameters and defaults.
    ///
    /// - Precondition: `growthFactor > 1`, `backoffFactor < 1`, `growthInterval > 0`, as
    ///   PyTorch asserts.
    public init(
        initialScale: Float = 65536,
        growthFactor: Double = 2,
        backoffFactor: Double = 0.5,
        growthInterval: Int = 2000,
        enabled: Bool = true
    ) {
        precondition(growthFactor > 1, "The growth factor must be > 1.0.")
        precondition(backoffFactor < 1, "The backoff factor must be < 1.0.")
        precondition(growthInterval > 0, "The growth interval must be positive.")
        current = State(scale: initialScale, growthTracker: 0, growthFactor: growthFactor,
                        backoffFactor: backoffFactor, growthInterval: growthInterval)
        isEnabled = enabled
    }

    /// The current scale (1 when disabled).
    public var scale: Float { isEnabled ? current.scale : 1 }

    /// Consecutive successful steps since the last growth or backoff.
    public var growthTracker: Int { current.growthTracker }

    /// The scale, tracker and factors; setting it restores a saved state
    /// (`load_state_dict`). Read it after ``update()``.
    public var state: State {
        get { current }
        set { current = newValue }
    }

    /// `loss × scale` (see ``LossScaler/scaled(_:)``); the loss itself when disabled.
    public func scaled(_ loss: Tensor) -> Tensor {
        isEnabled ? scaledLoss(loss, by: current.scale) : loss
    }

    /// Multiplies the gradients by `Float(1 / Double(scale))` in place (rounding into each
    /// gradient's format) and records whether any element was ±infinity or NaN. Every
    /// gradient is unscaled even when one is not finite, as in PyTorch.
    ///
    /// - Throws: ``LossScalingError`` if this iteration already unscaled or stepped, or if a
    ///   gradient is FP16 and ``allowsFP16Gradients`` is false; the gradients are then
    ///   unchanged.
    public mutating func unscale(_ gradients: inout NamedTensors) throws {
        guard isEnabled else { return }
        switch stage {
        case .unscaled: throw LossScalingError.alreadyUnscaled
        case .stepped: throw LossScalingError.unscaleAfterStep
        case .ready: break
        }
        if !allowsFP16Gradients, let index = gradients.tensors.firstIndex(where: { $0.format == .fp16 }) {
            throw LossScalingError.fp16Gradients(gradients.names[index])
        }
        foundNonFinite = unscaleAndCheck(&gradients, inverseScale: reciprocalOfScale(current.scale))
        stage = .unscaled
    }

    /// Unscales the gradients unless ``unscale(_:)`` already did, then steps `optimizer`
    /// with them unless an element was ±infinity or NaN.
    ///
    /// - Returns: Whether the optimizer stepped. A skipped step leaves `parameters` and
    ///   `optimizer` (including its ``Optimizer/stepCount``) unchanged; `gradients` are
    ///   unscaled either way.
    /// - Throws: ``LossScalingError`` if this iteration already stepped, or what
    ///   ``unscale(_:)`` throws.
    public mutating func step(
        _ optimizer: inout some Optimizer,
        parameters: inout NamedTensors,
        gradients: inout NamedTensors
    ) throws -> Bool {
        guard isEnabled else {
            optimizer.step(&parameters, gradients: gradients)
            return true
        }
        if stage == .stepped { throw LossScalingError.alreadyStepped }
        if stage == .ready { try unscale(&gradients) }
        stage = .stepped
        guard foundNonFinite == false else { return false }
        optimizer.step(&parameters, gradients: gradients)
        return true
    }

    /// Adapts the scale from this iteration's check (see the type's documentation) and
    /// starts the next iteration.
    ///
    /// - Throws: ``LossScalingError/updateWithoutCheck`` if neither ``unscale(_:)`` nor
    ///   ``step(_:parameters:gradients:)`` ran since the last update.
    public mutating func update() throws {
        guard isEnabled else { return }
        guard let foundNonFinite else { throw LossScalingError.updateWithoutCheck }
        if foundNonFinite {
            current.scale = Float(Double(current.scale) * current.backoffFactor)
            current.growthTracker = 0
        } else {
            let successful = current.growthTracker + 1
            if successful == current.growthInterval {
                let grown = Float(Double(current.scale) * current.growthFactor)
                if grown.isFinite { current.scale = grown }
                current.growthTracker = 0
            } else {
                current.growthTracker = successful
            }
        }
        self.foundNonFinite = nil
        stage = .ready
    }
}
