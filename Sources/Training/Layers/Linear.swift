import Precision

/// `prefix.name`, or `name` alone when the prefix is empty (a layer used on its own, as
/// PyTorch names a bare module's parameters `weight`, not `.weight`).
func parameterName(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "." + name
}

/// `y = x · Wᵀ + b` with `W` of shape `[outputs, inputs]` (PyTorch's layout), parameters
/// `name.weight` and `name.bias` (`weight` and `bias` when `name` is empty).
public struct Linear: Sendable {
    /// The parameter prefix.
    public let name: String
    /// Input and output widths.
    public let inputs: Int, outputs: Int
    /// Whether there is a bias.
    public let hasBias: Bool

    /// A layer description; its parameters come from ``initialParameters(using:)``.
    public init(_ name: String, inputs: Int, outputs: Int, bias: Bool = true) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        hasBias = bias
    }

    /// PyTorch's default initialisation: weight and bias uniform in `±1/√inputs`.
    public func initialParameters(using generator: inout SplitMix64) -> [(String, Tensor)] {
        let bound = 1 / Float(inputs).squareRoot()
        return initialParameters(weight: Initialization.uniform([outputs, inputs], bound: bound, using: &generator),
                                 bias: Initialization.uniform([outputs], bound: bound, using: &generator))
    }

    /// The given weight, and the given bias if the layer has one.
    public func initialParameters(weight: Tensor, bias: Tensor) -> [(String, Tensor)] {
        [(parameterName(name, "weight"), weight)] + (hasBias ? [(parameterName(name, "bias"), bias)] : [])
    }

    /// `x · Wᵀ + b` for `x` of shape `[..., inputs]`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        tape.linear(x, weight: tape.parameter(parameterName(name, "weight")),
                    bias: hasBias ? tape.parameter(parameterName(name, "bias")) : nil)
    }
}

/// An elementwise nonlinearity.
public enum Activation: String, Sendable, CaseIterable {
    case relu, tanh, sigmoid, gelu

    /// The bound γ on the derivative's magnitude: 1 for tanh, ReLU and (nearly) GELU,
    /// 1/4 for the sigmoid.
    public var derivativeBound: Double {
        switch self {
        case .sigmoid: 0.25
        case .relu, .tanh: 1
        case .gelu: Double(Kernels.geluDerivative(Float(2).squareRoot()))  // the maximum, at x = √2
        }
    }

    /// The function applied to `x` on `tape`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        switch self {
        case .relu: tape.relu(x)
        case .tanh: tape.tanh(x)
        case .sigmoid: tape.sigmoid(x)
        case .gelu: tape.gelu(x)
        }
    }
}

/// Layer normalisation over the last axis with parameters `name.weight` (ones) and
/// `name.bias` (zeros); ε = 1e-5 as in PyTorch. Without a bias (`nn.LayerNorm(bias=False)`)
/// the layer adds a constant zero instead.
public struct LayerNorm: Sendable {
    /// The parameter prefix.
    public let name: String
    /// The normalised width.
    public let width: Int
    /// Added to the variance.
    public let epsilon: Float
    /// Whether there is a bias.
    public let hasBias: Bool

    /// A layer description.
    public init(_ name: String, width: Int, epsilon: Float = 1e-5, bias: Bool = true) {
        self.name = name
        self.width = width
        self.epsilon = epsilon
        hasBias = bias
    }

    /// Weight ones, bias zeros (if there is one).
    public var initialParameters: [(String, Tensor)] {
        [(parameterName(name, "weight"), Tensor(shape: [width], repeating: 1))]
            + (hasBias ? [(parameterName(name, "bias"), Tensor(shape: [width], repeating: 0))] : [])
    }

    /// The normalised `x`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        let weight = tape.parameter(parameterName(name, "weight"))
        let bias = hasBias ? tape.parameter(parameterName(name, "bias")) : tape.constant(Tensor(shape: [width], repeating: 0))
        return tape.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
    }
}
