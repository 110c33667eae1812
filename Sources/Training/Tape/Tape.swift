import Precision

/// A handle to a tensor recorded on a ``Tape``: an index, not an object.
public struct Variable: Hashable, Sendable {
    let id: Int
}

/// Where a non-finite value first appeared in a training step.
public struct NonFiniteOrigin: Equatable, Sendable, Codable, CustomStringConvertible {
    /// Whether it appeared in the forward pass (a value) or the backward pass (a gradient).
    public enum Pass: String, Sendable, Codable { case forward, backward }
    /// Which pass.
    public var pass: Pass
    /// The op whose result was the first non-finite one (`matmul`, `exp`, ...).
    public var op: String
    /// The scope the op was recorded in (`blocks.0.attn`, ...), empty at the top level; for a
    /// parameter that was already not finite (op `parameter`), its name.
    public var scope: String
    /// The format the result was stored in.
    public var format: FloatFormat
    /// How many of its elements are ±infinity and how many NaN.
    public var infinities: Int
    /// How many of its elements are NaN.
    public var nans: Int

    /// `forward: linear in blocks.0.mlp (fp16): 3 inf, 0 NaN`.
    public var description: String {
        let place = scope.isEmpty ? "" : " in \(scope)"
        return "\(pass.rawValue): \(op)\(place) (\(format.name)): \(infinities) inf, \(nans) NaN"
    }
}

/// A reverse-mode automatic differentiation tape for one training step.
///
/// Ops append nodes and return ``Variable`` handles; ``backward(from:seed:)`` walks the
/// nodes in reverse and applies each op's derivative rule. The ``PrecisionPolicy`` decides
/// which format every node is stored in; casts it inserts are nodes too, and a gradient is
/// stored in the format of the tensor it belongs to, as in PyTorch.
///
/// ```swift
/// var tape = Tape(parameters: model.parameters, policy: .autocast(.fp16))
/// let loss = model.loss(batch, on: &tape)
/// let gradients = tape.backward(from: loss, seed: 65536).parameters
/// ```
public struct Tape: Sendable {
    struct Node: Sendable {
        var op: Op
        var inputs: [Int]
        var value: Tensor
        var needsGradient: Bool
        var isFinite: Bool
        var scope: String
        /// What the forward pass computed that the derivative needs again (GELU's
        /// `erf(x/√2)`, the costliest part of both passes; the z-loss's `log Z` per row), nil
        /// for most ops.
        var saved: [Float]? = nil
        /// How a matrix product quantises its operands under ``PrecisionPolicy/scaled(_:)``,
        /// for its backward products; nil otherwise.
        var scaled: ScaledProduct? = nil
    }

    /// The precision policy every op follows.
    public let policy: PrecisionPolicy
    /// The parameters that ``parameter(_:)`` reads and whose gradients ``backward(from:seed:)``
    /// returns, in this order.
    public let parameters: NamedTensors
    var nodes: [Node] = []
    private var leafByParameter: [Int: Int] = [:]
    /// The values of the casts made so far (they share storage with their cast nodes).
    private var castValues: [CastKey: Tensor] = [:]
    /// The current scope, a dotted path set by ``scoped(_:_:)``.
    public private(set) var scope: String = ""
    /// The first op whose result was not finite although its inputs were, if any.
    public private(set) var firstNonFinite: NonFiniteOrigin?
    /// Whether layers note what the monitor watches in ``statistics`` (off by default: it
    /// costs a pass over every attention matrix and over the output logits).
    public var recordsStatistics = false
    /// What the layers noted during the forward pass, with ``recordsStatistics`` on (see
    /// ``noteAttention(logits:weights:)`` and ``noteLogits(_:targets:ignoreIndex:)``).
    public internal(set) var statistics = ForwardStatistics()
    /// The delayed-scaling state whose scales this tape's scaled products use (see
    /// ``ScalingHistories``); it does not change during the tape's life.
    public let scalingHistories: ScalingHistories
    /// The largest magnitude of every tensor this tape quantised with delayed scaling so
    /// far (forward operands when their product is recorded, gradients in the backward
    /// pass), the largest over a site's uses: what ``ScalingHistories/record(_:recipe:)``
    /// takes after the step. NaN is left out and infinity counts, as in
    /// ``PerTensorScaledTensor/amax``.
    public internal(set) var amaxes: [ScalingSite: Float] = [:]
    /// How many scaled products each scope has recorded: the next one's ``ScalingSite/product``.
    var scaledProductCounts: [String: Int] = [:]

