import Precision
import Testing
import Training

/// The warmup + cosine schedule against PyTorch's `LambdaLR` (warmup) and
/// `CosineAnnealingLR`'s closed form (decay), evaluated by the oracle in float64.
///
/// Tolerance: **1 ULP** of `Float`. Both sides evaluate the same `Double` expression in the
/// same order; on Linux they call the same glibc `cos` and agree to the bit. Another C
/// library's `cos` may differ from glibc's by an ULP of `Double`, which flips the `Float`
/// rounding in rare cases, hence one ULP and not zero.
@Suite("Optimization: warmup + cosine schedule")
struct WarmupCosineTests {
    static let tolerance: UInt64 = 1

    @Test("every step's rate matches PyTorch's schedulers")
    func matchesPyTorch() throws {
        let oracle = try #require(OptimizerOracle.shared)
        for schedule in oracle.schedules {
            let peak = OptimizerOracle.float(hex: schedule.peak), minimum = OptimizerOracle.float(hex: schedule.minimum)
            let lr = WarmupCosine(peak: peak, minimum: minimum, warmupSteps: schedule.warmup, totalSteps: schedule.total)
            let expected = OptimizerOracle.floats(hex: schedule.rates)
            let actual = expected.indices.map { lr.learningRate(at: $0) }
            let report = FormatULPs.mismatches(actual, expected, format: .fp32, tolerance: Self.tolerance,
                                               label: "warmup \(schedule.warmup), total \(schedule.total)")
            #expect(report == nil, "\(report ?? "")")
        }
    }

    @Test("shape: 0 at the first step, the peak after warmup, the minimum at the end and after")
    func shape() {
        let lr = WarmupCosine(peak: 1e-3, minimum: 1e-5, warmupSteps: 10, totalSteps: 100)
        #expect(lr.learningRate(at: 0) == 0)
        #expect(lr.learningRate(at: 5) == 5e-4)
        #expect(lr.learningRate(at: 10) == 1e-3)
        #expect(lr.learningRate(at: 100) == 1e-5)
        #expect(lr.learningRate(at: 1000) == 1e-5)
        let rates = (10...100).map { lr.learningRate(at: $0) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 }, "decay is not monotone")
        #expect(WarmupCosine(peak: 2, warmupSteps: 0, totalSteps: 4).learningRate(at: 0) == 2)
    }
}
