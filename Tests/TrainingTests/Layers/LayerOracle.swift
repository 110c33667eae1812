import Precision
import Training

/// The committed PyTorch oracle for the layers, `Oracle/layers.json`, written by
/// `Oracle/layers.py` (its docstring describes the cases and the JSON layout).
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/layers.py` from anywhere (it makes
/// `.venv-torch/` with pinned torch and numpy on first use), then commit the JSON. The tests
/// read the file from the source tree via `#filePath`; `swift test` never runs Python.
enum LayerOracle {
    /// The case names in the file's order. ``LayerOracleTests`` checks that the file holds
    /// exactly these, so a case added to the script cannot go untested.
    static let caseNames = [
        "linear", "mlp-tanh", "mlp-relu", "mlp-gelu", "rnn", "layernorm", "attention",
        "transformer-fp32", "transformer-autocast-bf16", "transformer-autocast-fp16",
        "transformer-pure-fp16", "transformer-pure-bf16",
    ]

    /// One tensor: float32 values (stored as 8-hex-digit bit patterns) or integers.
    struct Entry: Decodable, Sendable {
        let shape: [Int]
        let floats: [Float]?
        let ints: [Int]?

        enum CodingKeys: String, CodingKey { case shape, floats = "f32", ints }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            shape = try container.decode([Int].self, forKey: .shape)
            floats = try container.decodeIfPresent(String.self, forKey: .floats)
                .map { File.floats(hex: $0) }
            ints = try container.decodeIfPresent([Int].self, forKey: .ints)
        }

        /// The float tensor, carrying `format` (the values are exactly representable in it:
        /// the script stores what PyTorch held, converted exactly to float32).
        func tensor(format: FloatFormat = .fp32) -> Tensor {
            guard let floats else { preconditionFailure("oracle entry of shape \(shape) holds integers") }
            let tensor = Tensor(shape: shape, scalars: floats).rounded(to: format)
            precondition(tensor.scalars == floats, "oracle values not representable in \(format)")
            return tensor
        }

        /// The integer tensor's values, row-major.
        var integers: [Int] {
            guard let ints else { preconditionFailure("oracle entry of shape \(shape) holds floats") }
            return ints
        }
    }

    /// One record of `cases`.
    struct Case: Decodable, Sendable {
        let name: String
        let kind: String
        let policyName: String
        let config: [String: Double]
        let params: [String: Entry]
        let inputs: [String: Entry]
        let outputs: [String: Entry]
        let loss: Entry
        let grads: [String: Entry]

        enum CodingKeys: String, CodingKey {
            case name, kind, policyName = "policy", config, params, inputs, outputs, loss, grads
        }

        /// The tape policy the case was generated under.
        var policy: PrecisionPolicy {
            switch policyName {
            case "fp32": .fp32
            case "autocast-bf16": .autocast(.bf16)
            case "autocast-fp16": .autocast(.fp16)
            case "pure-bf16": .pure(.bf16)
            case "pure-fp16": .pure(.fp16)
            default: preconditionFailure("unknown oracle policy \(policyName)")
            }
        }

        /// A number from `config`.
        func number(_ key: String) -> Double {
            guard let value = config[key] else { preconditionFailure("\(name): no config \(key)") }
            return value
        }

        /// An integer from `config`.
        func size(_ key: String) -> Int { Int(number(key)) }

        /// The parameters under our layers' names: `rename` maps an oracle name to ours
        /// (the identity when the names agree). Sorted by oracle name, in the policy's
        /// parameter format.
        func parameters(renaming rename: (String) -> String = { $0 }) -> NamedTensors {
            NamedTensors(params.keys.sorted().map { (rename($0), params[$0]!.tensor(format: policy.parameterFormat)) })
        }

        /// A float input, as a tensor.
        func input(_ key: String) -> Tensor {
            guard let entry = inputs[key] else { preconditionFailure("\(name): no input \(key)") }
            return entry.tensor()
        }

        /// An integer input, row-major.
        func integers(_ key: String) -> [Int] {
            guard let entry = inputs[key] else { preconditionFailure("\(name): no input \(key)") }
            return entry.integers
        }
    }

    /// A file of cases in this layout: `layers.json`, `stability.json`.
    protocol CaseFile: OracleFile {
        var cases: [Case] { get }
    }

    private struct File: CaseFile {
        static let fileName = "layers.json"
        let cases: [Case]
    }

    /// Every case of the file, in its order, decoded once (or why the file could not be read).
    private static let loaded: Result<[Case], any Error> = Result { try File.load().cases }

    /// Every case of the file, in its order.
    static func all() throws -> [Case] { try loaded.get() }

    /// The case called `name`.
    static func named(_ name: String) throws -> Case {
        guard let found = try all().first(where: { $0.name == name }) else { throw MissingCase(name: name) }
        return found
    }

    struct MissingCase: Error, CustomStringConvertible {
        let name: String
        var file = "layers"
        var description: String { "Oracle/\(file).json has no case \(name); re-run Oracle/\(file).py" }
    }
}
