import Foundation

/// Every derivative rule, one `switch` over ``Op``.
extension Tape {
    /// The gradients of `node`'s inputs given the gradient `g` of its result (nil for an
    /// input that needs none). Computed in `Float`; the caller rounds each into its input's
    /// format.
    func inputGradients(of node: Node, _ g: Tensor) -> [Tensor?] {
        let x = node.inputs.map { nodes[$0].value }
        let y = node.value
        switch node.op {
        case .leaf:
            return []
        case .cast, .reshape:
            return [g.reshaped(x[0].shape)]
        case .add:
            return [g.summed(toShape: x[0].shape), g.summed(toShape: x[1].shape)]
        case .subtract:
            return [g.summed(toShape: x[0].shape), Kernels.map(g) { -$0 }.summed(toShape: x[1].shape)]
        case .multiply:
            return [Kernels.broadcast(g, x[1], *).summed(toShape: x[0].shape),
                    Kernels.broadcast(g, x[0], *).summed(toShape: x[1].shape)]
        case .divide:
            let gx = Kernels.broadcast(g, x[1], /)
            let gy = Kernels.zip(gx, y) { -$0 * $1 }
            return [gx.summed(toShape: x[0].shape), gy.summed(toShape: x[1].shape)]
        case .scale(let factor):
            return [Kernels.map(g) { $0 * factor }]
        case .exp:
            return [Kernels.zip(g, y, *)]
        case .log:
            return [Kernels.zip(g, x[0], /)]
        case .tanh:
            return [Kernels.zip(g, y) { $0 * (1 - $1 * $1) }]
        case .sigmoid:
            return [Kernels.zip(g, y) { $0 * $1 * (1 - $1) }]
        case .relu:
            return [Kernels.zip(g, x[0]) { $1 > 0 ? $0 : 0 }]
        case .gelu:
            guard let erf = node.saved else { preconditionFailure("a gelu node keeps erf(x/√2) from its forward pass") }
            return [Kernels.geluGradient(g, x: x[0], erf: erf)]
        case .square:
            return [Kernels.zip(g, x[0]) { 2 * $0 * $1 }]
        case .sum(let axes):
            return [Kernels.expand(g, axes: axes, to: x[0].shape)]
        case .mean(let axes):
            let count = Float(x[0].count / max(g.count, 1))
            return [Kernels.map(Kernels.expand(g, axes: axes, to: x[0].shape)) { $0 / count }]
        case .softmax:
            return [Kernels.softmaxGradient(g, output: y, log: false)]
        case .logSoftmax:
            return [Kernels.softmaxGradient(g, output: y, log: true)]
        case .layerNorm(let epsilon):
            return Kernels.layerNormGradients(g, x: x[0], weight: x[1], epsilon: epsilon)
        case .matmul(let transposeA, let transposeB):
            return Kernels.matmulGradients(g, x[0], x[1], transposeA: transposeA, transposeB: transposeB,
                                           scaled: node.scaled)
        case .linear:
            let width = x[1].shape[0]
            let rows = Tensor(shape: [g.count / width, width], scalars: g.scalars)
            let inputs = x[0].reshaped([x[0].count / x[1].shape[1], x[1].shape[1]])
            return [Kernels.matmul(g, x[1], transposeA: false, transposeB: false,
                                   scaled: node.scaled, operands: (.gradient, .b)).reshaped(x[0].shape),
                    Kernels.matmul(rows, inputs, transposeA: true, transposeB: false,
                                   scaled: node.scaled, operands: (.gradient, .a))]
                + (x.count > 2 ? [rows.summed(toShape: [width])] : [])
        case .embedding(let indices):
            return [Kernels.embeddingGradient(g, indices: indices, tableShape: x[0].shape)]
        case .permute(let axes):
            return [Kernels.permute(g, Kernels.inverse(axes))]
        case .slice(let axis, let start):
            return [Kernels.padded(g, axis: axis, start: start, size: x[0].shape[axis])]
        case .concat(let axis):
            var start = 0
            return x.map { part in
                defer { start += part.shape[axis] }
                return Kernels.slice(g, axis: axis, start: start, count: part.shape[axis])
            }
        case .causalMask:
            return [Kernels.masked(g, with: 0)]
        case .crossEntropy(let targets, let ignoreIndex):
            return [Kernels.crossEntropyGradient(g.scalar, logits: x[0], targets: targets, ignoreIndex: ignoreIndex)]
        case .zLoss(let targets, let ignoreIndex):
            guard let logZ = node.saved else { preconditionFailure("a zLoss node keeps log Z from its forward pass") }
            return [Kernels.zLossGradient(g.scalar, logits: x[0], logZ: logZ, targets: targets, ignoreIndex: ignoreIndex)]
        case .meanSquaredError:
            let factor = 2 * g.scalar / Float(max(x[0].count, 1))
            let gp = Kernels.zip(x[0], x[1]) { factor * ($0 - $1) }
            return [gp, Kernels.map(gp) { -$0 }]
        }
    }
}
