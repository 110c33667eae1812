import Precision
import Training

/// What our layers computed for one oracle case, under the oracle's names.
struct LayerOracleRun {
    /// The forward results the case records (`y`, `logits`, `hidden`, ...).
    var outputs: [String: Tensor] = [:]
    /// The scalar loss.
    var loss: Tensor
    /// The gradient of the loss for every parameter and for the input `x`, if there is one.
    var gradients: [String: Tensor] = [:]

    /// The tape's statistics under the names `stability.py` gives them, for those of
    /// `wanted` (the case's outputs): one attention layer's (`max_logit`, `entropy`), every
    /// layer's (`attn_max_logit`, `attn_entropy`), and `mean_logz`.
    mutating func addStatistics(_ statistics: ForwardStatistics, wanted: some Collection<String>) {
        let layers = statistics.attention
        let values: [String: Tensor] = [
            "max_logit": Tensor(scalar: layers.first?.maxLogit ?? .nan),
            "entropy": Tensor(scalar: layers.first?.meanEntropy ?? .nan),
            "attn_max_logit": Tensor(shape: [layers.count], scalars: layers.map(\.maxLogit)),
            "attn_entropy": Tensor(shape: [layers.count], scalars: layers.map(\.meanEntropy)),
            "mean_logz": Tensor(scalar: statistics.meanLogZ ?? .nan),
        ]
        for key in wanted { if let value = values[key] { outputs[key] = value } }
    }
}

extension LayerOracle.Case {
    /// Our name for the oracle's parameter `name`. The single-layer cases build their layer
    /// with the name "" and store `weight`, `qkv.weight`, `weight_ih`, ... without a prefix;
    /// our layers join the prefix with a dot (`Linear("")` reads `.weight`), so the name is
    /// looked up among the names the layers themselves declare: the same name, or the one
    /// ending in `.` + name.
    func ourName(_ name: String) -> String {
        let declared = declaredParameterNames
        if declared.isEmpty || declared.contains(name) { return name }
        let matches = declared.filter { $0.hasSuffix("." + name) }
        precondition(matches.count == 1, "\(self.name): oracle parameter \(name) matches \(matches) of \(declared)")
        return matches[0]
    }

    /// The parameter names our single layers read; empty for the MLP and the transformer,
    /// whose names are the oracle's.
    private var declaredParameterNames: [String] {
        var generator = SplitMix64(seed: 0)  // only the names are used
        var pairs: [(String, Tensor)] = []
        switch kind {
        case "linear":
            pairs = Linear("", inputs: size("in_features"), outputs: size("out_features")).initialParameters(using: &generator)
        case "rnn":
            pairs = RNN("", inputs: size("input"), hidden: size("hidden")).initialParameters(using: &generator)
                + Linear("head", inputs: size("hidden"), outputs: size("output")).initialParameters(using: &generator)
        case "layernorm":
            pairs = LayerNorm("", width: size("width")).initialParameters
        case "attention":
            let attention = CausalSelfAttention("", width: size("width"), heads: size("heads"), qkLayerNorm: flag("qk_layernorm"))
            pairs = attention.qkv.initialParameters(using: &generator) + attention.queryKeyNormParameters
                + attention.projection.initialParameters(using: &generator)
        default:
            break
        }
        return pairs.map(\.0)
    }

    /// An option of `stability.json`'s cases (0 or 1 in `config`); false when absent.
    func flag(_ key: String) -> Bool { (config[key] ?? 0) != 0 }

