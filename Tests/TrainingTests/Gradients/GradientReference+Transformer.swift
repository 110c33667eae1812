import Foundation

/// A Float64 reference of the tiny Transformer's loss, with every architecture option, from
/// the references of its pieces.
extension GradientReference {
    /// The sizes and options of a reference Transformer (the fields of
    /// `TransformerConfiguration`, restated so that nothing here reads `Training`).
    struct TransformerShape {
        var vocabulary: Int, width: Int, heads: Int, layers: Int, hidden: Int
        var postLayerNorm: Bool, qkLayerNorm: Bool
    }

    /// The mean cross-entropy of the next-token logits of `tokens` (`[batch, length]`), plus
    /// `zLoss` times the mean `log² Z` over the same rows. `parameters` are looked up by the
    /// names `TinyTransformer` gives them.
    ///
    /// Pre-LN: `x += attn(ln1(x))`, `x += mlp(ln2(x))`, `logits = ln_f(x)·headᵀ`. Post-LN:
    /// `x = ln1(x + attn(x))`, `x = ln2(x + mlp(x))`, `logits = x·headᵀ`.
    static func transformerLoss(_ parameters: [String: [Double]], shape s: TransformerShape, tokens: [Int],
                                targets: [Int], batch: Int, length: Int, zLoss: Double) -> Double {
        func p(_ name: String) -> [Double] {
            guard let values = parameters[name] else { preconditionFailure("reference: no parameter \(name)") }
            return values
        }
        func norm(_ x: [Double], _ name: String) -> [Double] {
            layerNorm(x, weight: p(name + ".weight"), bias: p(name + ".bias"))
        }
        let embedded = embedding(p("tok_emb"), width: s.width, indices: tokens)
        let positions = p("pos_emb")
        var x = embedded.indices.map { embedded[$0] + positions[$0 % (length * s.width)] }
        for block in 0..<s.layers {
            let n = "blocks.\(block)"
            func attend(_ h: [Double]) -> [Double] {
                attention(h, batch: batch, length: length, width: s.width, heads: s.heads,
                          qkvWeight: p(n + ".attn.qkv.weight"), qkvBias: p(n + ".attn.qkv.bias"),
                          projectionWeight: p(n + ".attn.proj.weight"), projectionBias: p(n + ".attn.proj.bias"),
                          queryGain: s.qkLayerNorm ? p(n + ".attn.q_ln.weight") : nil,
                          keyGain: s.qkLayerNorm ? p(n + ".attn.k_ln.weight") : nil)
            }
            func mlp(_ h: [Double]) -> [Double] {
                let inner = linear(h, weight: p(n + ".mlp.fc0.weight"), bias: p(n + ".mlp.fc0.bias"), outputs: s.hidden)
                return linear(inner.map(gelu), weight: p(n + ".mlp.fc1.weight"), bias: p(n + ".mlp.fc1.bias"),
                              outputs: s.width)
            }
            func plus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
            if s.postLayerNorm {
                x = norm(plus(x, attend(x)), n + ".ln1")
                x = norm(plus(x, mlp(x)), n + ".ln2")
            } else {
                x = plus(x, attend(norm(x, n + ".ln1")))
                x = plus(x, mlp(norm(x, n + ".ln2")))
            }
        }
        let final = s.postLayerNorm ? x : norm(x, "ln_f")
        let logits = linear(final, weight: p("head.weight"), bias: nil, outputs: s.vocabulary)
        let loss = crossEntropy(logits, classes: s.vocabulary, targets: targets)
        return zLoss == 0 ? loss : loss + zLoss * GradientReference.zLoss(logits, classes: s.vocabulary, targets: targets)
    }
}
