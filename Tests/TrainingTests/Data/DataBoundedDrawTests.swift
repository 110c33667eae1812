import Precision
import Testing
import Training

/// `SplitMix64.draw(below:)`: pinned against an independent implementation, and uniform.
@Suite("Data: bounded draw")
struct DataBoundedDrawTests {
    // The pinned values below were computed once by a 30-line Python script written from
    // the papers, not from this code: SplitMix64 as in Steele, Lea & Flood (2014) and
    // Lemire's nearly divisionless bounded draw (ACM TOMACS 2019), with Python's
    // arbitrary-precision integers for the 128-bit product (`m = next() * s`, reject while
    // `m mod 2^64 < 2^64 mod s`, return `m >> 64`). A change of algorithm fails them.

    @Test("the first draws below 10 and below 1 000 003 for seed 42 match the Python oracle")
    func pinnedSmallBounds() {
        var generator = SplitMix64(seed: 42)
        let belowTen = (0..<12).map { _ in generator.draw(below: 10) }
        #expect(belowTen == [7, 1, 2, 3, 0, 8, 2, 8, 3, 6, 2, 4])

        generator = SplitMix64(seed: 42)
        let belowPrime = (0..<6).map { _ in generator.draw(below: 1_000_003) }
        #expect(belowPrime == [741_567, 159_910, 278_601, 344_191, 38_030, 868_230])
    }

    @Test("draws below 3·2^61, where a quarter of outputs are rejected, match the Python oracle")
    func pinnedRejectingBound() {
        // The oracle counted one rejection in these eight draws, so the rejection loop is
        // exercised: skipping it would shift every later value.
        var generator = SplitMix64(seed: 7)
        let draws = (0..<8).map { _ in generator.draw(below: 3 << 61) }
        #expect(draws == [
            2_696_658_600_334_640_432, 116_133_514_723_108_426, 6_231_038_155_055_853_504,
            3_129_779_942_062_771_377, 1_725_449_795_799_580_614, 3_237_078_490_283_576_924,
            2_269_480_366_381_270_943, 928_735_679_209_154_244,
        ])
    }

    @Test("draws below 10 are uniform: chi-square over 100 000 draws")
    func uniformSmallBound() {
        var generator = SplitMix64(seed: 12_345)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[generator.draw(below: 10)] += 1 }
        // 9 degrees of freedom: P(χ² > 27.9) = 0.001 for a uniform draw; 40 is looser still.
        #expect(chiSquare(counts) < 40, "counts \(counts)")
    }

    @Test("draws below 3·2^61 are uniform across six equal ranges (a modulo draw is not)")
    func uniformLargeBound() {
        // Reducing a 64-bit output modulo 3·2^61 would make values below 2^62 half again
        // as likely as the others: ranges 0–3 against 4–5, a χ² in the thousands here.
        var generator = SplitMix64(seed: 99)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.draw(below: 3 << 61) >> 60] += 1 }
        // 5 degrees of freedom: P(χ² > 20.5) = 0.001; 30 is looser still.
        #expect(chiSquare(counts) < 30, "counts \(counts)")
    }

    @Test("every draw is in 0 ..< bound", arguments: [1, 2, 3, 7, 1 << 32 + 1, Int.max])
    func inRange(bound: Int) {
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: bound))
        for _ in 0..<10_000 {
            let value = generator.draw(below: bound)
            #expect((0..<bound).contains(value), "\(value) outside 0..<\(bound)")
            if !(0..<bound).contains(value) { return }
        }
    }

    /// Pearson's χ² statistic of `counts` against equal expected counts.
    private func chiSquare(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }
}
