import Precision

/// Multiplies the loss by a scale before the backward pass, so small gradients survive a
/// narrow format, and divides the gradients by it again before the optimizer step.
///
/// One iteration with any loss scaler:
///
/// ```swift
/// let loss = scaler.scaled(rawLoss)                // backward from this loss
/// try scaler.unscale(&gradients)                   // optional: to clip true gradients
/// try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1)
/// let stepped = try scaler.step(&optimizer, parameters: &parameters, gradients: &gradients)
/// try scaler.update()
/// ```
///
/// ``GradScaler`` (dynamic, PyTorch's `torch.amp.GradScaler`) skips steps whose gradients
/// hold infinities or NaNs and adapts its scale; ``StaticLossScaler`` never skips.
public protocol LossScaler: Sendable {
    /// The factor the loss is multiplied by.
    var scale: Float { get }

    /// `loss × scale`, in the format PyTorch gives `loss * scale_tensor` (see each scaler).
    func scaled(_ loss: Tensor) -> Tensor

    /// Divides the gradients by the scale in place (by multiplying with its reciprocal).
    mutating func unscale(_ gradients: inout NamedTensors) throws

    /// Unscales the gradients if ``unscale(_:)`` was not called, then steps `optimizer`
    /// unless the scaler decides to skip. Returns whether the optimizer stepped.
    mutating func step(
        _ optimizer: inout some Optimizer,
        parameters: inout NamedTensors,
        gradients: inout NamedTensors
    ) throws -> Bool

    /// Ends the iteration: adapts the scale (if the scaler does) and allows the next
    /// ``unscale(_:)``.
    mutating func update() throws
}

extension LossScaler {
    /// `loss * scale` as PyTorch computes it for a `Float32` 0-dimensional scale tensor:
    /// a 0-dimensional loss is promoted to FP32 (two 0-dimensional tensors promote like
    /// dimensioned ones), any other loss keeps its format, rounded once after the product.
    /// NaN and infinite losses stay so; a finite product beyond the format's range
    /// overflows as the format does (+infinity in FP16 past 65504).
    public func scaled(_ loss: Tensor) -> Tensor { scaledLoss(loss, by: scale) }
}

/// `loss * scale` for a 0-dimensional FP32 `scale` tensor (see ``LossScaler/scaled(_:)``).
func scaledLoss(_ loss: Tensor, by scale: Float) -> Tensor {
    let format = loss.rank == 0 ? FloatFormat.fp32 : loss.format
    var result = Tensor(shape: loss.shape, scalars: loss.scalars.map { $0 * scale })
    result.round(to: format)
    return result
}

/// Multiplies every gradient element by `inverseScale` in place, rounding into each
/// gradient's format, and reports whether any element was ±infinity or NaN before the
/// multiplication (`torch._amp_foreach_non_finite_check_and_unscale_`'s CPU kernel: the
/// product is computed in `Float`, and skipped when `inverseScale` is exactly 1).
func unscaleAndCheck(_ gradients: inout NamedTensors, inverseScale: Float) -> Bool {
    var foundNonFinite = false
    for index in 0..<gradients.count {
        let format = gradients.tensors[index].format
        gradients.tensors[index].scalars.withUnsafeMutableBufferPointer { values in
            for value in values where !value.isFinite {
                foundNonFinite = true
                break
            }
            guard inverseScale != 1 else { return }
            for i in values.indices { values[i] *= inverseScale }
            if format != .fp32 { format.round(values) }
        }
    }
    return foundNonFinite
}

/// `Float(1 / Double(scale))`: PyTorch's `scale.double().reciprocal().float()`.
func reciprocalOfScale(_ scale: Float) -> Float {
    Float(1 / Double(scale))
}