    /// Runs the case's computation on a tape under its policy: forward, loss, backward. The
    /// tape records statistics, whose values are outputs where the case has them.
    func run() -> LayerOracleRun {
        if kind == "transformer" { return runTransformer() }
        var tape = Tape(parameters: parameters(renaming: ourName), policy: policy)
        tape.recordsStatistics = true
        let x = tape.input(input("x"))
        var outputs: [String: Variable] = [:]
        let loss: Variable
        switch kind {
        case "linear":
            let y = Linear("", inputs: size("in_features"), outputs: size("out_features"))(x, on: &tape)
            outputs["y"] = y
            loss = tape.meanSquaredError(y, tape.constant(input("target")))
        case "mlp-tanh", "mlp-relu", "mlp-gelu":
            guard let activation = Activation(rawValue: String(kind.dropFirst("mlp-".count))) else {
                preconditionFailure("\(name): unknown activation")
            }
            let sizes = [size("input")] + Array(repeating: size("hidden"), count: size("layers") - 1) + [size("output")]
            let logits = MLP(sizes: sizes, activation: activation)(x, on: &tape)
            outputs["logits"] = logits
            loss = tape.crossEntropy(logits, targets: integers("targets"))
        case "rnn":
            let (batch, hidden) = (size("batch"), size("hidden"))
            let states = RNN("", inputs: size("input"), hidden: hidden)(x, on: &tape)
            outputs["hidden"] = tape.concat(states.map { tape.reshape($0, [batch, 1, hidden]) }, axis: 1)
            let prediction = Linear("head", inputs: hidden, outputs: size("output"))(states[states.count - 1], on: &tape)
            outputs["prediction"] = prediction
            loss = tape.meanSquaredError(prediction, tape.constant(input("target")))
        case "layernorm":
            let y = LayerNorm("", width: size("width"), epsilon: Float(number("eps")))(x, on: &tape)
            outputs["y"] = y
            loss = tape.sum(tape.multiply(y, tape.constant(input("r"))))
        case "attention":
            let attention = CausalSelfAttention("", width: size("width"), heads: size("heads"), qkLayerNorm: flag("qk_layernorm"))
            let (out, weights) = attention.attend(x, on: &tape)
            (outputs["out"], outputs["att"]) = (out, weights)
            loss = tape.sum(tape.multiply(out, tape.constant(input("r"))))
        case "zloss":
            let targets = integers("targets")
            let z = tape.zLoss(x, targets: targets)
            outputs["z"] = z
            loss = tape.add(tape.crossEntropy(x, targets: targets), tape.scale(z, by: Float(number("z_loss"))))
        default:
            preconditionFailure("\(name): unknown kind \(kind)")
        }
        var run = LayerOracleRun(outputs: outputs.mapValues { tape.value($0) }, loss: tape.value(loss))
        run.addStatistics(tape.statistics, wanted: self.outputs.keys)
        let gradients = tape.backward(from: loss)
        for name in params.keys { run.gradients[name] = gradients.parameters[ourName(name)] }
        run.gradients["x"] = gradients[x]
        return run
    }

    /// The transformer through its public API: `loss(_:on:)` on one tape for the loss and
    /// the gradients, `logits` and block 0's first layers on a second tape for the outputs.
    private func runTransformer() -> LayerOracleRun {
        let configuration = TransformerConfiguration(
            vocabulary: size("vocab"), context: size("context"), width: size("width"), heads: size("heads"),
            layers: size("layers"), hidden: size("mlp_hidden"),
            normalization: flag("post_ln") ? .postLayerNorm : .preLayerNorm, qkLayerNorm: flag("qk_layernorm"))
        precondition(number("eps") == 1e-5, "our blocks use ε = 1e-5, the case \(number("eps"))")
        let parameters = parameters()
        let model = TinyTransformer(configuration, parameters: parameters)
        let (batch, length) = (size("batch"), size("steps"))
        let tokens = integers("tokens")
        var tape = Tape(parameters: parameters, policy: policy)
        tape.recordsStatistics = true
        let loss = model.loss(TokenBatch(batchSize: batch, length: length, inputs: tokens,
                                         targets: integers("targets")), zLoss: Float(config["z_loss"] ?? 0), on: &tape)
        var run = LayerOracleRun(loss: tape.value(loss))
        run.gradients = Dictionary(uniqueKeysWithValues: zip(parameters.names, tape.backward(from: loss).parameters.tensors))
        run.addStatistics(tape.statistics, wanted: outputs.keys)

        var probe = Tape(parameters: parameters, policy: policy)
        let logits = model.logits(tokens, batch: batch, length: length, on: &probe)
        run.outputs["logits"] = probe.value(logits)
        guard outputs["block0_ln1"] != nil else { return run }
        // Block 0's start, written out as `TinyTransformer.logits` does it, to localise a mismatch.
        let embedded = probe.embedding(probe.parameter("tok_emb"), indices: tokens, shape: [batch, length])
        let x = probe.add(embedded, probe.slice(probe.parameter("pos_emb"), axis: 0, 0..<length))
        let normed = LayerNorm("blocks.0.ln1", width: configuration.width)(x, on: &probe)
        let attended = CausalSelfAttention("blocks.0.attn", width: configuration.width, heads: configuration.heads)(
            normed, on: &probe)
        run.outputs["block0_ln1"] = probe.value(normed)
        run.outputs["block0_attn"] = probe.value(attended)
        return run
    }
}
