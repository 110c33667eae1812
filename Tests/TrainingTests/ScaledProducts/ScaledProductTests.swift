import Precision
import Testing
import Training

/// A scaled product is the FP32 product of the block quantiser's dequantised operands: every
/// element within the FP32 summation bound `γ_k Σ|a_t b_t|` (``FP32Accumulation``) of a
/// Float64 product of operands quantised by ``QuantisedProductReference``.
@Suite("Scaled products: forward and backward against the quantisers")
struct ScaledProductTests {
    static let recipes: [LowPrecisionRecipe] = [
        .hybrid(.current), .fineGrained(tileSize: 16), .mxfp8(rule: .floor), .mxfp8(rule: .rceil), .nvfp4,
        LowPrecisionRecipe(forward: .mx(.e2m1fn, rule: .floor), backward: .mx(.e5m2, rule: .rceil)),
    ]

    /// Operands of 70 along the reduction: MX and NVFP4 rows end in a short block, tiles of
    /// 16 in a short tile. The batched layout reads both operands transposed, so `a` is
    /// quantised down its columns and `b` along its rows.
    @Test(arguments: recipes, [false, true])
    func forwardIsTheProductOfQuantisedOperands(recipe: LowPrecisionRecipe, batched: Bool) {
        let (batch, m, n, k) = batched ? (2, 5, 6, 70) : (1, 5, 6, 70)
        var generator = SplitMix64(seed: 11)
        let a = Initialization.normal(batched ? [batch, k, m] : [m, k], deviation: 3, using: &generator)
        let b = Initialization.normal(batched ? [batch, n, k] : [k, n], deviation: 0.01, using: &generator)
        var tape = Tape(policy: .scaled(recipe))
        let product = tape.matmul(tape.input(a), tape.input(b), transposeA: batched, transposeB: batched)
        let c = tape.value(product)
        #expect(c.shape == (batched ? [batch, m, n] : [m, n]))
        #expect(c.format == .fp32)

        let (aRows, aColumns) = batched ? (k, m) : (m, k)
        let (bRows, bColumns) = batched ? (n, k) : (k, n)
        let qa = QuantisedProductReference.dequantized(a.scalars, batch: batch, rows: aRows, columns: aColumns,
                                                       alongRows: !batched, recipe.forward)
        let qb = QuantisedProductReference.dequantized(b.scalars, batch: batch, rows: bRows, columns: bColumns,
                                                       alongRows: batched, recipe.forward)
        for matrix in 0..<batch {
            func product(_ x: [Float], _ y: [Float]) -> [QuantisedProductReference.Product] {
                QuantisedProductReference.product(m: m, n: n, k: k,
                    { i, t in x[matrix * m * k + (batched ? t * m + i : i * k + t)] },
                    { t, j in y[matrix * k * n + (batched ? j * k + t : t * n + j)] })
            }
            let computed = Array(c.scalars[(matrix * m * n)..<((matrix + 1) * m * n)])
            let expected = product(qa, qb)
            let misses = zip(computed, expected).filter { !$1.admits($0) }
            #expect(misses.isEmpty, "\(recipe): \(misses.count) of \(m * n) outside γ_k Σ|ab|, first \(misses.first.map { "\($0.0) vs \($0.1.value)" } ?? "")")
            // Not vacuous: the unquantised product lies outside the bound.
            #expect(zip(product(a.scalars, b.scalars), expected).contains { !$1.admits(Float($0.value)) })
        }
    }