    /// A tape over `parameters` following `policy`. Parameters are used in the format they
    /// are stored in; see ``PrecisionPolicy/parameterFormat``. Under a
    /// ``PrecisionPolicy/scaled(_:)`` recipe with delayed scaling, products take their scales
    /// from `scalingHistories` (a ``Trainer`` passes its own).
    public init(parameters: NamedTensors = NamedTensors(), policy: PrecisionPolicy = .fp32,
                scalingHistories: ScalingHistories = ScalingHistories()) {
        self.parameters = parameters
        self.policy = policy
        self.scalingHistories = scalingHistories
    }

    /// The value of a recorded tensor.
    ///
    /// A variable this copy of the tape does not hold stops the program with a message
    /// that says how to fix the call: `tape.value(tape.softmax(x))` reads the tape before
    /// `softmax` records its node (Swift evaluates a method's receiver before its
    /// arguments), so write `let y = tape.softmax(x)` first, then `tape.value(y)`.
    public func value(_ variable: Variable) -> Tensor { node(variable).value }

    /// The shape of a recorded tensor.
    public func shape(_ variable: Variable) -> [Int] { node(variable).value.shape }

    /// The node of `variable`, or a stop with the message ``value(_:)`` documents.
    private func node(_ variable: Variable) -> Node {
        guard variable.id < nodes.count else {
            // fatalError, not precondition: its message survives optimised builds.
            fatalError("""
                this tape does not hold variable \(variable.id) (it holds \(nodes.count) nodes): the variable was \
                recorded after this copy of the tape was read. `tape.value(tape.op(x))` reads the tape before `op` \
                runs; write `let y = tape.op(x)` first, then `tape.value(y)`
                """)
        }
        return nodes[variable.id]
    }

    /// The number of nodes recorded so far (casts included).
    public var nodeCount: Int { nodes.count }

    /// The bytes of every tensor recorded so far, in its storage format: what a framework
    /// keeps alive for the backward pass (an upper bound: some ops need less).
    public var activationBytes: Int {
        nodes.reduce(0) { $0 + ($1.op.isLeafLike ? 0 : $1.value.storageBytes) }
    }

    /// The parameter called `name`, recorded once per tape however often it is used.
    public mutating func parameter(_ name: String) -> Variable {
        guard let index = parameters.index(of: name) else { preconditionFailure("no parameter named \(name)") }
        if let id = leafByParameter[index] { return Variable(id: id) }
        let id = appendLeaf(parameters.tensors[index], needsGradient: true, name: name)
        leafByParameter[index] = id
        return Variable(id: id)
    }

    /// The node of parameter `index`, if the tape used it.
    func leafByParameterID(_ index: Int) -> Int? { leafByParameter[index] }

    /// A tensor that is not trained (inputs, targets). Under ``PrecisionPolicy/pure(_:)`` and
    /// ``PrecisionPolicy/masterWeights(_:)`` it is rounded to the low format, as
    /// `input.half()` would be.
    public mutating func constant(_ tensor: Tensor) -> Variable {
        Variable(id: appendLeaf(tensor.rounded(to: constantFormat(tensor)), needsGradient: false, name: scope))
    }

    /// A tensor whose gradient ``Gradients`` reports, without being a named parameter
    /// (for tests and for gradients with respect to inputs).
    public mutating func input(_ tensor: Tensor) -> Variable {
        Variable(id: appendLeaf(tensor.rounded(to: constantFormat(tensor)), needsGradient: true, name: scope))
    }

    /// Runs `body` with `name` appended to the scope, so reports name the layer.
    public mutating func scoped<Result>(_ name: String, _ body: (inout Tape) -> Result) -> Result {
        let saved = scope
        scope = saved.isEmpty ? name : saved + "." + name
        defer { scope = saved }
        return body(&self)
    }

    private func constantFormat(_ tensor: Tensor) -> FloatFormat {
        switch policy {
        case .fp32, .autocast, .scaled: tensor.format
        case .masterWeights(let low), .pure(let low): low
        }
    }

