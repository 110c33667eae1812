import Precision

/// Why gradients could not be clipped.
public struct GradientClippingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The total norm that was not finite (NaN or +infinity).
    public let totalNorm: Float
    /// The norm that was measured.
    public let normType: ClipNorm

    /// A message naming the norm and saying how to proceed.
    public var description: String {
        "the total \(normType)-norm of the gradients is \(totalNorm), so they cannot be clipped; "
            + "find the non-finite gradient, or pass errorIfNonFinite: false to scale them by the "
            + "non-finite norm anyway (a NaN norm makes every gradient NaN)"
    }
}

/// Gradient clipping with the semantics of `torch.nn.utils.clip_grad_norm_`,
/// `get_total_norm` and `clip_grad_value_`.
///
/// A caseless namespace: clipping is a function of the gradients alone and keeps no state.
public enum GradientClipping {
    /// The norm of all gradients seen as one vector: the norm of their per-tensor norms
    /// (`torch.nn.utils.get_total_norm`).
    ///
    /// Each tensor's norm is computed as `torch.linalg.vector_norm` computes it, accumulated
    /// in `Float` and rounded into the tensor's format (so an FP16 gradient whose norm
    /// exceeds 65504 has norm +infinity even if all its elements are finite). The per-tensor
    /// norms are then grouped by format, in order of first appearance, and the norm of that
    /// vector is taken in their common format (FP32 when formats are mixed). PyTorch groups
    /// in an unspecified order, so with mixed formats the last bit can differ from it.
    ///
    /// The 1-, 2- and ∞-norms are PyTorch's bits. Other orders go through the C library's
    /// `powf`, as PyTorch's do: the same bits with the same C library (glibc), possibly a
    /// few ULPs apart with another (more for small p, whose root magnifies the sum's error).
    ///
    /// ## Edge cases
    /// NaN anywhere gives NaN (for every norm); otherwise an infinity gives +infinity. No
    /// tensors, or only empty ones, give 0. For finite orders, a sum of p-th powers beyond
    /// `Float`'s range gives +infinity even when the norm itself would fit (a 2-norm of
    /// elements near 2e19, a 3-norm of elements near 7e12), as in PyTorch.
    public static func totalNorm(_ gradients: NamedTensors, normType: ClipNorm = .two) -> Float {
        totalNorm(gradients, tensorNorms: tensorNorms(gradients, normType: normType), normType: normType)
    }

    /// ``totalNorm(_:normType:)`` from the per-tensor norms ``tensorNorms(_:normType:)``
    /// already gave, so a caller that records them does not measure every gradient twice.
    static func totalNorm(_ gradients: NamedTensors, tensorNorms: [Float], normType: ClipNorm = .two) -> Float {
        guard gradients.count > 0 else { return 0 }
        var formats: [FloatFormat] = []
        var norms: [FloatFormat: [Float]] = [:]
        for (tensor, norm) in zip(gradients.tensors, tensorNorms) {
            if norms[tensor.format] == nil { formats.append(tensor.format) }
            norms[tensor.format, default: []].append(norm)
        }
        let stacked = formats.flatMap { norms[$0]! }
        let format = formats.count == 1 ? formats[0] : .fp32
        return stacked.withUnsafeBufferPointer { TorchVectorNorm.norm($0, format: format, type: normType) }
    }

    /// Each gradient's own norm, as `torch.linalg.vector_norm` computes it in the tensor's
    /// format: the per-tensor norms whose norm is ``totalNorm(_:normType:)``.
    static func tensorNorms(_ gradients: NamedTensors, normType: ClipNorm = .two) -> [Float] {
        gradients.tensors.map { tensor in
            tensor.scalars.withUnsafeBufferPointer { TorchVectorNorm.norm($0, format: tensor.format, type: normType) }
        }
    }

