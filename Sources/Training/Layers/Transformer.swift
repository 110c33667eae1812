import Precision

/// The sizes of a ``TinyTransformer``.
public struct TransformerConfiguration: Hashable, Sendable {
    /// Tokens in the vocabulary.
    public var vocabulary: Int
    /// The longest sequence (positions with a learned embedding).
    public var context: Int
    /// The model width.
    public var width: Int
    /// Attention heads per block.
    public var heads: Int
    /// Transformer blocks.
    public var layers: Int
    /// The MLP's hidden width (4 × width by default).
    public var hidden: Int

    /// A configuration; `hidden` defaults to `4 × width`.
    public init(vocabulary: Int, context: Int, width: Int, heads: Int, layers: Int, hidden: Int? = nil) {
        self.vocabulary = vocabulary
        self.context = context
        self.width = width
        self.heads = heads
        self.layers = layers
        self.hidden = hidden ?? 4 * width
    }
}

/// A tiny decoder-only Transformer with pre-layer-norm blocks (GPT-2's arrangement):
/// `x = tok_emb[tokens] + pos_emb`, then per block `x += attn(ln1(x))`,
/// `x += mlp(ln2(x))` (GELU), and `logits = ln_f(x)·headᵀ` (untied, no bias).
public struct TinyTransformer: Sendable {
    /// The sizes.
    public let configuration: TransformerConfiguration
    /// Every parameter, in a fixed order.
    public var parameters: NamedTensors

    /// A model initialised GPT-2 style from `seed`: normal weights with deviation 0.02
    /// (0.02/√(2·layers) for the projections that feed the residual stream), zero biases,
    /// layer norms at ones and zeros.
    public init(_ configuration: TransformerConfiguration, seed: UInt64) {
        self.configuration = configuration
        var generator = SplitMix64(seed: seed)
        let c = configuration
        var parameters = NamedTensors()
        func normal(_ shape: [Int], _ deviation: Float) -> Tensor {
            Initialization.normal(shape, deviation: deviation, using: &generator)
        }
        func add(_ layer: Linear, deviation: Float) {
            for pair in layer.initialParameters(weight: normal([layer.outputs, layer.inputs], deviation),
                                                bias: Tensor(shape: [layer.outputs], repeating: 0)) {
                parameters.append(pair.0, pair.1)
            }
        }
        parameters.append("tok_emb", normal([c.vocabulary, c.width], 0.02))
        parameters.append("pos_emb", normal([c.context, c.width], 0.02))
        let residual = 0.02 / Float(2 * c.layers).squareRoot()
        for block in Self.blocks(c) {
            for pair in block.norm1.initialParameters { parameters.append(pair.0, pair.1) }
            add(block.attention.qkv, deviation: 0.02)
            add(block.attention.projection, deviation: residual)
            for pair in block.norm2.initialParameters { parameters.append(pair.0, pair.1) }
            add(block.mlp.layers[0], deviation: 0.02)
            add(block.mlp.layers[1], deviation: residual)
        }
        for pair in LayerNorm("ln_f", width: c.width).initialParameters { parameters.append(pair.0, pair.1) }
        add(Linear("head", inputs: c.width, outputs: c.vocabulary, bias: false), deviation: 0.02)
        self.parameters = parameters
    }

    /// A model with the given parameters (for example read from a file).
    public init(_ configuration: TransformerConfiguration, parameters: NamedTensors) {
        self.configuration = configuration
        self.parameters = parameters
    }

    struct Block {
        let name: String
        let norm1: LayerNorm, attention: CausalSelfAttention, norm2: LayerNorm, mlp: MLP
    }

    static func blocks(_ c: TransformerConfiguration) -> [Block] {
        (0..<c.layers).map { i in
            Block(name: "blocks.\(i)",
                  norm1: LayerNorm("blocks.\(i).ln1", width: c.width),
                  attention: CausalSelfAttention("blocks.\(i).attn", width: c.width, heads: c.heads),
                  norm2: LayerNorm("blocks.\(i).ln2", width: c.width),
                  mlp: MLP("blocks.\(i).mlp", sizes: [c.width, c.hidden, c.width], activation: .gelu))
        }
    }

    /// The logits `[batch, length, vocabulary]` for `tokens` (row-major `[batch, length]`).
    public func logits(_ tokens: [Int], batch: Int, length: Int, on tape: inout Tape) -> Variable {
        precondition(length <= configuration.context, "sequence of \(length) exceeds context \(configuration.context)")
        let embedded = tape.embedding(tape.parameter("tok_emb"), indices: tokens, shape: [batch, length])
        let positions = tape.slice(tape.parameter("pos_emb"), axis: 0, 0..<length)
        var x = tape.add(embedded, positions)
        for block in Self.blocks(configuration) {
            x = tape.scoped(block.attention.name) { tape in
                tape.add(x, block.attention(block.norm1(x, on: &tape), on: &tape))
            }
            x = tape.scoped(block.name + ".mlp") { tape in
                tape.add(x, block.mlp(block.norm2(x, on: &tape), on: &tape))
            }
        }
        let normed = LayerNorm("ln_f", width: configuration.width)(x, on: &tape)
        return tape.scoped("head") { tape in
            Linear("head", inputs: configuration.width, outputs: configuration.vocabulary, bias: false)(normed, on: &tape)
        }
    }

    /// The mean next-token cross-entropy on `batch` (ignored targets skipped).
    public func loss(_ batch: TokenBatch, on tape: inout Tape) -> Variable {
        let logits = logits(batch.inputs, batch: batch.batchSize, length: batch.length, on: &tape)
        return tape.crossEntropy(logits, targets: batch.targets)
    }
}
