import Training

/// The committed PyTorch oracle for the Transformer stability features,
/// `Oracle/stability.json`, written by `Oracle/stability.py` (its docstring describes the
/// cases): post-LN blocks, QK-layernorm, the z-loss, and the attention and output-logit
/// statistics. The records have `layers.json`'s layout, so they decode as
/// ``LayerOracle/Case`` and run as those do.
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/stability.py`, then commit the JSON.
enum StabilityOracle {
    /// The case names in the file's order (``StabilityOracleTests`` checks the file holds
    /// exactly these).
    static let caseNames = ["attention-qkln", "zloss", "transformer-postln", "transformer-qkln", "transformer-zloss"]

    private struct File: LayerOracle.CaseFile {
        static let fileName = "stability.json"
        let cases: [LayerOracle.Case]
    }

    private static let loaded: Result<[LayerOracle.Case], any Error> = Result { try File.load().cases }

    /// Every case of the file, in its order.
    static func all() throws -> [LayerOracle.Case] { try loaded.get() }

    /// The case called `name`.
    static func named(_ name: String) throws -> LayerOracle.Case {
        guard let found = try all().first(where: { $0.name == name }) else { throw LayerOracle.MissingCase(name: name, file: "stability") }
        return found
    }
}
