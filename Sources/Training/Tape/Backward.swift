/// The result of a backward pass.
public struct Gradients: Sendable {
    /// The gradient of every parameter of the tape, in its order and its storage format
    /// (zeros for a parameter the loss does not depend on).
    public var parameters: NamedTensors
    private var byNode: [Tensor?]

    init(parameters: NamedTensors, byNode: [Tensor?]) {
        self.parameters = parameters
        self.byNode = byNode
    }

    /// The gradient of a tensor recorded with ``Tape/input(_:)`` (or any other node that
    /// needed one), nil if none reached it.
    public subscript(_ variable: Variable) -> Tensor? { byNode[variable.id] }

    /// Every gradient the pass computed — of activations, casts, inputs and parameters — in
    /// the order their tensors were recorded: what a histogram of a step's gradient
    /// magnitudes counts.
    public var all: [Tensor] { byNode.compactMap { $0 } }
}

extension Tape {
    /// Runs the backward pass from the scalar `loss`, whose gradient is `seed` (a loss scale
    /// multiplies here, exactly as `scaler.scale(loss).backward()` does when the scale is a
    /// power of two).
    ///
    /// Each gradient is rounded into the format of the tensor it belongs to, contributions
    /// are added in that format, and the first non-finite gradient, if the forward pass was
    /// finite, is reported by ``firstNonFinite``.
    public mutating func backward(from loss: Variable, seed: Float = 1) -> Gradients {
        precondition(value(loss).count == 1, "backward needs a scalar loss, got shape \(shape(loss))")
        var gradients = [Tensor?](repeating: nil, count: nodes.count)
        gradients[loss.id] = Tensor(shape: shape(loss), scalars: [seed], format: nodes[loss.id].value.format)
            .rounded(to: nodes[loss.id].value.format)
        for id in stride(from: loss.id, through: 0, by: -1) {
            guard let g = gradients[id], nodes[id].needsGradient else { continue }
            noteNonFiniteGradient(g, at: id)
            let node = nodes[id]
            if let scaled = node.scaled { noteAmax(of: g, as: .gradient, in: scaled) }
            var contributions = inputGradients(of: node, g)
            for (k, input) in node.inputs.enumerated() where k < contributions.count && nodes[input].needsGradient {
                // Taken out of the array, so that rounding in place does not copy it.
                guard var contribution = contributions[k] else { continue }
                contributions[k] = nil
                let format = nodes[input].value.format
                contribution.round(to: format)
                if let earlier = gradients[input] {
                    contribution = Kernels.zip(earlier, contribution, +)
                    contribution.round(to: format)
                }
                gradients[input] = contribution
            }
        }
        var result = parameters
        for (index, tensor) in parameters.tensors.enumerated() {
            let gradient = leafByParameterID(index).flatMap { gradients[$0] }
            result.tensors[index] = gradient ?? Tensor(shape: tensor.shape, repeating: 0, format: tensor.format)
        }
        return Gradients(parameters: result, byNode: gradients)
    }
}
