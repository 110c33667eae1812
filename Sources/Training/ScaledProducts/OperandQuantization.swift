import Precision

/// How one operand of a matrix product is stored: an element format and the scales that
/// bring its values into the format's range.
///
/// Blocks and tiles run along the product's reduction dimension, starting afresh at every
/// row of it (a row of 40 is quantised as a block of 32 and one of 8); every case rounds to
/// nearest even and saturates, as the quantisers it names do, and NaN and infinity are
/// handled as they document.
public enum OperandQuantization: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One FP32 scale for the whole tensor, `max(element) / amax`, from its own amax or from
    /// earlier steps' (``PerTensorScaledTensor`` with ``CurrentScaling`` or
    /// ``DelayedScaling``): Transformer Engine's FP8 tensors.
    case tensor(FloatFormat, TensorScaling)
    /// One FP32 scale per tile of `size` consecutive elements along the reduction
    /// dimension, `max(element) / amax(tile)`: per-tensor current scaling applied to each
    /// tile, DeepSeek-V3's fine-grained quantisation (their tiles are 1×128).
    case tiles(FloatFormat, size: Int)
    /// OCP MX v1.0 blocks: 32 elements along the reduction dimension share an E8M0 scale
    /// chosen by `rule` (``BlockFormat/mx(_:rule:)``).
    case mx(FloatFormat, rule: ScaleRule)
    /// NVFP4 (``NVFP4Tensor``): 16 E2M1 elements along the reduction dimension share an E4M3
    /// scale, under an FP32 scale for the whole tensor.
    case nvfp4

    /// The format each element is stored in.
    public var element: FloatFormat {
        switch self {
        case .tensor(let element, _), .tiles(let element, _), .mx(let element, _): element
        case .nvfp4: NVFP4Tensor.elementFormat
        }
    }

    /// Why this quantization cannot be used, nil when it can: a tile holds at least one
    /// element, a delayed history at least one step, and MX elements are FP16 or narrower
    /// (``BlockFormat/init(element:blockSize:scale:rule:)``).
    public var problem: String? {
        switch self {
        case .tiles(_, let size) where size < 1:
            "a tile of \(size) elements; a tile holds at least one"
        case .tensor(_, .delayed(let length, _)) where length < 1:
            "a delayed-scaling history of \(length) steps; it keeps at least one"
        case .mx(let element, _) where element.minSubnormal < 0x1p-124:
            "MX elements in \(element.name), which reaches below 2^-124; use FP16 or narrower"
        default:
            nil
        }
    }

    /// Whether the scale comes from earlier steps (and the tensor's amax must be recorded).
    var isDelayed: Bool {
        if case .tensor(_, .delayed) = self { return true }
        return false
    }

    /// `e4m3 tensor current`, `e5m2 tensor delayed`, `e4m3 tiles 32`, `mx e4m3 rceil`, `nvfp4`.
    public var description: String {
        switch self {
        case .tensor(let element, let scaling): "\(Self.shortName(element)) tensor \(scaling)"
        case .tiles(let element, let size): "\(Self.shortName(element)) tiles \(size)"
        case .mx(let element, let rule): "mx \(Self.shortName(element)) \(rule)"
        case .nvfp4: "nvfp4"
        }
    }

    /// `e4m3` for "FP8 E4M3FN", `e2m1` for "FP4 E2M1FN", `fp16` for "FP16": the last word
    /// of the name, lower case, without the `fn` suffix.
    private static func shortName(_ format: FloatFormat) -> String {
        let word = format.name.split(separator: " ").last.map(String.init) ?? format.name
        let lower = word.lowercased()
        return lower.hasSuffix("fn") ? String(lower.dropLast(2)) : lower
    }
}

/// How a per-tensor scale is chosen (``OperandQuantization/tensor(_:_:)``).
public enum TensorScaling: Hashable, Sendable, Codable, CustomStringConvertible {
    /// From the tensor's own amax, just before the cast: Transformer Engine's
    /// `Float8CurrentScaling` (``CurrentScaling``, no margin).
    case current
    /// From the amaxes of earlier steps: Transformer Engine's `DelayedScaling`
    /// (``DelayedScaling``, margin 0; by default a history of 1024 steps reduced by its
    /// maximum). The history lives in the ``Trainer`` (``Trainer/scalingHistories``), one per
    /// tensor site; the first step of a site uses scale 1.
    case delayed(historyLength: Int = DelayedScaling.defaultHistoryLength,
                 algorithm: DelayedScaling.AmaxAlgorithm = .max)

    /// `current`, or `delayed`, with `(16, mostRecent)` when not the defaults.
    public var description: String {
        switch self {
        case .current:
            return "current"
        case .delayed(let length, let algorithm):
            let defaults = length == DelayedScaling.defaultHistoryLength && algorithm == .max
            return defaults ? "delayed" : "delayed(\(length), \(algorithm.rawValue))"
        }
    }
}

/// Which tensor of a matrix product `C = A·B` a quantised tensor is: `A`, `B` (for a
/// linear layer `x·Wᵀ`, the input `x` and the weight `W`), or the gradient `dC` the
/// backward pass brings.
public enum ProductOperand: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case a, b, gradient

    /// In the order `a`, `b`, `gradient`.
    public static func < (x: ProductOperand, y: ProductOperand) -> Bool {
        allCases.firstIndex(of: x)! < allCases.firstIndex(of: y)!
    }
}
