import Precision
import Testing
import Training

/// The adaptive clippers against `Oracle/adaptive_clipping.json`.
///
/// Tolerance: **0 ULPs** everywhere, for the pre-clip norms, the thresholds (in `float64`
/// before rounding and in `float32` after), ZClip's statistics, and every clipped element.
/// The arithmetic is the same on both sides, operation for operation: numpy's pairwise
/// sums for mean and std (replicated in the sources), numpy's linear percentile
/// (``Percentile``), IEEE `float64` for ZClip's EMA in the oracle's order, PyTorch's norm
/// kernels and `clip_grad_norm_` coefficient (`TorchVectorNorm`, ``GradientClipping``), and
/// timm's AGC in `float32` (or the tensors' format). A NaN matches a NaN.
@Suite("Clipping: adaptive clippers match the oracle")
struct AdaptiveClippingOracleTests {
    typealias Oracle = AdaptiveClippingOracle

    @Test("the oracle file loads and holds every case")
    func oracleLoads() throws {
        let oracle = try Oracle.load()
        #expect(oracle.global.count == 11)
        #expect(oracle.agc.count == 5)
        #expect(Set(oracle.global.map(\.method)) == ["window", "autoclip", "zclip"])
    }

    @Test("window, AutoClip and ZClip: norms, thresholds, statistics and gradients, step by step",
          arguments: Oracle.globalNames)
    func global(name: String) throws {
        let oracle = try #require(Oracle.shared)
        let global = try #require(oracle.global.first { $0.name == name })
        let sequence = try #require(oracle.sequence(named: global.sequence))
        try #require(sequence.steps.count == global.steps.count)
        switch OracleClipper(global) {
        case .window(var clipper):
            Self.replay(&clipper, global, sequence, before: { clipper, step, label in
                // The threshold in float64, from the history before the step.
                #expect(clipper.threshold?.bitPattern == step.thresholdF64.map { Oracle.double(hex: $0).bitPattern },
                        "\(label): threshold \(String(describing: clipper.threshold))")
            })
        case .auto(var clipper):
            Self.replay(&clipper, global, sequence, after: { clipper, step, label in
                // The percentile of the history with this step's norm appended.
                let threshold = clipper.history.isEmpty ? nil : Percentile.of(clipper.history, clipper.percentile)
                #expect(threshold?.bitPattern == step.thresholdF64.map { Oracle.double(hex: $0).bitPattern },
                        "\(label): threshold \(String(describing: threshold))")
            })
        case .z(var clipper):
            Self.replay(&clipper, global, sequence, after: { clipper, step, label in
                let expected = step.meanF64.map { Oracle.double(hex: $0) }
                #expect(clipper.statistics?.mean.bitPattern == expected?.bitPattern,
                        "\(label): mean \(String(describing: clipper.statistics?.mean)), oracle \(String(describing: expected))")
                let variance = step.varianceF64.map { Oracle.double(hex: $0) }
                #expect(clipper.statistics?.variance.bitPattern == variance?.bitPattern,
                        "\(label): variance \(String(describing: clipper.statistics?.variance)), oracle \(String(describing: variance))")
            })
        }
    }

    /// Runs `clipper` over the sequence, checking each step's outcome and gradients; `before`
    /// and `after` inspect the clipper around each step.
    static func replay<C: AdaptiveClipper>(
        _ clipper: inout C, _ global: Oracle.GlobalCase, _ sequence: Oracle.Sequence,
        before: (C, Oracle.GlobalCase.Step, String) -> Void = { _, _, _ in },
        after: (C, Oracle.GlobalCase.Step, String) -> Void = { _, _, _ in }
    ) {
        for (index, step) in global.steps.enumerated() {
            let label = "\(global.name) step \(index)"
            before(clipper, step, label)
            var gradients = sequence.gradients(index)
            let expected = step.grads.map { OptimizerOracle.namedTensors($0, format: .fp32) } ?? gradients
            let outcome = clipper.clip(&gradients, parameters: NamedTensors())
            after(clipper, step, label)
            let norm = OptimizerOracle.float(hex: step.norm)
            #expect(FormatULPs.distance(outcome.totalNorm, norm, in: .fp32) == 0,
                    "\(label): norm \(outcome.totalNorm), oracle \(norm)")
            #expect(outcome.threshold?.bitPattern == step.thresholdF32.map { OptimizerOracle.float(hex: $0).bitPattern },
                    "\(label): threshold \(String(describing: outcome.threshold))")
            #expect(outcome.clipped == step.clipped, "\(label): clipped \(outcome.clipped)")
            let report = FormatULPs.mismatches(gradients, expected, tolerance: 0, label: label)
            #expect(report == nil, "\(report ?? "")")
        }
    }

    @Test("AGC: timm's adaptive_clip_grad, unit by unit, in FP32, BF16 and FP16", arguments: Oracle.agcNames)
    func agc(name: String) throws {
        let oracle = try #require(Oracle.shared)
        let agc = try #require(oracle.agc.first { $0.name == name })
        let format = try #require(FloatFormat.named(agc.format))
        let clipper = UnitwiseClipper(clipping: OptimizerOracle.float(hex: agc.clipping),
                                      epsilon: OptimizerOracle.float(hex: agc.epsilon), excluded: Set(agc.excluded))
        let parameters = OptimizerOracle.namedTensors(agc.params, format: format)
        for (index, step) in agc.steps.enumerated() {
            let label = "\(name) step \(index)"
            var gradients = OptimizerOracle.namedTensors(step.grads, format: format)
            let outcome = clipper.clip(&gradients, parameters: parameters)
            let norm = OptimizerOracle.float(hex: step.norm)
            #expect(FormatULPs.distance(outcome.totalNorm, norm, in: format) == 0, "\(label): norm \(outcome.totalNorm), timm \(norm)")
            #expect(outcome.threshold == nil)
            #expect(outcome.clipped == step.clipped, "\(label): clipped \(outcome.clipped)")
            let expected = OptimizerOracle.namedTensors(step.clippedGrads, format: format)
            let report = FormatULPs.mismatches(gradients, expected, tolerance: 0, label: label)
            #expect(report == nil, "\(report ?? "")")
        }
    }
}
