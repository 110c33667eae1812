import Precision

/// A multilayer perceptron: linear layers `name.fc0`, `name.fc1`, ... with an activation
/// after every layer but the last.
public struct MLP: Sendable {
    /// The layers, in order.
    public let layers: [Linear]
    /// The nonlinearity between layers.
    public let activation: Activation

    /// An MLP with the given widths (`[inputs, hidden..., outputs]`).
    public init(_ name: String = "", sizes: [Int], activation: Activation) {
        precondition(sizes.count >= 2, "an MLP needs at least an input and an output width")
        layers = (0..<(sizes.count - 1)).map {
            Linear(parameterName(name, "fc\($0)"), inputs: sizes[$0], outputs: sizes[$0 + 1])
        }
        self.activation = activation
    }

    /// PyTorch's default initialisation for every layer.
    public func initialParameters(using generator: inout SplitMix64) -> [(String, Tensor)] {
        layers.flatMap { $0.initialParameters(using: &generator) }
    }

    /// The output for `x` of shape `[..., inputs]`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        var h = x
        for (index, layer) in layers.enumerated() {
            h = layer(h, on: &tape)
            if index < layers.count - 1 { h = activation(h, on: &tape) }
        }
        return h
    }
}

/// An Elman recurrent network, `hₜ = φ(xₜ·W_ihᵀ + b_ih + hₜ₋₁·W_hhᵀ + b_hh)` with `h₀ = 0`,
/// PyTorch's `nn.RNN` layout: `name.weight_ih` `[hidden, inputs]`, `name.weight_hh`
/// `[hidden, hidden]`, `name.bias_ih`, `name.bias_hh`.
public struct RNN: Sendable {
    /// The parameter prefix.
    public let name: String
    /// Input and hidden widths.
    public let inputs: Int, hidden: Int
    /// φ: tanh in PyTorch; the sigmoid is offered to compare derivative bounds.
    public let activation: Activation

    /// A layer description.
    public init(_ name: String, inputs: Int, hidden: Int, activation: Activation = .tanh) {
        self.name = name
        self.inputs = inputs
        self.hidden = hidden
        self.activation = activation
    }

    /// PyTorch's default: every parameter uniform in `±1/√hidden`.
    public func initialParameters(using generator: inout SplitMix64) -> [(String, Tensor)] {
        let bound = 1 / Float(hidden).squareRoot()
        return [("weight_ih", [hidden, inputs]), ("weight_hh", [hidden, hidden]), ("bias_ih", [hidden]), ("bias_hh", [hidden])]
            .map { (parameterName(name, $0.0), Initialization.uniform($0.1, bound: bound, using: &generator)) }
    }

    /// The hidden states `h₁ … h_T` for `x` of shape `[batch, T, inputs]`, each `[batch, hidden]`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> [Variable] {
        let steps = tape.shape(x)[1]
        let batch = tape.shape(x)[0]
        let inputWeight = tape.parameter(parameterName(name, "weight_ih"))
        let recurrentWeight = tape.parameter(parameterName(name, "weight_hh"))
        let inputBias = tape.parameter(parameterName(name, "bias_ih"))
        let recurrentBias = tape.parameter(parameterName(name, "bias_hh"))
        var states: [Variable] = []
        var h = tape.constant(Tensor(shape: [batch, hidden], repeating: 0))
        for t in 0..<steps {
            let xt = tape.reshape(tape.slice(x, axis: 1, t..<(t + 1)), [batch, inputs])
            let a = tape.add(tape.linear(xt, weight: inputWeight, bias: inputBias),
                             tape.linear(h, weight: recurrentWeight, bias: recurrentBias))
            h = activation(a, on: &tape)
            states.append(h)
        }
        return states
    }
}
