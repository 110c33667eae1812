import Precision
import Testing
import Training

/// `clip_grad_norm_` with every kind of ``ClipNorm`` against PyTorch (`Oracle/clip_norms.json`).
///
/// Tolerance, for the returned total norm and every clipped element, in ULPs of their formats
/// (``tolerance(_:)``):
/// - **0** for the orders 1, 2 and ∞: the same sums in the same order, no library call.
/// - **0** for every other order with glibc, whose `powf` PyTorch's kernel calls too, with
///   the same arguments.
/// - **⌈2/p⌉ + 3** for the other orders with another C library. A faithful `powf` may round
///   each power and each root one ULP away from glibc's: the root `pow(sum, 1/p)` scales the
///   sum's relative error by 1/p, once for each tensor's norm and once for the total (the
///   p-th powers of the tensors' norms scale their error by p, which the total's root undoes),
///   and each root adds its own ULP: about 2/p + 2. One more covers the product with the
///   coefficient. Replaying this oracle with every `powf` result pushed one ULP up or down at
///   random gave at most 7 ULPs for p = 0.3 (bound 10), 4 for p = 0.5 (bound 7) and 3 for
///   p = 4.5 (bound 4).
@Suite("Optimization: clipping by any p-norm matches PyTorch")
struct ClipNormOracleTests {
    /// The tolerance for `norm`, in ULPs (see the suite's comment).
    static func tolerance(_ norm: ClipNorm) -> UInt64 {
        if [1, 2, .infinity].contains(norm.order) { return 0 }
        #if canImport(Glibc)
        return 0
        #else
        return UInt64((2 / norm.order).rounded(.up)) + 3
        #endif
    }

    @Test("the oracle file loads and holds every case")
    func oracleLoads() throws {
        let oracle = try ClipNormOracle.load()
        #expect(oracle.cases.count == 85)
        #expect(oracle.random.count == 80)
        #expect(Set(oracle.cases.map(\.normType)) == ["1", "2", "inf", "0.5", "3", "4.5"])
        #expect(Set(oracle.random.map(\.normType)) == ["1", "0.5", "3", "4.5", "1.5", "7", "0.30000001192092896"])
        #expect(oracle.source.contains("AVX2"))
    }

    @Test("clip_grad_norm_: total norm and clipped gradients", arguments: ClipNormOracle.caseNames)
    func clipNorm(name: String) throws {
        let oracle = try #require(ClipNormOracle.shared)
        try Self.check(try #require(oracle.cases.first { $0.name == name }))
    }

    @Test("clip_grad_norm_: 80 random cases over seven orders and three formats")
    func clipNormRandom() throws {
        let oracle = try #require(ClipNormOracle.shared)
        for clip in oracle.random { try Self.check(clip) }
    }

    static func check(_ clip: OptimizerOracle.ClipNormCase) throws {
        let norm = try #require(clip.clipNorm, "\(clip.name): norm type \(clip.normType)")
        try ClippingOracleTests.check(clip, tolerance: tolerance(norm))
    }
}
