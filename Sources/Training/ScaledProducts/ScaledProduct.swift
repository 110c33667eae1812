/// One matrix product recorded on a tape under ``PrecisionPolicy/scaled(_:)``: the recipe,
/// the product's place (its ``ScalingSite``s), and the scales of delayed scaling its
/// tensors take this step. Kept on the product's node, so that the backward products
/// quantise as the forward one did.
struct ScaledProduct: Sendable {
    let recipe: LowPrecisionRecipe
    let scope: String
    let index: Int
    /// The scale of each operand the recipe scales with delay, from the histories the tape
    /// was given.
    private let delayedScales: [ProductOperand: Float]

    init(recipe: LowPrecisionRecipe, scope: String, index: Int, histories: ScalingHistories) {
        self.recipe = recipe
        self.scope = scope
        self.index = index
        var scales: [ProductOperand: Float] = [:]
        for operand in ProductOperand.allCases where recipe.quantization(of: operand).isDelayed {
            scales[operand] = histories.scale(at: ScalingSite(scope: scope, product: index, operand: operand))
        }
        delayedScales = scales
    }

    /// Where `operand` of this product is.
    func site(_ operand: ProductOperand) -> ScalingSite {
        ScalingSite(scope: scope, product: index, operand: operand)
    }

    /// Whether the amax of `operand` must be recorded for delayed scaling.
    func recordsAmax(of operand: ProductOperand) -> Bool {
        delayedScales[operand] != nil
    }

    /// `tensor`, a stack of matrices in `operand`'s place, quantised along the product's
    /// reduction dimension (its last axis when `reducingLastAxis`, else the one before) and
    /// dequantised.
    func quantize(_ tensor: Tensor, as operand: ProductOperand, reducingLastAxis: Bool) -> Tensor {
        let quantization = recipe.quantization(of: operand)
        let scale = delayedScales[operand] ?? 1
        if reducingLastAxis || quantization.isPerTensor {
            let values = quantization.dequantized(tensor.scalars, rowLength: tensor.shape.last ?? 1, delayedScale: scale)
            return Tensor(shape: tensor.shape, scalars: values)
        }
        // The reduction runs down the columns: quantise the rows of each matrix's transpose.
        let rank = tensor.rank
        let swap = Array(0..<(rank - 2)) + [rank - 1, rank - 2]
        let transposed = Kernels.permute(tensor, swap)
        let values = quantization.dequantized(transposed.scalars, rowLength: tensor.shape[rank - 2], delayedScale: scale)
        return Kernels.permute(Tensor(shape: transposed.shape, scalars: values), swap)
    }
}
