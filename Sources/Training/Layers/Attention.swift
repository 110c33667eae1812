import Precision

/// Multi-head causal self-attention: `name.qkv` projects to queries, keys and values (in
/// that order along the last axis), each head attends over the positions up to its own
/// with scores `q·kᵀ/√d_head`, and `name.proj` mixes the heads.
///
/// With QK-layernorm (Dehghani et al. 2023, ViT-22B; Wortsman et al. 2023), each head's
/// query and key are layer-normalised over the head's width before the product, by
/// `name.q_ln` and `name.k_ln`: a learnable gain of width `d_head` each, shared by the
/// heads, and no bias (`nn.LayerNorm(head_dim, bias=False)`), as ViT-22B's layer norms have
/// none. A key bias would be useless anyway: it adds the same `q·β` to every score of a
/// row, which the softmax ignores, so its gradient is zero. A normalised query or key has
/// norm `√d_head`, so with unit gains a score is at most `√d_head` in size
/// (Cauchy–Schwarz), however large the projections grow; only the gains can grow it.
public struct CausalSelfAttention: Sendable {
    /// The parameter prefix.
    public let name: String
    /// The model width and the number of heads (which must divide it).
    public let width: Int, heads: Int
    /// The projections.
    public let qkv: Linear, projection: Linear
    /// The layer norms of queries and keys, nil without QK-layernorm.
    public let queryKeyNorms: (query: LayerNorm, key: LayerNorm)?

    /// A layer description; `qkLayerNorm` adds the query and key layer norms.
    public init(_ name: String, width: Int, heads: Int, qkLayerNorm: Bool = false) {
        precondition(width % heads == 0, "\(heads) heads do not divide width \(width)")
        self.name = name
        self.width = width
        self.heads = heads
        qkv = Linear(parameterName(name, "qkv"), inputs: width, outputs: 3 * width)
        projection = Linear(parameterName(name, "proj"), inputs: width, outputs: width)
        queryKeyNorms = qkLayerNorm
            ? (LayerNorm(parameterName(name, "q_ln"), width: width / heads, bias: false),
               LayerNorm(parameterName(name, "k_ln"), width: width / heads, bias: false))
            : nil
    }

    /// The query and key layer norms' gains (ones), none without QK-layernorm.
    public var queryKeyNormParameters: [(String, Tensor)] {
        queryKeyNorms.map { $0.query.initialParameters + $0.key.initialParameters } ?? []
    }

    /// The output for `x` of shape `[batch, T, width]`.
    public func callAsFunction(_ x: Variable, on tape: inout Tape) -> Variable {
        attend(x, on: &tape).output
    }

    /// The output and the attention weights `[batch, heads, T, T]`. With
    /// ``Tape/recordsStatistics`` on, notes the layer's ``AttentionStatistics``.
    public func attend(_ x: Variable, on tape: inout Tape) -> (output: Variable, weights: Variable) {
        let shape = tape.shape(x)
        let (batch, length) = (shape[0], shape[1])
        let headWidth = width / heads
        let projected = qkv(x, on: &tape)
        func split(_ part: Int, _ tape: inout Tape) -> Variable {
            let slice = tape.slice(projected, axis: 2, (part * width)..<((part + 1) * width))
            return tape.permute(tape.reshape(slice, [batch, length, heads, headWidth]), [0, 2, 1, 3])
        }
        var q = split(0, &tape), k = split(1, &tape)
        let v = split(2, &tape)
        if let norms = queryKeyNorms {
            q = norms.query(q, on: &tape)
            k = norms.key(k, on: &tape)
        }
        let flat = [batch * self.heads, length, headWidth]
        let scores = tape.scale(tape.matmul(tape.reshape(q, flat), tape.reshape(k, flat), transposeB: true),
                                by: Float(1 / Double(headWidth).squareRoot()))
        let logits = tape.causalMask(scores)
        let weights = tape.softmax(logits)
        tape.noteAttention(logits: logits, weights: weights)
        let mixed = tape.matmul(weights, tape.reshape(v, flat))
        let merged = tape.reshape(tape.permute(tape.reshape(mixed, [batch, self.heads, length, headWidth]), [0, 2, 1, 3]),
                                  [batch, length, width])
        return (projection(merged, on: &tape), tape.reshape(weights, [batch, self.heads, length, length]))
    }
}
