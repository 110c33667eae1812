import Precision

/// Where a Transformer block normalises: before each sublayer (pre-LN) or after each residual
/// sum (post-LN).
public enum BlockNormalization: String, Hashable, Sendable, Codable, CaseIterable {
    /// `x = x + attn(ln1(x))`, `x = x + mlp(ln2(x))`, and a final `ln_f` before the head
    /// (GPT-2's arrangement). The residual stream is never normalised, so the gradient has an
    /// identity path from the loss to every block.
    case preLayerNorm
    /// `x = ln1(x + attn(x))`, `x = ln2(x + mlp(x))`, and no final layer norm (the original
    /// Transformer's arrangement, `nn.TransformerEncoderLayer(norm_first=False)`). Every
    /// gradient passes through the layer norms of the blocks above; Xiong et al. (2020) show
    /// that near the output it is large at initialisation, so post-LN needs a learning-rate
    /// warmup where pre-LN does not.
    case postLayerNorm
}

/// The sizes and the architecture options of a ``TinyTransformer``.
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
    /// Where the blocks normalise (pre-LN by default).
    public var normalization: BlockNormalization
    /// Whether attention layer-normalises queries and keys per head (QK-layernorm; see
    /// ``CausalSelfAttention``). Off by default.
    public var qkLayerNorm: Bool

    /// A configuration; `hidden` defaults to `4 × width`, the blocks to pre-LN without
    /// QK-layernorm.
    public init(vocabulary: Int, context: Int, width: Int, heads: Int, layers: Int, hidden: Int? = nil,
                normalization: BlockNormalization = .preLayerNorm, qkLayerNorm: Bool = false) {
        self.vocabulary = vocabulary
        self.context = context
        self.width = width
        self.heads = heads
        self.layers = layers
        self.hidden = hidden ?? 4 * width
        self.normalization = normalization
        self.qkLayerNorm = qkLayerNorm
    }
}

/// A tiny decoder-only Transformer, by default with pre-layer-norm blocks (GPT-2's
/// arrangement): `x = tok_emb[tokens] + pos_emb`, then per block `x += attn(ln1(x))`,
/// `x += mlp(ln2(x))` (GELU), and `logits = ln_f(x)·headᵀ` (untied, no bias).
///
/// The configuration can make the blocks post-LN (``BlockNormalization/postLayerNorm``:
/// `x = ln1(x + attn(x))`, `x = ln2(x + mlp(x))`, `logits = x·headᵀ`, no `ln_f`) and add
/// QK-layernorm to every attention layer; ``loss(_:zLoss:on:)`` can add a z-loss.
public struct TinyTransformer: Sendable {
    /// The sizes.
    public let configuration: TransformerConfiguration
    /// Every parameter, in a fixed order.
    public var parameters: NamedTensors

    /// A model initialised GPT-2 style from `seed`: normal weights with deviation 0.02
    /// (0.02/√(2·layers) for the projections that feed the residual stream), zero biases,
    /// layer norms at ones and zeros. The options draw the same random weights: QK-layernorm
    /// adds layer norms at ones and zeros, post-LN leaves out `ln_f`.
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
            for pair in block.attention.queryKeyNormParameters { parameters.append(pair.0, pair.1) }
            add(block.attention.projection, deviation: residual)
            for pair in block.norm2.initialParameters { parameters.append(pair.0, pair.1) }
            add(block.mlp.layers[0], deviation: 0.02)
            add(block.mlp.layers[1], deviation: residual)
        }
        if let final = Self.finalNorm(c) {
            for pair in final.initialParameters { parameters.append(pair.0, pair.1) }
        }
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

        /// The block applied to the residual stream `x`.
        func callAsFunction(_ x: Variable, _ normalization: BlockNormalization, on tape: inout Tape) -> Variable {
            switch normalization {
            case .preLayerNorm:
                let x = tape.scoped(attention.name) { tape in tape.add(x, attention(norm1(x, on: &tape), on: &tape)) }
                return tape.scoped(name + ".mlp") { tape in tape.add(x, mlp(norm2(x, on: &tape), on: &tape)) }
            case .postLayerNorm:
                let x = tape.scoped(attention.name) { tape in norm1(tape.add(x, attention(x, on: &tape)), on: &tape) }
                return tape.scoped(name + ".mlp") { tape in norm2(tape.add(x, mlp(x, on: &tape)), on: &tape) }
            }
        }
    }

    static func blocks(_ c: TransformerConfiguration) -> [Block] {
        (0..<c.layers).map { i in
            Block(name: "blocks.\(i)",
                  norm1: LayerNorm("blocks.\(i).ln1", width: c.width),
                  attention: CausalSelfAttention("blocks.\(i).attn", width: c.width, heads: c.heads,
                                                 qkLayerNorm: c.qkLayerNorm),
                  norm2: LayerNorm("blocks.\(i).ln2", width: c.width),
                  mlp: MLP("blocks.\(i).mlp", sizes: [c.width, c.hidden, c.width], activation: .gelu))
        }
    }

    /// `ln_f`, which only pre-LN blocks have.
    static func finalNorm(_ c: TransformerConfiguration) -> LayerNorm? {
        switch c.normalization {
        case .preLayerNorm: LayerNorm("ln_f", width: c.width)
        case .postLayerNorm: nil
        }
    }

    /// The logits `[batch, length, vocabulary]` for `tokens` (row-major `[batch, length]`).
    public func logits(_ tokens: [Int], batch: Int, length: Int, on tape: inout Tape) -> Variable {
        precondition(length <= configuration.context, "sequence of \(length) exceeds context \(configuration.context)")
        let embedded = tape.embedding(tape.parameter("tok_emb"), indices: tokens, shape: [batch, length])
        let positions = tape.slice(tape.parameter("pos_emb"), axis: 0, 0..<length)
        var x = tape.add(embedded, positions)
        for block in Self.blocks(configuration) {
            x = block(x, configuration.normalization, on: &tape)
        }
        let normed = Self.finalNorm(configuration).map { $0(x, on: &tape) } ?? x
        return tape.scoped("head") { tape in
            Linear("head", inputs: configuration.width, outputs: configuration.vocabulary, bias: false)(normed, on: &tape)
        }
    }

    /// The mean next-token cross-entropy on `batch` (ignored targets skipped), plus
    /// `zLoss` times the z-loss (``Tape/zLoss(_:targets:ignoreIndex:)``, the mean `log² Z`
    /// over the same positions) when `zLoss` is not 0: PaLM's coefficient is 1e-4.
    ///
    /// As `F.cross_entropy(logits, targets) + zLoss * z` in PyTorch. With the default 0 the
    /// loss is the cross-entropy alone, with no z-loss op on the tape. With
    /// ``Tape/recordsStatistics`` on, notes the mean `log Z` of the logits either way.
    public func loss(_ batch: TokenBatch, zLoss coefficient: Float = 0, on tape: inout Tape) -> Variable {
        let logits = logits(batch.inputs, batch: batch.batchSize, length: batch.length, on: &tape)
        let crossEntropy = tape.crossEntropy(logits, targets: batch.targets)
        guard coefficient != 0 else {
            tape.noteLogits(logits, targets: batch.targets)
            return crossEntropy
        }
        return tape.add(crossEntropy, tape.scale(tape.zLoss(logits, targets: batch.targets), by: coefficient))
    }
}
