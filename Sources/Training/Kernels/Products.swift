extension Kernels {
    /// The matrix dimensions of `a · b` with optional transposes: `a` is `[..., m, k]`
    /// (`[..., k, m]` when transposed) and `b` is either one matrix `[k, n]`, shared by every
    /// leading index of `a`, or a stack with the same leading axes as `a`.
    struct ProductShape {
        let batch: Int
        let m: Int, n: Int, k: Int
        let sharedRight: Bool
        let outputShape: [Int]

        init(_ a: [Int], _ b: [Int], transposeA: Bool, transposeB: Bool) {
            precondition(a.count >= 2 && b.count >= 2, "matmul needs matrices, got \(a) and \(b)")
            let bRows = b[b.count - 2], bColumns = b[b.count - 1]
            let (bk, bn) = transposeB ? (bColumns, bRows) : (bRows, bColumns)
            let aRows = a[a.count - 2], aColumns = a[a.count - 1]
            if b.count == 2, !transposeA {
                // Fold a's leading axes into its rows: one product.
                sharedRight = true
                batch = 1
                m = a.dropLast().reduce(1, *)
                k = aColumns
            } else {
                precondition(b.count == 2 || Array(a.dropLast(2)) == Array(b.dropLast(2)),
                             "matmul batch axes differ: \(a) and \(b)")
                sharedRight = b.count == 2
                batch = a.dropLast(2).reduce(1, *)
                (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
            }
            precondition(k == bk, "matmul inner sizes differ: \(a)\(transposeA ? "ᵀ" : "") · \(b)\(transposeB ? "ᵀ" : "")")
            n = bn
            outputShape = Array(a.dropLast(2)) + [transposeA ? aColumns : aRows, bn]
        }
    }

    /// `a · b` (see ``ProductShape``), accumulated in FP32 by OpenBLAS.
    ///
    /// With `scaled`, `a` and `b` are first quantised as the product's `operands` (which
    /// tensor of the forward product each is) along the reduction dimension, and a limited
    /// accumulator, if the recipe has one, replaces OpenBLAS.
    static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool,
                       scaled: ScaledProduct? = nil, operands: (ProductOperand, ProductOperand) = (.a, .b)) -> Tensor {
        let plan = ProductShape(a.shape, b.shape, transposeA: transposeA, transposeB: transposeB)
        let a = scaled?.quantize(a, as: operands.0, reducingLastAxis: !transposeA) ?? a
        let b = scaled?.quantize(b, as: operands.1, reducingLastAxis: transposeB) ?? b
        let accumulator = scaled?.recipe.accumulator
        // Every element is written: by OpenBLAS (β = 0, so C is not read) or the accumulator.
        let count = plan.outputShape.reduce(1, *)
        guard count > 0 else { return Tensor(shape: plan.outputShape, scalars: []) }
        let result = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    for index in 0..<plan.batch {
                        let left = x.baseAddress! + index * plan.m * plan.k
                        let right = y.baseAddress! + (plan.sharedRight ? 0 : index * plan.k * plan.n)
                        let product = out.baseAddress! + index * plan.m * plan.n
                        if let accumulator {
                            accumulator.gemm(left, transposeA: transposeA, right, transposeB: transposeB,
                                             into: product, m: plan.m, n: plan.n, k: plan.k)
                        } else {
                            BLAS.gemm(left, transposeA: transposeA, right, transposeB: transposeB,
                                      into: product, m: plan.m, n: plan.n, k: plan.k)
                        }
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: plan.outputShape, scalars: result)
    }

    /// `x · weightᵀ + bias` for `x` of shape `[..., in]`, `weight` `[out, in]`, `bias` `[out]`:
    /// PyTorch's `linear`. The bias is added in FP32 before any rounding (and after the
    /// product, quantised as `scaled` says, if given).
    static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, scaled: ScaledProduct? = nil) -> Tensor {
        var y = matmul(x, weight, transposeA: false, transposeB: true, scaled: scaled)
        if let bias {
            let width = bias.count
            precondition(y.shape.last == width, "bias of \(width) for output shape \(y.shape)")
            y.scalars.withUnsafeMutableBufferPointer { out in
                bias.scalars.withUnsafeBufferPointer { b in
                    for start in stride(from: 0, to: out.count, by: width) {
                        for j in 0..<width { out[start + j] += b[j] }
                    }
                }
            }
        }
        return y
    }
}
