import Precision
import Testing
import Training

/// `clip_grad_norm_` and `clip_grad_value_` against PyTorch.
///
/// Tolerance: **0 ULPs** for the returned total norm and every clipped element. The
/// per-tensor norms follow torch's accumulation order (see `TorchVectorNorm` in the
/// sources), and the coefficient is computed with PyTorch's ops and roundings.
@Suite("Optimization: gradient clipping matches PyTorch")
struct ClippingOracleTests {
    static let tolerance: UInt64 = 0

    @Test("clip_grad_norm_: total norm and clipped gradients", arguments: OptimizerOracle.clipNormNames)
    func clipNorm(name: String) throws {
        let oracle = try #require(OptimizerOracle.shared)
        try Self.check(try #require(oracle.clipNorm.first { $0.name == name }))
    }

    @Test("clip_grad_norm_: 100 random cases pin accumulation orders and the coefficient")
    func clipNormRandom() throws {
        let oracle = try #require(OptimizerOracle.shared)
        #expect(oracle.clipNormRandom.count == 100)
        for clip in oracle.clipNormRandom { try Self.check(clip) }
    }

    /// Clips the case's gradients and compares the returned total norm and every clipped
    /// element with PyTorch's, within `tolerance` ULPs of their formats.
    static func check(_ clip: OptimizerOracle.ClipNormCase, tolerance: UInt64 = Self.tolerance) throws {
        let name = clip.name
        let original = OptimizerOracle.namedTensors(clip.grads, format: .fp32)
        var gradients = original
        let normType = try #require(clip.clipNorm, "\(name): norm type \(clip.normType)")
        let maxNorm = OptimizerOracle.float(hex: clip.maxNorm)
        if clip.raised {
            #expect(throws: GradientClippingError.self) {
                try GradientClipping.clipGradientNorm(&gradients, maxNorm: maxNorm, normType: normType,
                                                      errorIfNonFinite: clip.errorIfNonFinite)
            }
            #expect(FormatULPs.mismatches(gradients, original, tolerance: 0, label: "untouched") == nil)
            return
        }
        let total = try GradientClipping.clipGradientNorm(&gradients, maxNorm: maxNorm, normType: normType,
                                                          errorIfNonFinite: clip.errorIfNonFinite)
        let expectedTotal = OptimizerOracle.float(hex: try #require(clip.totalNorm))
        let totalFormat = try #require(clip.totalNormFormat.flatMap(FloatFormat.named))
        let distance = FormatULPs.distance(total, expectedTotal, in: totalFormat)
        #expect(distance != nil && distance! <= tolerance, "\(name): total norm \(total), PyTorch \(expectedTotal)")
        let expected = OptimizerOracle.namedTensors(clip.clipped, format: .fp32)
        let report = FormatULPs.mismatches(gradients, expected, tolerance: tolerance, label: name)
        #expect(report == nil, "\(report ?? "")")
    }

    @Test("clip_grad_value_: clamped to the bound in the gradient's format, NaN kept")
    func clipValue() throws {
        let oracle = try #require(OptimizerOracle.shared)
        for clip in oracle.clipValue {
            let format = try #require(FloatFormat.named(clip.format))
            var gradients = NamedTensors([("g", clip.grad.tensor(format: format))])
            GradientClipping.clipGradientValue(&gradients, clipValue: OptimizerOracle.float(hex: clip.clipValue))
            let report = FormatULPs.mismatches(gradients["g"].scalars, clip.clipped.values, format: format,
                                               tolerance: Self.tolerance, label: clip.name)
            #expect(report == nil, "\(report ?? "")")
        }
    }

    @Test("the total norm is returned from before clipping, and nothing clips below the maximum")
    func totalBeforeClipping() throws {
        var gradients = NamedTensors([("a", Tensor(shape: [2], scalars: [3, 4]))])
        let total = try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1)
        #expect(total == 5)
        #expect(GradientClipping.totalNorm(gradients) < 1.0001)
        var small = NamedTensors([("a", Tensor(shape: [2], scalars: [0.3, 0.4]))])
        #expect(try GradientClipping.clipGradientNorm(&small, maxNorm: 1) == 0.5)
        #expect(small["a"].scalars == [0.3, 0.4])
    }

    @Test("no gradients: the total is 0 and nothing throws")
    func empty() throws {
        var none = NamedTensors()
        #expect(try GradientClipping.clipGradientNorm(&none, maxNorm: 1, errorIfNonFinite: true) == 0)
        #expect(GradientClipping.totalNorm(NamedTensors(), normType: .infinity) == 0)
    }

    @Test("a non-finite total throws with a message that says what to do")
    func errorMessage() {
        var gradients = NamedTensors([("a", Tensor(shape: [2], scalars: [.infinity, 1]))])
        do {
            try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1, errorIfNonFinite: true)
            Issue.record("did not throw")
        } catch let error as GradientClippingError {
            #expect(error.totalNorm == .infinity && error.normType == .two)
            #expect(error.description.contains("errorIfNonFinite: false"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(gradients["a"].scalars == [.infinity, 1])
    }
}
