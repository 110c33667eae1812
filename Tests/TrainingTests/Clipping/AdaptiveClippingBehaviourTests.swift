import Foundation
import Precision
import Testing
import Training

/// Properties of the adaptive clippers that do not need an oracle: warm-up, saving and
/// resuming, exclusions, and what a non-finite norm does to the history.
@Suite("Clipping: adaptive clippers' behaviour")
struct AdaptiveClippingBehaviourTests {
    /// One one-element tensor, whose 2-norm is exactly `norm` (√(x²) = |x| in IEEE arithmetic).
    static func gradients(norm: Float) -> NamedTensors {
        NamedTensors([("g", Tensor(shape: [1], scalars: [norm]))])
    }

    /// Norms with spikes of 10^3..10^6 among values near 1.
    static let spiky: [Float] = [1, 1000, 0.5, 1e6, 2, 1, 4000, 0.25, 1, 1e5]

    @Test("warm-up never clips, however large the spikes")
    func warmupNeverClips() {
        var window = WindowClipper(window: 20, deviations: 0, warmup: 8)
        var z = ZClipper(warmupSteps: 8)
        for norm in Self.spiky.prefix(8) {
            for outcome in [Self.step(&window, norm), Self.step(&z, norm)] {
                #expect(outcome.threshold == nil && !outcome.clipped, "norm \(norm): \(outcome)")
            }
        }
        #expect(window.history.count == 8 && window.threshold != nil)
        #expect(z.statistics != nil && z.warmupNorms.isEmpty)
        // Past warm-up, with k = 0, the next spike is clipped to the mean.
        #expect(Self.step(&window, 1e6).clipped)
    }

    /// Clips fresh gradients of norm `norm`, checking that unclipped gradients are untouched.
    static func step<C: AdaptiveClipper>(_ clipper: inout C, _ norm: Float) -> AdaptiveClipOutcome {
        let original = gradients(norm: norm)
        var g = original
        let outcome = clipper.clip(&g, parameters: NamedTensors())
        if !outcome.clipped && outcome.threshold == nil { #expect(g["g"].scalars == original["g"].scalars) }
        return outcome
    }

    @Test("saving mid-run and resuming continues bit for bit", arguments: AdaptiveClippingOracle.globalNames)
    func codableRoundTrip(name: String) throws {
        let oracle = try #require(AdaptiveClippingOracle.shared)
        let global = try #require(oracle.global.first { $0.name == name })
        let sequence = try #require(oracle.sequence(named: global.sequence))
        let steps = sequence.steps.count
        // Once inside every warm-up, once past it, once after the NaN/inf steps of "spiky".
        for stop in [3, 30, 57].filter({ $0 < steps }) {
            var straight = OracleClipper(global).clipper
            var resumed = OracleClipper(global).clipper
            for index in 0..<steps {
                if index == stop {
                    let copy = try Self.roundTrip(resumed)
                    let same = Self.equal(copy, resumed)
                    #expect(same, "\(name): decoded clipper differs at step \(stop)")
                    resumed = copy
                }
                var a = sequence.gradients(index), b = a
                let one = straight.clip(&a, parameters: NamedTensors())
                let two = resumed.clip(&b, parameters: NamedTensors())
                #expect(one.totalNorm.bitPattern == two.totalNorm.bitPattern && one.threshold == two.threshold
                        && one.clipped == two.clipped, "\(name) resumed at \(stop), step \(index)")
                #expect(FormatULPs.mismatches(a, b, tolerance: 0, label: "\(name) step \(index)") == nil)
            }
            let same = Self.equal(straight, resumed)
            #expect(same, "\(name): final states differ after resuming at \(stop)")
        }
    }

    static func roundTrip<C: AdaptiveClipper>(_ clipper: C) throws -> C {
        try JSONDecoder().decode(C.self, from: JSONEncoder().encode(clipper))
    }

    static func equal<C: AdaptiveClipper>(_ a: C, _ b: any AdaptiveClipper) -> Bool {
        (b as? C) == a
    }