    private mutating func appendLeaf(_ tensor: Tensor, needsGradient: Bool, name: String) -> Int {
        let finite = tensor.isFinite
        if !finite, firstNonFinite == nil {
            firstNonFinite = NonFiniteOrigin(pass: .forward, op: needsGradient ? "parameter" : "input", scope: name,
                                             format: tensor.format,
                                             infinities: tensor.scalars.count { $0.isInfinite },
                                             nans: tensor.scalars.count { $0.isNaN })
        }
        nodes.append(Node(op: .leaf, inputs: [], value: tensor, needsGradient: needsGradient,
                          isFinite: finite, scope: scope))
        return nodes.count - 1
    }

    /// Records `op` on `inputs`: casts the inputs as the policy says, runs the kernel,
    /// rounds the result into the output format and notes the first non-finite result.
    mutating func record(_ op: Op, _ inputs: [Variable], kernel: ([Tensor]) -> Tensor) -> Variable {
        let plan = policy.plan(op.category, inputs: inputs.map { nodes[$0.id].value.format })
        let ids = inputs.map { input in plan.cast.map { cast(input.id, to: $0) } ?? input.id }
        var value = kernel(ids.map { nodes[$0].value })
        if op.copiesElements, ids.allSatisfy({ nodes[$0].value.format == plan.output }) {
            value.format = plan.output  // already representable: rounding would change nothing
        } else {
            value.round(to: plan.output)
        }
        return Variable(id: append(op, ids, value))
    }

    /// The node `id` converted to `format`, reusing `id` when it is already there. Every
    /// use records a cast node of its own (so gradients flow through each use as before),
    /// but a node is rounded into a format only once per tape: a weight used at each step
    /// of an RNN is not rounded again at every step.
    private mutating func cast(_ id: Int, to format: FloatFormat) -> Int {
        let value = nodes[id].value
        guard value.format != format else { return id }
        let key = CastKey(id: id, format: format)
        let rounded = castValues[key] ?? value.rounded(to: format)
        castValues[key] = rounded
        return append(.cast, [id], rounded)
    }

    /// A node and a format it was cast to.
    struct CastKey: Hashable, Sendable {
        let id: Int
        let format: FloatFormat
    }

    private mutating func append(_ op: Op, _ inputs: [Int], _ value: Tensor) -> Int {
        let finite = tracksAsFinite(op, inputs, value)
        if !finite, firstNonFinite == nil, inputs.allSatisfy({ nodes[$0].isFinite }) {
            firstNonFinite = NonFiniteOrigin(pass: .forward, op: op.name, scope: scope, format: value.format,
                                             infinities: value.scalars.count { $0.isInfinite },
                                             nans: value.scalars.count { $0.isNaN })
        }
        nodes.append(Node(op: op, inputs: inputs, value: value,
                          needsGradient: inputs.contains { nodes[$0].needsGradient },
                          isFinite: finite, scope: scope))
        return nodes.count - 1
    }

    /// Whether a result counts as finite for ``firstNonFinite``: every element is finite, or
    /// the op only carried over the -∞ a causal mask wrote on purpose (layout ops and casts
    /// that create no new non-finite element).
    private func tracksAsFinite(_ op: Op, _ inputs: [Int], _ value: Tensor) -> Bool {
        if value.isFinite { return true }
        guard inputs.allSatisfy({ nodes[$0].isFinite }) else { return false }
        func nonFinite(_ tensor: Tensor) -> Int { tensor.scalars.count { !$0.isFinite } }
        switch op {
        case .causalMask:
            return true
        case .cast, .reshape, .permute, .slice, .concat:
            return nonFinite(value) <= inputs.reduce(0) { $0 + nonFinite(nodes[$1].value) }
        default:
            return false
        }
    }

    /// Notes a non-finite gradient of node `id` if nothing non-finite was seen before: an
    /// overflow that happens only in the backward pass.
    mutating func noteNonFiniteGradient(_ gradient: Tensor, at id: Int) {
        guard firstNonFinite == nil, !gradient.isFinite else { return }
        firstNonFinite = NonFiniteOrigin(pass: .backward, op: nodes[id].op.name, scope: nodes[id].scope,
                                         format: gradient.format,
                                         infinities: gradient.scalars.count { $0.isInfinite },
                                         nans: gradient.scalars.count { $0.isNaN })
    }
}

extension Op {
    /// Leaves and casts of leaves are parameters and inputs, not activations.
    var isLeafLike: Bool {
        if case .leaf = self { return true }
        return false
    }
}
