import Foundation

/// The ops, one method each. Shapes are checked with a precondition naming both shapes.
extension Tape {
    // MARK: Elementwise with broadcasting

    /// `a + b`, with NumPy broadcasting.
    public mutating func add(_ a: Variable, _ b: Variable) -> Variable {
        record(.add, [a, b]) { Kernels.broadcast($0[0], $0[1], +) }
    }

    /// `a - b`, with NumPy broadcasting.
    public mutating func subtract(_ a: Variable, _ b: Variable) -> Variable {
        record(.subtract, [a, b]) { Kernels.broadcast($0[0], $0[1], -) }
    }

    /// `a ⊙ b`, with NumPy broadcasting.
    public mutating func multiply(_ a: Variable, _ b: Variable) -> Variable {
        record(.multiply, [a, b]) { Kernels.broadcast($0[0], $0[1], *) }
    }

    /// `a / b`, with NumPy broadcasting. Division by zero gives ±∞ or NaN, as IEEE says.
    public mutating func divide(_ a: Variable, _ b: Variable) -> Variable {
        record(.divide, [a, b]) { Kernels.broadcast($0[0], $0[1], /) }
    }

    /// `x · factor`; the result keeps `x`'s format (a Python scalar in PyTorch).
    public mutating func scale(_ x: Variable, by factor: Float) -> Variable {
        record(.scale(factor), [x]) { Kernels.map($0[0]) { $0 * factor } }
    }

    // MARK: Elementwise functions

    /// `eˣ` (on autocast's FP32 list).
    public mutating func exp(_ x: Variable) -> Variable {
        record(.exp, [x]) { Kernels.map($0[0]) { Foundation.exp($0) } }
    }

    /// The natural logarithm (on autocast's FP32 list): -∞ at 0, NaN below.
    public mutating func log(_ x: Variable) -> Variable {
        record(.log, [x]) { Kernels.map($0[0]) { Foundation.log($0) } }
    }

    /// The hyperbolic tangent.
    public mutating func tanh(_ x: Variable) -> Variable {
        record(.tanh, [x]) { Kernels.map($0[0]) { Foundation.tanh($0) } }
    }

    /// The logistic function `1 / (1 + e⁻ˣ)`.
    public mutating func sigmoid(_ x: Variable) -> Variable {
        record(.sigmoid, [x]) { Kernels.map($0[0], Kernels.sigmoid) }
    }

    /// `max(x, 0)`; the derivative at 0 is 0, as in PyTorch. NaN stays NaN.
    public mutating func relu(_ x: Variable) -> Variable {
        record(.relu, [x]) { Kernels.map($0[0]) { $0 > 0 || $0.isNaN ? $0 : 0 } }
    }

    /// The exact GELU, `x Φ(x)` (PyTorch's default, not the tanh approximation).
    public mutating func gelu(_ x: Variable) -> Variable {
        var errors: [Float] = []
        let y = record(.gelu, [x]) { inputs in
            let (value, erf) = Kernels.gelu(inputs[0])
            errors = erf
            return value
        }
        nodes[y.id].saved = errors
        return y
    }

    /// `x²`.
    public mutating func square(_ x: Variable) -> Variable {
        record(.square, [x]) { Kernels.map($0[0]) { $0 * $0 } }
    }

    // MARK: Reductions

    /// The sum over `axes` (all axes when nil), which are removed from the shape. On
    /// autocast's FP32 list; accumulated in `Double`.
    public mutating func sum(_ x: Variable, axes: [Int]? = nil) -> Variable {
        let axes = axes ?? Array(0..<shape(x).count)
        return record(.sum(axes: axes), [x]) { Kernels.sum($0[0], axes: axes) }
    }

    /// The mean over `axes` (all axes when nil), which are removed from the shape.
    public mutating func mean(_ x: Variable, axes: [Int]? = nil) -> Variable {
        let axes = axes ?? Array(0..<shape(x).count)
        let count = Kernels.normalized(axes, rank: shape(x).count).reduce(1) { $0 * shape(x)[$1] }
        return record(.mean(axes: axes), [x]) { inputs in
            let total = Kernels.sum(inputs[0], axes: axes)
            return Kernels.map(total) { $0 / Float(count) }
        }
    }

    /// Softmax along the last axis, stable (the row maximum is subtracted first). A row of
    /// all -∞ gives NaN, as in PyTorch.
    public mutating func softmax(_ x: Variable) -> Variable {
        record(.softmax, [x]) { Kernels.softmax($0[0], log: false) }
    }

    /// Log-softmax along the last axis, computed as `x - max - log Σ e^(x - max)`.
    public mutating func logSoftmax(_ x: Variable) -> Variable {
        record(.logSoftmax, [x]) { Kernels.softmax($0[0], log: true) }
    }

    /// Layer normalisation over the last axis (biased variance, `epsilon` inside the square
    /// root), then `weight ⊙ x̂ + bias`.
    public mutating func layerNorm(_ x: Variable, weight: Variable, bias: Variable, epsilon: Float = 1e-5) -> Variable {
        record(.layerNorm(epsilon: epsilon), [x, weight, bias]) {
            Kernels.layerNorm($0[0], weight: $0[1], bias: $0[2], epsilon: epsilon)
        }
    }

    // MARK: Products

