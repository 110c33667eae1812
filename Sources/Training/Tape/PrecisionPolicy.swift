import Precision

/// Which format each tensor of a training step is stored and computed in.
///
/// Every op computes in `Float` internally (products and sums accumulate in FP32, as GPU
/// kernels do) and rounds its result into the output format the policy picks; overflow
/// gives real infinities, which propagate.
public enum PrecisionPolicy: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Everything in FP32.
    case fp32
    /// PyTorch autocast with a low format (FP16 or BF16): parameters and their gradients
    /// stay FP32; matrix products cast their inputs to the low format and produce it; the
    /// FP32 list (softmax, log-softmax, layer norm, exp, log, sums, losses) casts inputs to
    /// FP32; every other op computes in the widest format among its inputs. The lists are
    /// PyTorch's CUDA autocast lists ("CUDA Ops that can autocast to float16" and "to
    /// float32" in the `torch.amp` documentation), where FP16 training happens; `mean` is on
    /// neither list, so it follows its input.
    case autocast(FloatFormat)
    /// A low-precision model with an FP32 master copy (Apex "O2", ZeRO's arrangement):
    /// parameters, activations and gradients are stored in the low format; the optimizer
    /// updates an FP32 master copy from which the model's parameters are rounded.
    case masterWeights(FloatFormat)
    /// Everything in the low format, optimizer state included: the failure case.
    case pure(FloatFormat)
    /// FP8 (or MX, or NVFP4) matrix products, as Transformer Engine and DeepSeek-V3 train:
    /// the matrix products (``Tape/matmul(_:_:transposeA:transposeB:)`` and
    /// ``Tape/linear(_:weight:bias:)``, autocast's low-precision list) quantise their two
    /// operands as `recipe` says, in the forward and the backward pass, and produce FP32;
    /// every other op, the parameters, their gradients and the optimizer stay FP32, as on
    /// autocast's FP32 list. See ``LowPrecisionRecipe``.
    case scaled(LowPrecisionRecipe)

    /// The low format, or FP32 for ``fp32``; for ``scaled(_:)``, the element format of the
    /// forward products' operands.
    public var lowFormat: FloatFormat {
        switch self {
        case .fp32: .fp32
        case .autocast(let format), .masterWeights(let format), .pure(let format): format
        case .scaled(let recipe): recipe.forward.element
        }
    }

    /// The format the model's parameters (and so their gradients) are stored in.
    public var parameterFormat: FloatFormat {
        switch self {
        case .fp32, .autocast, .scaled: .fp32
        case .masterWeights(let format), .pure(let format): format
        }
    }

    /// The format the optimizer's state and the master weights it updates are stored in.
    public var optimizerFormat: FloatFormat {
        switch self {
        case .fp32, .autocast, .masterWeights, .scaled: .fp32
        case .pure(let format): format
        }
    }

    /// Whether the optimizer updates an FP32 copy rather than the model's parameters.
    public var hasMasterCopy: Bool {
        if case .masterWeights = self { return true }
        return false
    }

    /// `fp32`, `autocast(fp16)`, `masterWeights(bf16)`, `pure(fp16)`, ...: the policy as Swift
    /// code spells it, so that a table of runs and the prose around it name it one way; a
    /// scaled policy names its recipe (`scaled(mx e4m3 rceil)`, see
    /// ``LowPrecisionRecipe/description``).
    public var description: String {
        switch self {
        case .fp32: "fp32"
        case .autocast(let format): "autocast(\(format.name.lowercased()))"
        case .masterWeights(let format): "masterWeights(\(format.name.lowercased()))"
        case .pure(let format): "pure(\(format.name.lowercased()))"
        case .scaled(let recipe): "scaled(\(recipe))"
        }
    }

    /// The formats an op's inputs are cast to (nil: left as they are) and the format of its
    /// result.
    func plan(_ category: Op.Category, inputs: [FloatFormat]) -> (cast: FloatFormat?, output: FloatFormat) {
        switch self {
        case .fp32, .scaled:
            // Scaled products quantise their operands themselves (ScaledProduct).
            return (nil, .fp32)
        case .masterWeights(let low), .pure(let low):
            return (low, low)
        case .autocast(let low):
            switch category {
            case .lowPrecision: return (low, low)
            case .fullPrecision: return (.fp32, .fp32)
            case .widest: return (nil, Self.widest(inputs))
            }
        }
    }

    /// PyTorch's type promotion among floating formats: equal formats stay, anything mixed
    /// becomes FP32.
    static func widest(_ formats: [FloatFormat]) -> FloatFormat {
        guard let first = formats.first else { return .fp32 }
        return formats.allSatisfy { $0 == first } ? first : .fp32
    }
}
