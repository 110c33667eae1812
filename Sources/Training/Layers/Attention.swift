import Precision

/// Multi-head causal self-attention: `name.qkv` projects to queries, keys and values (in
/// that order along the last axis), each head attends over the positions up to its own
/// with scores `q·kᵀ/√d_head`, and `name.proj` mixes the heads.
public struct CausalSelfAttention: Sendable {
    /// The parameter prefix.
    public let name: String
    /// The model width and the number of heads (which must divide it).
    public let width: Int, heads: Int
    /// The projections.
    public let qkv: Linear, projection: Linear

    /// A layer description.
    public init(_ name: String, width: Int, heads: Int) {
        precondition(width % heads == 0, "\(heads) heads do not divide width \(width)")
        self.name = name
        self.width = width
        self.heads = heads
        qkv = Linear(parameterName(name, "qkv"), inputs: width, outputs: 3 * width)
        projection = Linear(parameterName(name, "proj"), inputs: width, outputs: width)
    }

    /// The output for `x` of shape `[batch, T, width]`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        attend(x, on: &tape).output
    }

    /// The output and the attention weights `[batch, heads, T, T]`.
    public func attend(_ x: Variable, on tape: inout Tape) -> (output: Variable, weights: Variable) {
        let shape = tape.shape(x)
        let (batch, length) = (shape[0], shape[1])
        let headWidth = width / heads
        let projected = qkv(x, on: &tape)
        func split(_ part: Int, _ tape: inout Tape) -> Variable {
            let slice = tape.slice(projected, axis: 2, (part * width)..<((part + 1) * width))
            return tape.permute(tape.reshape(slice, [batch, length, heads, headWidth]), [0, 2, 1, 3])
        }
        let q = split(0, &tape), k = split(1, &tape), v = split(2, &tape)
        let flat = [batch * self.heads, length, headWidth]
        let scores = tape.scale(tape.matmul(tape.reshape(q, flat), tape.reshape(k, flat), transposeB: true),
                                by: Float(1 / Double(headWidth).squareRoot()))
        let weights = tape.softmax(tape.causalMask(scores))
        let mixed = tape.matmul(weights, tape.reshape(v, flat))
        let merged = tape.reshape(tape.permute(tape.reshape(mixed, [batch, self.heads, length, headWidth]), [0, 2, 1, 3]),
                                  [batch, length, width])
        return (projection(merged, on: &tape), tape.reshape(weights, [batch, self.heads, length, length]))
    }
}
