import Precision

/// An optimizer that updates parameters in place from their gradients, with PyTorch's
/// update rule and arithmetic.
///
/// Conforming types (``SGD``, ``Adam``, ``AdamW``) are values: copying one copies its state
/// (step count, momentum and moment buffers), so a training run can be checkpointed or
/// forked by assignment.
///
/// ## Precision
/// Each optimizer follows the sequence of tensor ops of PyTorch's single-tensor
/// implementation (`foreach=False`, the CPU default) and reproduces each op's CPU arithmetic
/// (see the type's documentation). State buffers take each parameter's storage format, as
/// `torch.zeros_like(param)` does, and every op's result is rounded into that format: an FP16
/// parameter gets an FP16 update computed the way PyTorch computes it on FP16 tensors. FP32
/// parameters are never rounded. The results agree bit for bit with torch 2.13 on x86-64
/// (AVX2 kernels, one thread), with one exception: square roots here are IEEE (correctly
/// rounded), while PyTorch's FP32 `sqrt` calls MKL's `vsSqrt`, which is not always (see
/// ``Adam``). Other builds of PyTorch may differ in the last bit where a compiler did or did
/// not fuse a multiply-add, and PyTorch with several threads splits tensors of more than
/// 32768 elements into chunks whose FP16/BF16 `add(alpha:)` tails round differently.
///
/// ## Hyperparameters
/// The learning rate is a `Float` (schedules produce one); PyTorch receives it as the Python
/// float of the same value. Every other hyperparameter is a `Double`, as PyTorch's Python
/// floats are, so `0.999` means exactly what it means in PyTorch.
public protocol Optimizer: Sendable {
    /// The learning rate of the next ``step(_:gradients:)``; schedules set it before each step.
    var learningRate: Float { get set }

    /// The number of steps taken so far (0 before the first). Skipped steps (a
    /// ``GradScaler`` that found infinities) do not count.
    var stepCount: Int { get }

    /// The state buffers the optimizer holds, one set per kind (momentum; first and second
    /// moments), each in its parameters' formats; empty before the first step creates them,
    /// as PyTorch creates its state lazily. Memory accounting counts these.
    var stateBuffers: [NamedTensors] { get }

    /// Updates `parameters` in place from `gradients` and increments ``stepCount``.
    ///
    /// - Precondition: `gradients` has the same names, in the same order, as `parameters`,
    ///   and each gradient has its parameter's shape and storage format (PyTorch refuses a
    ///   `.grad` of another dtype too).
    ///
    /// NaN and ±infinity in a gradient are not checked for: they flow through the update
    /// rule as IEEE arithmetic says (see each optimizer), which is why ``GradScaler`` skips
    /// the step when it finds them.
    mutating func step(_ parameters: inout NamedTensors, gradients: NamedTensors)
}

extension NamedTensors {
    /// Zeros with each tensor's shape and storage format (`torch.zeros_like` for each).
    func zerosLike() -> NamedTensors {
        map { Tensor(shape: $0.shape, repeating: 0, format: $0.format) }
    }

    /// Stops with a message naming the first tensor that does not line up with `parameters`.
    func checkAligned(with parameters: NamedTensors, role: String) {
        precondition(names == parameters.names,
                     "\(role) names \(names) do not match the parameters' \(parameters.names)")
        for (index, (tensor, parameter)) in zip(tensors, parameters.tensors).enumerated() {
            precondition(tensor.shape == parameter.shape,
                         "\(role) \(names[index]) has shape \(tensor.shape), its parameter \(parameter.shape)")
            precondition(tensor.format == parameter.format,
                         "\(role) \(names[index]) is \(tensor.format), its parameter \(parameter.format)")
        }
    }
}
