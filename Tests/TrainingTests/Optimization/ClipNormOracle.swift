import Training

/// The committed PyTorch oracle `Oracle/clip_norms.json`, written by `Oracle/clip_norms.py`:
/// `clip_grad_norm_` for norm types 1, 2, ∞, 0.5, 3 and 4.5 on hand-made cases, and for
/// seven orders on seeded random ones.
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/clip_norms.py` from anywhere (it
/// shares `.venv-torch/` with `optimizers.py`), then commit the JSON. Records are
/// ``OptimizerOracle/ClipNormCase``s, encoded as in `optimizers.json`.
struct ClipNormOracle: OracleFile {
    let source: String
    let cases: [OptimizerOracle.ClipNormCase]
    let random: [OptimizerOracle.ClipNormCase]

    static let fileName = "clip_norms.json"  // about 0.4 MB

    /// The file, decoded once; `nil` if it is missing or malformed (a test reports why).
    static let shared: ClipNormOracle? = try? load()

    /// Case names for parameterised tests (empty if the file failed to load).
    static var caseNames: [String] { shared?.cases.map(\.name) ?? [] }
}
