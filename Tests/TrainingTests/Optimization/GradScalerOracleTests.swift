import Precision
import Testing
import Training

/// `torch.amp.GradScaler("cpu")` traces, replayed step by step with Adam.
///
/// Scale, growth tracker, skip decisions and the optimizer's step count must be equal;
/// parameters agree to **0 ULPs** with PyTorch run with IEEE square roots, and within
/// ``OptimizerOracleTests/mklSqrtTolerance(steps:)`` with PyTorch itself (the same FP32
/// Adam as in `OptimizerOracleTests`; see there for why).
@Suite("Optimization: GradScaler matches PyTorch")
struct GradScalerOracleTests {
    @Test("scale, tracker, skipped steps and parameters follow PyTorch's trace",
          arguments: OptimizerOracle.scalerTraceNames)
    func trace(name: String) throws {
        let oracle = try #require(OptimizerOracle.shared)
        let trace = try #require(oracle.gradScaler.first { $0.name == name })
        var scaler = GradScaler(initialScale: OptimizerOracle.float(hex: trace.initialScale),
                                growthFactor: trace.config.growthFactor,
                                backoffFactor: trace.config.backoffFactor,
                                growthInterval: trace.config.growthInterval)
        var adam = Adam(learningRate: OptimizerOracle.float(hex: trace.learningRate))
        var parameters = OptimizerOracle.namedTensors(trace.initial, format: .fp32)
        for (index, step) in trace.steps.enumerated() {
            let label = "\(name) step \(index)"
            #expect(scaler.scale == OptimizerOracle.float(hex: step.scaleBefore), "\(label): scale before")
            var gradients = OptimizerOracle.namedTensors(step.scaledGrads, format: .fp32)
            if let clip = step.clipMaxNorm {
                try scaler.unscale(&gradients)
                try GradientClipping.clipGradientNorm(&gradients, maxNorm: OptimizerOracle.float(hex: clip))
            }
            let stepped = try scaler.step(&adam, parameters: &parameters, gradients: &gradients)
            #expect(stepped == step.stepped, "\(label): stepped")
            #expect(scaler.foundNonFinite == step.foundInf, "\(label): found inf")
            #expect(adam.stepCount == step.optimizerSteps, "\(label): optimizer steps")
            try scaler.update()
            #expect(scaler.scale == OptimizerOracle.float(hex: step.scaleAfter), "\(label): scale after")
            #expect(scaler.growthTracker == step.growthTracker, "\(label): growth tracker")
            let exact = OptimizerOracle.namedTensors(step.paramsIEEESqrt, format: .fp32)
            let report = FormatULPs.mismatches(parameters, exact, tolerance: 0, label: "\(label) (IEEE sqrt)")
            #expect(report == nil, "\(report ?? "")")
            let pytorch = OptimizerOracle.namedTensors(step.params, format: .fp32)
            let gap = FormatULPs.mismatches(parameters, pytorch,
                                            tolerance: OptimizerOracleTests.mklSqrtTolerance(steps: adam.stepCount),
                                            label: "\(label) (PyTorch's MKL sqrt)")
            #expect(gap == nil, "\(gap ?? "")")
            if report != nil || gap != nil { break }
        }
    }

    @Test("the interval-3 trace skips, backs off and grows")
    func traceCoversTheRules() throws {
        let oracle = try #require(OptimizerOracle.shared)
        let trace = try #require(oracle.gradScaler.first { $0.name == "interval-3" })
        let scales = trace.steps.map { OptimizerOracle.float(hex: $0.scaleAfter) }
        let before = trace.steps.map { OptimizerOracle.float(hex: $0.scaleBefore) }
        #expect(trace.steps.contains { !$0.stepped })
        #expect(zip(before, scales).contains { $1 > $0 }, "never grew")
        #expect(zip(before, scales).contains { $1 < $0 }, "never backed off")
        let capped = try #require(oracle.gradScaler.first { $0.name == "growth-capped" })
        #expect(capped.steps.map { OptimizerOracle.float(hex: $0.scaleAfter) }.allSatisfy { $0 == 0x1p127 })
    }

    @Test("scaled(loss): value and format as GradScaler.scale gives them")
    func scaledLoss() throws {
        let oracle = try #require(OptimizerOracle.shared)
        for item in oracle.scaledLoss {
            let format = try #require(FloatFormat.named(item.format))
            let scaler = GradScaler(initialScale: OptimizerOracle.float(hex: item.scale))
            let scaled = scaler.scaled(item.loss.tensor(format: format))
            #expect(scaled.format == FloatFormat.named(item.scaledFormat), "\(item.name)")
            #expect(scaled.shape == item.scaled.shape, "\(item.name)")
            let report = FormatULPs.mismatches(scaled.scalars, item.scaled.values, format: scaled.format,
                                               tolerance: 0, label: item.name)
            #expect(report == nil, "\(report ?? "")")
        }
    }
}
