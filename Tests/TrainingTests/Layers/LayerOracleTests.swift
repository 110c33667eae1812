import Foundation
import Precision
import Testing
import Training

/// Our layers, losses and gradients against PyTorch's (`Oracle/layers.json`): every case runs
/// forward and backward on a ``Tape`` under the case's policy, and every output, the loss and
/// every gradient (parameters and the input `x`) must lie within ``LayerTolerance``.
@Suite("Layers against PyTorch")
struct LayerOracleTests {
    @Test("The oracle file holds exactly the cases tested, in order")
    func caseList() throws {
        #expect(try LayerOracle.all().map(\.name) == LayerOracle.caseNames)
    }

    @Test("Outputs, loss and gradients match PyTorch's", arguments: LayerOracle.caseNames)
    func matchesPyTorch(name: String) throws {
        try Self.expectMatch(try LayerOracle.named(name))
    }

    /// Runs `oracle` and expects every output, the loss and every gradient within
    /// `tolerance` (by default the policy's ``LayerTolerance``) of PyTorch's.
    static func expectMatch(_ oracle: LayerOracle.Case, tolerance: LayerTolerance? = nil) throws {
        let name = oracle.name
        let run = oracle.run()
        let tolerance = tolerance ?? LayerTolerance(oracle.policy)
        for (key, entry) in oracle.outputs.sorted(by: { $0.key < $1.key }) {
            let ours = try #require(run.outputs[key], "\(name): no output \(key)")
            tolerance.outputs.check(ours, entry.tensor(), "\(name) output \(key)")
        }
        tolerance.loss.check(run.loss, oracle.loss.tensor(), "\(name) loss")
        #expect(run.gradients.keys.sorted() == oracle.grads.keys.sorted(), "\(name): gradients computed")
        for (key, entry) in oracle.grads.sorted(by: { $0.key < $1.key }) {
            let ours = try #require(run.gradients[key], "\(name): no gradient for \(key)")
            tolerance.gradients.check(ours, entry.tensor(), "\(name) gradient of \(key)")
        }
    }

    /// The formats follow PyTorch's dtypes (the oracle's docstring): under autocast, products
    /// give the low format and layer norm and the loss FP32, parameters and their gradients
    /// stay FP32; under pure, everything is in the low format.
    @Test("Results are stored in PyTorch's dtypes", arguments: LayerOracle.caseNames)
    func formatsFollowPyTorch(name: String) throws {
        let oracle = try LayerOracle.named(name)
        let run = oracle.run()
        let policy = oracle.policy
        for (key, tensor) in run.outputs {
            // block0_ln1 is layer norm's output, on autocast's FP32 list.
            let expected: FloatFormat = if case .autocast = policy, key == "block0_ln1" { .fp32 } else { policy.lowFormat }
            #expect(tensor.format == expected, "\(name) output \(key) is \(tensor.format)")
        }
        let lossFormat: FloatFormat = if case .autocast = policy { .fp32 } else { policy.lowFormat }
        #expect(run.loss.format == lossFormat, "\(name) loss is \(run.loss.format)")
        for (key, tensor) in run.gradients {
            #expect(tensor.format == policy.parameterFormat, "\(name) gradient of \(key) is \(tensor.format)")
        }
    }
}
