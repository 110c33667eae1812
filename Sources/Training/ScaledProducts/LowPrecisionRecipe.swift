import Precision

/// How the matrix products of ``PrecisionPolicy/scaled(_:)`` quantise their operands and
/// sum their terms: the element format and scaling of each tensor, and the accumulator.
///
/// A matrix product `C = A·B` of the forward pass quantises `A` and `B` (activations and
/// weights) as ``forward`` says. Its backward products `dA = dC·Bᵀ` and `dB = Aᵀ·dC`
/// quantise the incoming gradient `dC` as ``backward`` says and take `A` and `B` as the
/// forward pass quantised them. Every operand is quantised along the reduction (inner)
/// dimension of the product it enters, as MX hardware requires: a block or tile of `A` runs
/// along a row in `A·B` and along a column in `Aᵀ·dC`, re-quantised from the FP32 values
/// (as Transformer Engine's MXFP8 recipe keeps a row-wise and a column-wise copy). A
/// per-tensor scale does not depend on the direction, so there the backward product sees
/// exactly the forward's values, as Transformer Engine re-uses its FP8 tensors.
///
/// Quantised operands are dequantised into FP32 ("fake quantisation"), so with the ideal
/// accumulator (``accumulator`` nil) a product is an FP32 product of the values the
/// low-precision tensors represent; a ``LimitedAccumulator`` sums them as DeepSeek-V3
/// describes FP8 tensor cores doing instead.
///
/// ```swift
/// var tape = Tape(parameters: model.parameters, policy: .scaled(.mxfp8()))
/// let trainer = Trainer(parameters: model.parameters, policy: .scaled(.hybrid(.delayed())),
///                       optimizer: AdamW(learningRate: 1e-3))
/// let limited = LowPrecisionRecipe.fineGrained().accumulating(in: LimitedAccumulator())
/// ```
///
/// ## The recipes it names
/// - ``hybrid(_:)``: NVIDIA Transformer Engine's `Format.HYBRID`, E4M3 in the forward pass and
///   E5M2 for gradients, one scale per tensor, current or delayed (Micikevicius et al. 2022,
///   "FP8 Formats for Deep Learning", arXiv 2209.05433).
/// - ``fineGrained(tileSize:)``: DeepSeek-V3's (arXiv 2412.19437, §3.3) E4M3 everywhere
///   with one FP32 scale per 1×N tile along the reduction dimension; they use N = 128 for
///   activations and gradients and 128×128 blocks for weights, too large for this book's
///   models, so here every operand takes 1×N tiles (32 by default).
/// - ``mxfp8(rule:)``: OCP Microscaling (MX) v1.0 MXFP8, E4M3 everywhere in blocks of 32
///   along the reduction dimension under E8M0 scales, as Transformer Engine's
///   `MXFP8BlockScaling` recipe.
/// - ``nvfp4``: NVFP4 everywhere (16 E2M1 elements, E4M3 block scale, FP32 tensor scale),
///   without the random Hadamard transform, stochastic rounding of gradients and 16×16
///   weight blocks of Transformer Engine's NVFP4 training recipe.
public struct LowPrecisionRecipe: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How the forward products' operands, activations and weights, are stored.
    public let forward: OperandQuantization
    /// How the gradients arriving at a product in the backward pass are stored.
    public let backward: OperandQuantization
    /// The limited-precision accumulator every product sums in; nil for ideal FP32
    /// accumulation (an FP32 product of the dequantised operands).
    public let accumulator: LimitedAccumulator?

    /// A recipe from its parts.
    ///
    /// - Precondition: each quantization is valid (``OperandQuantization/problem``).
    public init(forward: OperandQuantization, backward: OperandQuantization, accumulator: LimitedAccumulator? = nil) {
        for operand in [forward, backward] {
            if let problem = operand.problem { preconditionFailure(problem) }
        }
        self.forward = forward
        self.backward = backward
        self.accumulator = accumulator
    }

    /// Transformer Engine's default FP8 format, `Format.HYBRID`: E4M3 activations and weights,
    /// E5M2 gradients (their wider range for the gradients' spread), one FP32 scale per
    /// tensor, chosen by `scaling`.
    public static func hybrid(_ scaling: TensorScaling) -> LowPrecisionRecipe {
        LowPrecisionRecipe(forward: .tensor(.e4m3fn, scaling), backward: .tensor(.e5m2, scaling))
    }

    /// DeepSeek-V3's fine-grained FP8: E4M3 everywhere, one FP32 scale per 1×`tileSize` tile
    /// along the reduction dimension (see ``OperandQuantization/tiles(_:size:)``).
    public static func fineGrained(tileSize: Int = 32) -> LowPrecisionRecipe {
        LowPrecisionRecipe(forward: .tiles(.e4m3fn, size: tileSize), backward: .tiles(.e4m3fn, size: tileSize))
    }

    /// MXFP8 as Transformer Engine trains with it: E4M3 everywhere, blocks of 32 under an
    /// E8M0 scale. ``ScaleRule/rceil`` by default, the rule of cuBLAS and of Mishra et al.
    /// 2025 ("Recipes for Pre-training LLMs with MXFP8"), which never saturates.
    public static func mxfp8(rule: ScaleRule = .rceil) -> LowPrecisionRecipe {
        LowPrecisionRecipe(forward: .mx(.e4m3fn, rule: rule), backward: .mx(.e4m3fn, rule: rule))
    }

    /// NVFP4 for every operand.
    public static let nvfp4 = LowPrecisionRecipe(forward: .nvfp4, backward: .nvfp4)

    /// This recipe summing in `accumulator` instead.
    public func accumulating(in accumulator: LimitedAccumulator?) -> LowPrecisionRecipe {
        LowPrecisionRecipe(forward: forward, backward: backward, accumulator: accumulator)
    }

    /// How a tensor in `operand`'s place is quantised: ``backward`` for the gradient,
    /// ``forward`` for the others.
    public func quantization(of operand: ProductOperand) -> OperandQuantization {
        operand == .gradient ? backward : forward
    }

    /// `mx e4m3 rceil`, `e4m3 tensor delayed, gradients e5m2 tensor delayed`, with
    /// `, accumulator 14 bits every 128` when the accumulator is limited.
    public var description: String {
        let formats = forward == backward ? "\(forward)" : "\(forward), gradients \(backward)"
        return formats + (accumulator.map { ", accumulator \($0)" } ?? "")
    }

    private enum CodingKeys: String, CodingKey {
        case forward, backward, accumulator
    }

    /// Decodes a recipe, checking what ``init(forward:backward:accumulator:)`` requires: an
    /// invalid quantization is a `DecodingError.dataCorrupted` carrying its ``OperandQuantization/problem``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let forward = try container.decode(OperandQuantization.self, forKey: .forward)
        let backward = try container.decode(OperandQuantization.self, forKey: .backward)
        if let problem = forward.problem ?? backward.problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        self.init(forward: forward, backward: backward,
                  accumulator: try container.decodeIfPresent(LimitedAccumulator.self, forKey: .accumulator))
    }
}
