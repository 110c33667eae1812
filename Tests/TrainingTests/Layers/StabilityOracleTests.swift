import Testing
import Training

/// Post-LN blocks, QK-layernorm, the z-loss and the forward statistics against PyTorch's
/// (`Oracle/stability.json`), with the float32 ``LayerTolerance`` of the layer oracle but for
/// the gradients.
@Suite("Transformer stability features against PyTorch")
struct StabilityOracleTests {
    /// The layer oracle's FP32 bounds, but 20 ulp of the peak for gradients: a QK-layernorm
    /// gain's gradient sums, over every batch element, head and pair of positions, terms of
    /// the softmax and layer-norm backward passes that largely cancel, so the order of FP32
    /// additions shows more. Seen: 17 ulp (transformer-qkln, blocks.1.attn.k_ln.weight).
    static let tolerance: LayerTolerance = {
        var tolerance = LayerTolerance(.fp32)
        tolerance.gradients = PeakULPBound(ulps: 20, format: .fp32)
        return tolerance
    }()

    @Test("The oracle file holds exactly the cases tested, in order")
    func caseList() throws {
        #expect(try StabilityOracle.all().map(\.name) == StabilityOracle.caseNames)
    }

    @Test("Outputs, statistics, loss and gradients match PyTorch's", arguments: StabilityOracle.caseNames)
    func matchesPyTorch(name: String) throws {
        // Every output the file holds, statistics included, must be in our run (or the
        // comparison fails on the missing key).
        try LayerOracleTests.expectMatch(try StabilityOracle.named(name), tolerance: Self.tolerance)
    }
}
