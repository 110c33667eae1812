/// Loss scaling by a fixed factor, with no inf/NaN check and no skipped steps.
///
/// ``unscale(_:)`` multiplies the gradients by `Float(1 / Double(scale))`, as ``GradScaler``
/// does, and ``step(_:parameters:gradients:)`` always steps the optimizer.
///
/// ## Why a static scale can poison the weights
/// If the scaled backward pass overflows (a gradient element beyond the format's range
/// becomes +infinity, and `inf − inf` becomes NaN), unscaling leaves infinity and NaN as they
/// are, and the optimizer applies them: an SGD step sends the parameter to ∓infinity, an Adam
/// step makes it NaN (`inf / inf`), and momentum keeps the damage in its buffers. Nothing
/// recovers from that. ``GradScaler`` exists because it checks and skips such steps and
/// lowers its scale instead.
///
/// Like ``GradScaler``, it unscales at most once per iteration (``step(_:parameters:gradients:)``
/// unscales unless ``unscale(_:)`` already did; ``update()`` ends the iteration), so a
/// training loop can use either scaler through ``LossScaler``. It never refuses FP16
/// gradients: there is no check to protect.
public struct StaticLossScaler: LossScaler, Codable {
    /// The fixed factor the loss is multiplied by.
    public let scale: Float
    /// Whether this iteration's gradients have been unscaled.
    public private(set) var hasUnscaled = false

    /// A scaler with a fixed `scale`.
    ///
    /// - Precondition: `scale` is finite and positive.
    public init(scale: Float) {
        precondition(scale.isFinite && scale > 0, "a static loss scale must be finite and positive, not \(scale)")
        self.scale = scale
    }

    /// Multiplies every gradient by `Float(1 / Double(scale))` in place, rounding into each
    /// gradient's format (FP16 included). ±infinity and NaN stay as they are.
    ///
    /// - Throws: ``LossScalingError/alreadyUnscaled`` if this iteration already unscaled
    ///   (the gradients are then unchanged).
    public mutating func unscale(_ gradients: inout NamedTensors) throws {
        if hasUnscaled { throw LossScalingError.alreadyUnscaled }
        _ = unscaleAndCheck(&gradients, inverseScale: reciprocalOfScale(scale))
        hasUnscaled = true
    }

    /// Unscales the gradients unless ``unscale(_:)`` already did, then steps `optimizer`,
    /// whatever the gradients hold.
    ///
    /// - Returns: Always `true`.
    public mutating func step(
        _ optimizer: inout some Optimizer,
        parameters: inout NamedTensors,
        gradients: inout NamedTensors
    ) -> Bool {
        if !hasUnscaled {
            _ = unscaleAndCheck(&gradients, inverseScale: reciprocalOfScale(scale))
            hasUnscaled = true
        }
        optimizer.step(&parameters, gradients: gradients)
        return true
    }

    /// Ends the iteration (the scale stays fixed).
    public mutating func update() {
        hasUnscaled = false
    }
}