    @Test("AGC: excluded parameters are untouched; a row at the limit is scaled by exactly 1; a zero row uses ε")
    func agcExclusions() {
        let parameters = NamedTensors([
            ("w", Tensor(shape: [2, 2], scalars: [3, 4, 0, 0])),
            ("head", Tensor(shape: [2], scalars: [0.001, 0])),
        ])
        let original = NamedTensors([
            ("w", Tensor(shape: [2, 2], scalars: [0.375, 0.5, 3, 4])),
            ("head", Tensor(shape: [2], scalars: [300, 400])),
        ])
        let clipper = UnitwiseClipper(clipping: 0.125, excluded: ["head"])
        var gradients = original
        let outcome = clipper.clip(&gradients, parameters: parameters)
        #expect(outcome.clipped && outcome.threshold == nil)
        #expect(outcome.totalNorm == GradientClipping.totalNorm(original))
        #expect(gradients["head"].scalars == [300, 400])
        // Row 0: ‖G‖ = 0.625 = 0.125 · ‖(3, 4)‖, not below the limit: scaled by 0.625 / 0.625.
        #expect(Array(gradients["w"].scalars[0..<2]) == [0.375, 0.5])
        // Row 1: zero weights, limit 0.125 · ε: the gradient is scaled to (about) that norm.
        let limit = Float(0.125) * Float(1e-3)
        let row = Array(gradients["w"].scalars[2..<4])
        #expect(abs(Float(hypot(Double(row[0]), Double(row[1]))) - limit) <= limit.ulp * 2)
        // A unit exactly at its limit counts as clipped (timm keeps only norms below it).
        var atLimit = NamedTensors([("w", Tensor(shape: [1, 2], scalars: [0.375, 0.5]))])
        let exact = UnitwiseClipper(clipping: 0.125)
            .clip(&atLimit, parameters: NamedTensors([("w", Tensor(shape: [1, 2], scalars: [3, 4]))]))
        #expect(exact.clipped && atLimit["w"].scalars == [0.375, 0.5])
        // Without the exclusion, the head (a rank-1 tensor, one unit) is clipped too.
        var all = original
        #expect(UnitwiseClipper(clipping: 0.125).clip(&all, parameters: parameters).clipped)
        #expect(all["head"].scalars != [300, 400])
    }

    @Test("AGC: a gradient below every limit is untouched and not reported as clipped")
    func agcBelowLimit() {
        let parameters = NamedTensors([("w", Tensor(shape: [2, 3], scalars: [1, 2, 2, 0, 3, 4]))])
        let original = NamedTensors([("w", Tensor(shape: [2, 3], scalars: [0.001, -0.002, 0, 0.003, 0, -0.004]))])
        var gradients = original
        #expect(!UnitwiseClipper().clip(&gradients, parameters: parameters).clipped)
        #expect(gradients == original)
    }

    @Test("non-finite norms never enter a history or the statistics")
    func nonFiniteNorms() {
        var window = WindowClipper(window: 10, deviations: 2, warmup: 3)
        var auto = AutoClipper(percentile: 50)
        var z = ZClipper(warmupSteps: 3)
        for norm: Float in [1, 2, 3, 2] {
            _ = Self.step(&window, norm)
            _ = Self.step(&auto, norm)
            _ = Self.step(&z, norm)
        }
        let before = (window, auto, z)
        for bad: Float in [.nan, .infinity] {
            let poisoned = NamedTensors([("g", Tensor(shape: [2], scalars: [bad, 1]))])
            var g = poisoned
            let w = window.clip(&g, parameters: NamedTensors())
            #expect(w.threshold != nil && w.clipped, "a non-finite norm past warm-up is clipped")
            g = poisoned
            _ = auto.clip(&g, parameters: NamedTensors())
            g = poisoned
            _ = z.clip(&g, parameters: NamedTensors())
        }
        #expect(window == before.0 && auto == before.1 && z == before.2)
    }

    @Test("a NaN gradient past warm-up becomes all NaN, as clip_grad_norm_ makes it")
    func nanStepClipped() {
        var window = WindowClipper(window: 4, deviations: 1, warmup: 2)
        _ = Self.step(&window, 1)
        _ = Self.step(&window, 2)
        var g = NamedTensors([("a", Tensor(shape: [2], scalars: [.nan, 1])), ("b", Tensor(shape: [1], scalars: [3]))])
        let outcome = window.clip(&g, parameters: NamedTensors())
        #expect(outcome.totalNorm.isNaN && outcome.clipped)
        #expect(g.tensors.allSatisfy { $0.scalars.allSatisfy(\.isNaN) })
    }

    @Test("AutoClip: the first threshold is the first norm itself; later ones are the percentile, this norm included")
    func autoClipFirstStep() {
        var auto = AutoClipper(percentile: 10)
        let first = Self.step(&auto, 5)
        #expect(first.threshold == 5 && !first.clipped)
        let second = Self.step(&auto, 10)
        #expect(second.threshold == Float(Percentile.of([5, 10] as [Float], 10)) && second.clipped)
        var limited = AutoClipper(percentile: 50, historyLimit: 2)
        for norm: Float in [1, 100, 3] { _ = Self.step(&limited, norm) }
        #expect(limited.history == [100, 3])
    }

    @Test("ZClip: a spike after warm-up is cut to μ + (z_t²/z)·σ and moves μ only by the clipped value")
    func zclipSpike() throws {
        var z = ZClipper(warmupSteps: 4)
        for norm: Float in [1, 2, 1, 2] { _ = Self.step(&z, norm) }
        let stats = try #require(z.statistics)
        #expect(stats.mean == 1.5 && stats.variance == 0.25)
        let outcome = Self.step(&z, 100)
        // σ = 0.5, z = 98.5 / 0.500001; v = 1.5 + 1.25 / (z / 2.5).
        let zScore = (100 - 1.5) / (0.5 + 1e-6)
        let v = 1.5 + (2.5 * 0.5) / (zScore / 2.5)
        #expect(outcome.clipped && outcome.threshold == Float(v))
        #expect(z.statistics?.mean == 0.97 * 1.5 + (1 - 0.97) * v)
    }
}