    /// The matrix product of the last two axes, with optional transposes. `b` is either one
    /// matrix, shared by every leading index of `a`, or a stack with `a`'s leading axes.
    /// On autocast's low-precision list; accumulated in FP32. Under
    /// ``PrecisionPolicy/scaled(_:)``, `a` and `b` are operands ``ProductOperand/a`` and
    /// ``ProductOperand/b`` of a scaled product.
    public mutating func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        let scaled = scaledProduct(a, b)
        let y = record(.matmul(transposeA: transposeA, transposeB: transposeB), [a, b]) {
            Kernels.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB, scaled: scaled)
        }
        nodes[y.id].scaled = scaled
        return y
    }

    /// `x · weightᵀ + bias` (PyTorch's `linear`): `x` is `[..., in]`, `weight` `[out, in]`,
    /// `bias` `[out]`. On autocast's low-precision list. Under ``PrecisionPolicy/scaled(_:)``,
    /// `x` and `weight` are operands ``ProductOperand/a`` and ``ProductOperand/b`` of a
    /// scaled product, and the bias is added in FP32.
    public mutating func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
        let scaled = scaledProduct(x, weight)
        let y = record(.linear, [x, weight] + (bias.map { [$0] } ?? [])) {
            Kernels.linear($0[0], weight: $0[1], bias: $0.count > 2 ? $0[2] : nil, scaled: scaled)
        }
        nodes[y.id].scaled = scaled
        return y
    }

    // MARK: Layout

    /// Rows of `table` (`[vocabulary, width]`) for each token in `indices`, which has shape
    /// `shape`; the result is `shape + [width]`.
    public mutating func embedding(_ table: Variable, indices: [Int], shape: [Int]) -> Variable {
        precondition(indices.count == shape.reduce(1, *), "\(indices.count) indices for shape \(shape)")
        return record(.embedding(indices: indices), [table]) {
            Kernels.embedding($0[0], indices: indices, shape: shape)
        }
    }

    /// The same elements under another shape with as many elements.
    public mutating func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
        record(.reshape, [x]) { $0[0].reshaped(shape) }
    }

    /// The axes reordered: axis `i` of the result is axis `axes[i]` of `x`.
    public mutating func permute(_ x: Variable, _ axes: [Int]) -> Variable {
        record(.permute(axes), [x]) { Kernels.permute($0[0], axes) }
    }

    /// Elements `range` along `axis`.
    public mutating func slice(_ x: Variable, axis: Int, _ range: Range<Int>) -> Variable {
        record(.slice(axis: axis, start: range.lowerBound), [x]) {
            Kernels.slice($0[0], axis: axis, start: range.lowerBound, count: range.count)
        }
    }

    /// The tensors joined along `axis`.
    public mutating func concat(_ parts: [Variable], axis: Int) -> Variable {
        record(.concat(axis: axis), parts) { Kernels.concat($0, axis: axis) }
    }

    /// `x` (`[..., T, T]`) with every element above the diagonal set to -∞, so that a
    /// softmax over the last axis lets position `i` see only positions `≤ i`.
    public mutating func causalMask(_ x: Variable) -> Variable {
        record(.causalMask, [x]) { Kernels.causalMask($0[0]) }
    }

    // MARK: Losses

    /// Mean cross-entropy of `logits` (`[..., classes]`) against one class per row; rows
    /// whose target is `ignoreIndex` (PyTorch's -100) are skipped. NaN if every row is
    /// ignored. On autocast's FP32 list.
    public mutating func crossEntropy(_ logits: Variable, targets: [Int], ignoreIndex: Int = -100) -> Variable {
        record(.crossEntropy(targets: targets, ignoreIndex: ignoreIndex), [logits]) {
            Kernels.crossEntropy($0[0], targets: targets, ignoreIndex: ignoreIndex)
        }
    }

    /// The z-loss of PaLM (Chowdhery et al. 2022): the mean of `(log Z)²` over the rows of
    /// `logits` (`[..., classes]`) whose target is not `ignoreIndex`, where `Z = Σ e^logit` is
    /// the row's softmax normaliser, so the positions and the count are the cross-entropy's.
    /// Multiplied by a small coefficient (PaLM's is 1e-4) and added to the cross-entropy, it
    /// pulls `log Z` towards 0, so the logits stay close to log-probabilities.
    ///
    /// As `torch.logsumexp(logits, -1)[targets != ignoreIndex].pow(2).mean()`. NaN if every
    /// row is ignored; `log Z` is computed stably (the row maximum subtracted first). On
    /// autocast's FP32 list here (CUDA autocast's lists leave `logsumexp` out, so PyTorch
    /// computes it in the logits' dtype; implementations compute the z-loss in FP32). With
    /// ``recordsStatistics``, notes the mean `log Z` in ``statistics``.
    public mutating func zLoss(_ logits: Variable, targets: [Int], ignoreIndex: Int = -100) -> Variable {
        var logZ: [Float] = []
        let y = record(.zLoss(targets: targets, ignoreIndex: ignoreIndex), [logits]) { inputs in
            let (value, rows) = Kernels.zLoss(inputs[0], targets: targets, ignoreIndex: ignoreIndex)
            logZ = rows
            return value
        }
        nodes[y.id].saved = logZ
        if recordsStatistics { noteLogZ(logZ, targets: targets, ignoreIndex: ignoreIndex) }
        return y
    }

    /// The mean of `(prediction - target)²` over every element; the shapes must be equal.
    /// On autocast's FP32 list.
    public mutating func meanSquaredError(_ prediction: Variable, _ target: Variable) -> Variable {
        precondition(shape(prediction) == shape(target),
                     "prediction \(shape(prediction)) and target \(shape(target)) differ in shape")
        return record(.meanSquaredError, [prediction, target]) { inputs in
            var total = 0.0
            for (p, t) in Swift.zip(inputs[0].scalars, inputs[1].scalars) {
                let d = Double(p - t)
                total += d * d
            }
            return Tensor(scalar: Float(total / Double(max(inputs[0].count, 1))))
        }
    }
}
