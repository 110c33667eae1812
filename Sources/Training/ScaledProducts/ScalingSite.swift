/// Where a tensor meets a scaled matrix product: the scope the product was recorded in, its
/// place among the scaled products of that scope, and which of its operands the tensor is.
///
/// A model records the same products in the same order at every step, so a site names the
/// same tensor from step to step although the tape is rebuilt: the key of the amax history
/// of delayed scaling (``ScalingHistories``), as Transformer Engine keeps one per module and
/// tensor. `blocks.0.attn#1.gradient` is the gradient arriving at the second product of
/// `blocks.0.attn` (the attention scores `q·kᵀ`).
public struct ScalingSite: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The tape's scope when the product was recorded (``Tape/scope``), empty at the top level.
    public let scope: String
    /// The product's place among the scaled products recorded in `scope`, from 0.
    public let product: Int
    /// Which operand the tensor is.
    public let operand: ProductOperand

    /// A site from its parts.
    public init(scope: String, product: Int, operand: ProductOperand) {
        self.scope = scope
        self.product = product
        self.operand = operand
    }

    /// `blocks.0.attn#1.gradient`; `#0.a` at the top level.
    public var description: String { "\(scope)#\(product).\(operand.rawValue)" }

    /// By scope, then product, then operand: a stable order for listings and checkpoints.
    public static func < (x: ScalingSite, y: ScalingSite) -> Bool {
        (x.scope, x.product) < (y.scope, y.product) || (x.scope, x.product) == (y.scope, y.product) && x.operand < y.operand
    }
}