    /// Scales all gradients by one factor so that their total norm is at most `maxNorm`, and
    /// returns the total norm from before scaling (`torch.nn.utils.clip_grad_norm_`).
    ///
    /// The factor is PyTorch's, to the bit: with the total norm `n` (see
    /// ``totalNorm(_:normType:)``) held in its format,
    /// `coefficient = min(1, (1 / (n + 1e-6)) × maxNorm)`, each op rounded into that format
    /// (PyTorch evaluates `max_norm / t` as `t.reciprocal() * max_norm`). Every gradient is
    /// then multiplied by the coefficient and rounded into its own format, **even when the
    /// coefficient is 1** (so clipping below the threshold changes nothing).
    ///
    /// ## Non-finite norms
    /// - A NaN total gives a NaN coefficient: every gradient element becomes NaN.
    /// - An infinite total gives a coefficient of 0: finite elements become ±0 and infinite
    ///   ones NaN (`inf × 0`).
    /// - With `errorIfNonFinite`, either case throws ``GradientClippingError`` instead and
    ///   leaves the gradients untouched.
    ///
    /// - Parameters:
    ///   - gradients: The gradients, scaled in place.
    ///   - maxNorm: The largest total norm allowed.
    ///   - normType: The norm to measure: `.two`, `.one`, `.infinity` or `.p(order)` for any
    ///     order > 0 (see ``ClipNorm``).
    ///   - errorIfNonFinite: Whether a NaN or infinite total norm throws.
    /// - Returns: The total norm before clipping (0 for no gradients).
    @discardableResult
    public static func clipGradientNorm(
        _ gradients: inout NamedTensors,
        maxNorm: Float,
        normType: ClipNorm = .two,
        errorIfNonFinite: Bool = false
    ) throws -> Float {
        guard gradients.count > 0 else { return 0 }
        let total = totalNorm(gradients, normType: normType)
        if errorIfNonFinite && !total.isFinite {
            throw GradientClippingError(totalNorm: total, normType: normType)
        }
        let formats = Set(gradients.tensors.map(\.format))
        let totalFormat = formats.count == 1 ? formats.first! : .fp32
        let coefficient = clipCoefficient(total: total, maxNorm: maxNorm, format: totalFormat)
        for index in 0..<gradients.count {
            let format = gradients.tensors[index].format
            gradients.tensors[index].scalars.withUnsafeMutableBufferPointer { values in
                for i in values.indices { values[i] *= coefficient }
                if format != .fp32 { format.round(values) }
            }
        }
        return total
    }

    /// `torch.clamp(max_norm / (total + 1e-6), max=1.0)` on a 0-dimensional tensor of
    /// `format`: add (the scalar converted to the format), reciprocal, multiply by the
    /// Python float, clamp, each rounded into `format`. A NaN stays NaN through the clamp.
    static func clipCoefficient(total: Float, maxNorm: Float, format: FloatFormat) -> Float {
        let round: (Float) -> Float = format == .fp32 ? { $0 } : { format.round($0) }
        let shifted = round(total + round(Float(1e-6 as Double)))
        let coefficient = round(round(1 / shifted) * maxNorm)
        return coefficient > 1 ? round(1) : coefficient
    }

    /// Clamps every gradient element into [−clipValue, clipValue]
    /// (`torch.nn.utils.clip_grad_value_`).
    ///
    /// The bound is `clipValue` rounded into each gradient's format (PyTorch converts the
    /// Python float to the tensor's dtype): an FP16 gradient clipped at 0.1 is clamped to
    /// ±0.099976. ±infinity becomes ±bound; NaN stays NaN (PyTorch's clamp propagates NaN).
    ///
    /// - Precondition: `clipValue >= 0`.
    public static func clipGradientValue(_ gradients: inout NamedTensors, clipValue: Float) {
        precondition(clipValue >= 0, "negative clip value \(clipValue)")
        for index in 0..<gradients.count {
            let format = gradients.tensors[index].format
            let bound = format == .fp32 ? clipValue : format.round(clipValue)
            gradients.tensors[index].scalars.withUnsafeMutableBufferPointer { values in
                for i in values.indices where !values[i].isNaN {
                    values[i] = min(max(values[i], -bound), bound)
                }
            }
        }
    }
}
