/// A loss scaler used out of order, or asked to unscale FP16 gradients.
///
/// Compare with the static members (`error == .alreadyUnscaled`), or print it:
/// ``description`` says what happened and what to do instead. The messages follow
/// PyTorch's `GradScaler` errors.
public struct LossScalingError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Reason: Hashable, Sendable {
        case alreadyUnscaled
        case unscaleAfterStep
        case alreadyStepped
        case updateWithoutCheck
        case fp16Gradients(String)
    }

    let reason: Reason

    init(_ reason: Reason) {
        self.reason = reason
    }

    /// ``GradScaler/unscale(_:)`` was called twice in one iteration (the gradients would be
    /// divided by the scale twice).
    public static let alreadyUnscaled = LossScalingError(.alreadyUnscaled)

    /// ``GradScaler/unscale(_:)`` was called after ``GradScaler/step(_:parameters:gradients:)``
    /// in the same iteration.
    public static let unscaleAfterStep = LossScalingError(.unscaleAfterStep)

    /// ``GradScaler/step(_:parameters:gradients:)`` was called twice in one iteration.
    public static let alreadyStepped = LossScalingError(.alreadyStepped)

    /// ``GradScaler/update()`` was called with no unscale or step since the last update,
    /// so there is no inf/NaN check to update the scale from.
    public static let updateWithoutCheck = LossScalingError(.updateWithoutCheck)

    /// The gradient called `name` is FP16, which ``GradScaler`` refuses to unscale unless
    /// ``GradScaler/allowsFP16Gradients`` is set.
    public static func fp16Gradients(_ name: String) -> LossScalingError {
        LossScalingError(.fp16Gradients(name))
    }

    /// What went wrong and how to call the scaler instead.
    public var description: String {
        switch reason {
        case .alreadyUnscaled:
            "unscale() has already been called since the last update(); call update() to end the iteration first"
        case .unscaleAfterStep:
            "unscale() is being called after step(); step() unscales by itself, so call update() and start the next iteration"
        case .alreadyStepped:
            "step() has already been called since the last update(); call update() to end the iteration first"
        case .updateWithoutCheck:
            "update() found no inf/NaN check since the last update(); call unscale() or step() first"
        case .fp16Gradients(let name):
            "attempting to unscale FP16 gradients (\(name)): keep FP32 master gradients, "
                + "or set allowsFP16Gradients to unscale in FP16 anyway"
        }
    }
}
