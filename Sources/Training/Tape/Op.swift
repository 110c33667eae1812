/// What produced a node of the tape. The forward kernels are in `Kernels/`; every
/// derivative rule is in `Derivatives.swift`, one `switch` over this enum.
enum Op: Sendable {
    /// A parameter or a constant.
    case leaf
    /// A conversion into the node's format (inserted by the precision policy).
    case cast
    case add, subtract, multiply, divide
    case scale(Float)
    case exp, log, tanh, sigmoid, relu, gelu, square
    case sum(axes: [Int])
    case mean(axes: [Int])
    case softmax, logSoftmax
    case layerNorm(epsilon: Float)
    case matmul(transposeA: Bool, transposeB: Bool)
    case linear
    case embedding(indices: [Int])
    case reshape
    case permute([Int])
    case slice(axis: Int, start: Int)
    case concat(axis: Int)
    case causalMask
    case crossEntropy(targets: [Int], ignoreIndex: Int)
    case zLoss(targets: [Int], ignoreIndex: Int)
    case meanSquaredError

    /// Which of autocast's lists an op is on.
    enum Category {
        /// Cast to the low format (matrix products).
        case lowPrecision
        /// Cast to FP32 (softmax, norms, exp/log, sums, losses).
        case fullPrecision
        /// Compute in the widest input format.
        case widest
    }

    var category: Category {
        switch self {
        case .matmul, .linear: .lowPrecision
        case .exp, .log, .sum, .softmax, .logSoftmax, .layerNorm, .crossEntropy, .zLoss, .meanSquaredError: .fullPrecision
        default: .widest
        }
    }

    /// Whether every element of the result is a copy of an element of the inputs: such a
    /// result is representable in any format all its inputs are stored in.
    var copiesElements: Bool {
        switch self {
        case .reshape, .permute, .slice, .concat, .embedding: true
        default: false
        }
    }

    /// The name shown in reports (`matmul`, `softmax`, ...).
    var name: String {
        switch self {
        case .leaf: "leaf"
        case .cast: "cast"
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .scale: "scale"
        case .exp: "exp"
        case .log: "log"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .relu: "relu"
        case .gelu: "gelu"
        case .square: "square"
        case .sum: "sum"
        case .mean: "mean"
        case .softmax: "softmax"
        case .logSoftmax: "logSoftmax"
        case .layerNorm: "layerNorm"
        case .matmul: "matmul"
        case .linear: "linear"
        case .embedding: "embedding"
        case .reshape: "reshape"
        case .permute: "permute"
        case .slice: "slice"
        case .concat: "concat"
        case .causalMask: "causalMask"
        case .crossEntropy: "crossEntropy"
        case .zLoss: "zLoss"
        case .meanSquaredError: "meanSquaredError"
        }
    }
}
