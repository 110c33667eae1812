import Precision

/// The bookkeeping of ``PrecisionPolicy/scaled(_:)``: which product is which, and the amaxes
/// delayed scaling needs.
extension Tape {
    /// The next scaled product of the current scope, whose operands are `a` and `b`, with
    /// their amaxes noted when the recipe scales them with delay; nil under other policies.
    mutating func scaledProduct(_ a: Variable, _ b: Variable) -> ScaledProduct? {
        guard case .scaled(let recipe) = policy else { return nil }
        let index = scaledProductCounts[scope, default: 0]
        scaledProductCounts[scope] = index + 1
        let product = ScaledProduct(recipe: recipe, scope: scope, index: index, histories: scalingHistories)
        noteAmax(of: value(a), as: .a, in: product)
        noteAmax(of: value(b), as: .b, in: product)
        return product
    }

    /// Notes the amax of `tensor`, `operand` of `product`, if delayed scaling needs it.
    mutating func noteAmax(of tensor: Tensor, as operand: ProductOperand, in product: ScaledProduct) {
        guard product.recordsAmax(of: operand) else { return }
        let site = product.site(operand)
        amaxes[site] = max(amaxes[site] ?? 0, PerTensorScaledTensor.amax(tensor.scalars))
    }
}
