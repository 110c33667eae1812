import Precision
import Testing
import Training

@Suite("Initialization: orthogonal")
struct OrthogonalInitializationTests {
    /// QQᵀ = I to within a few Double roundings per entry, for several sizes and seeds.
    @Test(arguments: [1, 2, 7, 32])
    func rowsAreOrthonormal(n: Int) {
        var generator = SplitMix64(seed: UInt64(n))
        let q = Initialization.orthogonal(n, using: &generator)
        #expect(q.count == n * n)
        for i in 0..<n {
            for j in 0..<n {
                let dot = (0..<n).reduce(0.0) { $0 + q[i * n + $1] * q[j * n + $1] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-13, "row \(i) · row \(j) = \(dot)")
            }
        }
    }

    /// The same seed gives the same bits; the matrix is not the identity or a permutation.
    @Test func isSeededAndRandom() {
        var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3), c = SplitMix64(seed: 4)
        let first = Initialization.orthogonal(8, using: &a)
        #expect(first.map(\.bitPattern) == Initialization.orthogonal(8, using: &b).map(\.bitPattern))
        #expect(first != Initialization.orthogonal(8, using: &c))
        #expect(first.filter { $0 != 0 && abs($0) != 1 }.count == 64)
    }
}