    /// The backward products quantise the incoming gradient in the recipe's backward format
    /// along their own reduction dimension, and the forward operands as in the forward pass.
    /// For `y = x·Wᵀ` with `dL/dy = c`: `dx = Q_g(c)·Q_f(W)` (reducing over the 36 outputs)
    /// and `dW = Q_g(c)ᵀ·Q_f(x)` (over the 40 rows).
    @Test(arguments: [LowPrecisionRecipe.hybrid(.current), .mxfp8(rule: .floor), .nvfp4])
    func backwardQuantisesTheGradientInItsFormat(recipe: LowPrecisionRecipe) {
        let (rows, inputs, outputs) = (40, 48, 36)
        var generator = SplitMix64(seed: 12)
        let x = Initialization.normal([rows, inputs], deviation: 1, using: &generator)
        let weight = Initialization.normal([outputs, inputs], deviation: 0.2, using: &generator)
        let c = Initialization.normal([rows, outputs], deviation: 1e-3, using: &generator)
        var tape = Tape(parameters: NamedTensors([("w", weight)]), policy: .scaled(recipe))
        let input = tape.input(x)
        let y = tape.linear(input, weight: tape.parameter("w"), bias: nil)
        let gradients = tape.backward(from: tape.sum(tape.multiply(y, tape.constant(c))))
        let dx = gradients[input]!.scalars, dw = gradients.parameters.tensors[0].scalars

        /// `Q(c)·Q_f(right)` (`dx`, right = W) or `Q(c)ᵀ·Q_f(right)` (`dW`, right = x), reducing
        /// over `right`'s rows, with `c` quantised by `gradient` (nil: not at all).
        func reference(_ gradient: OperandQuantization?, transposed: Bool, right: Tensor) -> [QuantisedProductReference.Product] {
            let k = right.shape[0]
            let qc = gradient.map {
                QuantisedProductReference.dequantized(c.scalars, rows: rows, columns: outputs, alongRows: !transposed, $0)
            } ?? c.scalars
            let qr = QuantisedProductReference.dequantized(right.scalars, rows: k, columns: inputs,
                                                           alongRows: false, recipe.forward)
            return QuantisedProductReference.product(m: transposed ? outputs : rows, n: inputs, k: k,
                                                     { i, t in transposed ? qc[t * outputs + i] : qc[i * outputs + t] },
                                                     { t, j in qr[t * inputs + j] })
        }
        #expect(zip(dx, reference(recipe.backward, transposed: false, right: weight)).allSatisfy { $1.admits($0) }, "dx")
        #expect(zip(dw, reference(recipe.backward, transposed: true, right: x)).allSatisfy { $1.admits($0) }, "dW")
        // Not vacuous: an unquantised gradient, or one in the forward format where the recipe
        // has another, gives products outside the bound.
        let others: [OperandQuantization?] = recipe.forward == recipe.backward ? [nil] : [nil, recipe.forward]
        for other in others {
            let name = other.map { "\($0)" } ?? "no quantisation"
            #expect(zip(dx, reference(other, transposed: false, right: weight)).contains { !$1.admits($0) }, "dx with \(name)")
            #expect(zip(dw, reference(other, transposed: true, right: x)).contains { !$1.admits($0) }, "dW with \(name)")
        }
    }

    /// The bias of a scaled linear layer is added in FP32 after the quantised product, and
    /// its gradient is the FP32 column sum of the incoming gradient, not quantised.
    @Test func biasStaysFP32() {
        var generator = SplitMix64(seed: 13)
        let x = Initialization.normal([3, 32], deviation: 1, using: &generator)
        let weight = Initialization.normal([2, 32], deviation: 1, using: &generator)
        let bias = Tensor(shape: [2], scalars: [1e-3 + 1e-7, -0.3])
        var withBias = Tape(parameters: NamedTensors([("w", weight), ("b", bias)]), policy: .scaled(.mxfp8()))
        var without = Tape(parameters: NamedTensors([("w", weight)]), policy: .scaled(.mxfp8()))
        let y = withBias.linear(withBias.constant(x), weight: withBias.parameter("w"), bias: withBias.parameter("b"))
        let bare = without.linear(without.constant(x), weight: without.parameter("w"), bias: nil)
        let product = without.value(bare)
        for (index, value) in withBias.value(y).scalars.enumerated() {
            #expect(value == product.scalars[index] + bias.scalars[index % 2])
        }
        // Column sums exact in FP32 in any order, of values E4M3 does not hold.
        let c = Tensor(shape: [3, 2], scalars: [1.0625, 2, 3, 4.03125, 5, 6])
        let gradients = withBias.backward(from: withBias.sum(withBias.multiply(y, withBias.constant(c))))
        #expect(gradients.parameters.tensors[1].scalars == [c.scalars[0] + c.scalars[2] + c.scalars[4],
                                                            c.scalars[1] + c.scalars[3] + c.scalars[5]])
    }
}
