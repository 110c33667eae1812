import Precision

/// Where the memory of one training step goes, in bytes, counted from the logical storage
/// formats of the tensors a ``Trainer`` holds (``Tensor/storageBytes``).
///
/// Per-parameter components scale with the model; ``activations`` scale with the batch.
/// With Adam, FP32 training holds 4 + 4 + 8 = 16 bytes per parameter; master weights hold
/// 2 + 2 + 8 + 4 = 16 in the ZeRO accounting (Rajbhandari et al. 2020), plus the FP32 copy
/// of the gradients this trainer makes for the update (``masterGradients``); autocast holds
/// the same 16 as FP32, and its saving is in the activations.
public struct MemoryFootprint: Equatable, Sendable {
    /// The number of parameter elements.
    public var parameterCount: Int
    /// The model's parameters, in the policy's parameter format.
    public var weights: Int
    /// The gradients the backward pass produces, one per parameter, in its format.
    public var gradients: Int
    /// The optimizer's state buffers (``Optimizer/stateBuffers``).
    public var optimizerState: Int
    /// The FP32 master weights (``PrecisionPolicy/masterWeights(_:)``; 0 otherwise).
    public var masterCopy: Int
    /// The FP32 copy of the gradients the optimizer reads under master weights (0
    /// otherwise). ZeRO's 16 bytes leave it out: an implementation that converts one
    /// tensor at a time holds only one tensor's worth.
    public var masterGradients: Int
    /// Every tensor the forward pass recorded for one batch, casts included: what autograd
    /// could keep alive for the backward pass (an upper bound; some ops need less).
    public var activations: Int
    /// The part of ``activations`` that is parameters cast to the compute format
    /// (autocast's transient low-precision weight copies).
    public var parameterCasts: Int

    /// The components that scale with the number of parameters.
    public var parameterState: Int { weights + gradients + optimizerState + masterCopy + masterGradients }

    /// Everything: per-parameter state and activations.
    public var total: Int { parameterState + activations }

    /// `bytes / parameterCount`: e.g. `bytesPerParameter(\.optimizerState)` is 8 for Adam
    /// on FP32 parameters.
    public func bytesPerParameter(_ component: KeyPath<MemoryFootprint, Int>) -> Double {
        Double(self[keyPath: component]) / Double(parameterCount)
    }
}

extension Trainer {
    /// The memory this trainer holds for one step on the batch whose loss `loss` records:
    /// its parameters, master copy and optimizer state as they are now, and the gradients
    /// and activations of a forward and backward pass of `loss` (which changes nothing).
    ///
    /// Optimizer state exists only after the first step (PyTorch creates it lazily too):
    /// measure after at least one step, or ``MemoryFootprint/optimizerState`` is 0.
    public func memoryFootprint(_ loss: (inout Tape) -> Variable) -> MemoryFootprint {
        var tape = Tape(parameters: parameters, policy: policy, scalingHistories: scalingHistories)
        let value = loss(&tape)
        let leaves = Set((0..<parameters.count).compactMap(tape.leafByParameterID))
        let parameterCasts = tape.nodes.reduce(0) { sum, node in
            guard case .cast = node.op, let input = node.inputs.first, leaves.contains(input) else { return sum }
            return sum + node.value.storageBytes
        }
        let activations = tape.activationBytes
        let gradients = tape.backward(from: value).parameters
        return MemoryFootprint(
            parameterCount: parameters.scalarCount,
            weights: parameters.storageBytes,
            gradients: gradients.storageBytes,
            optimizerState: optimizer.stateBuffers.reduce(0) { $0 + $1.storageBytes },
            masterCopy: master?.storageBytes ?? 0,
            masterGradients: master == nil ? 0 : gradients.scalarCount * FloatFormat.fp32.storageBytesPerElement,
            activations: activations,
            parameterCasts: parameterCasts)
    }
}
