import Precision
import Testing
import Training

/// DeepSeek-V3's point: an accumulator that keeps about 14 mantissa bits loses the small
/// terms of a long reduction, and promoting its partial sums into FP32 every 128 products
/// recovers most of them.
@Suite("The limited accumulator")
struct LimitedAccumulatorTests {
    /// A Float64 simulation of the rule: each step's sum `p + a·b` is formed exactly in
    /// Float64 (the operands are short: no Float64 rounding happens), rounded once to FP32 (as
    /// the accumulator's fused multiply-add rounds), and cut toward zero to `bits` mantissa
    /// bits by clearing the FP32 fraction's low bits; every `interval` products the partial
    /// sum is added into an FP32 total.
    static func simulate(_ a: [Float], _ b: [Float], bits: Int, interval: Int) -> Float {
        let mask = ~((UInt32(1) << UInt32(23 - bits)) - 1)
        var total: Float = 0, partial: Float = 0
        for t in a.indices {
            let exact = Double(partial) + Double(a[t]) * Double(b[t])
            partial = Float(bitPattern: Float(exact).bitPattern & mask)
            if (t + 1) % interval == 0 {
                total += partial
                partial = 0
            }
        }
        return total + partial
    }

    /// One term of 1 and 4095 of 2^-16, by hand. 2^-16 is below the last bit kept at 1
    /// (2^-14), so after the 1 every small term is cut away until the partial sum is
    /// promoted; each later group of 128 sums exactly to 2^-9.
    @Test func aLongSumOfSmallTermsByHand() {
        let terms: [Float] = [1] + Array(repeating: 0x1p-16, count: 4095)
        let ones = [Float](repeating: 1, count: 4096)
        #expect(LimitedAccumulator().dot(terms, ones) == 1 + 31 * 0x1p-9)
        #expect(LimitedAccumulator(promotionInterval: 4096).dot(terms, ones) == 1)
        // The same through a scaled product: MXFP8 holds these terms exactly, and the ideal
        // accumulator keeps all of them.
        func product(_ accumulator: LimitedAccumulator?) -> Float {
            var tape = Tape(policy: .scaled(LowPrecisionRecipe.mxfp8(rule: .floor).accumulating(in: accumulator)))
            let a = tape.constant(Tensor(shape: [1, 4096], scalars: terms))
            let b = tape.constant(Tensor(shape: [4096, 1], scalars: ones))
            let c = tape.matmul(a, b)
            return tape.value(c).scalar
        }
        #expect(product(nil) == 1 + 4095 * 0x1p-16)
        #expect(product(LimitedAccumulator()) == 1 + 31 * 0x1p-9)
        #expect(product(LimitedAccumulator(promotionInterval: 4096)) == 1)
    }

    /// Random operands through a scaled product: every element equals the Float64
    /// simulation of the rule on the block quantiser's operands, bit for bit, and some differ
    /// from the ideal FP32 product.
    @Test(arguments: [(14, 128), (14, 1_000_000), (10, 32)])
    func aProductFollowsTheRule(bits: Int, interval: Int) {
        let (m, n, k) = (3, 4, 600)
        var generator = SplitMix64(seed: 21)
        let a = Initialization.normal([m, k], deviation: 1, using: &generator)
        let b = Initialization.normal([n, k], deviation: 1, using: &generator)
        let recipe = LowPrecisionRecipe.mxfp8(rule: .rceil)
        let accumulator = LimitedAccumulator(mantissaBits: bits, promotionInterval: interval)
        func product(_ recipe: LowPrecisionRecipe) -> [Float] {
            var tape = Tape(policy: .scaled(recipe))
            let c = tape.matmul(tape.constant(a), tape.constant(b), transposeB: true)
            return tape.value(c).scalars
        }
        let limited = product(recipe.accumulating(in: accumulator))
        let qa = QuantisedProductReference.dequantized(a.scalars, rows: m, columns: k, alongRows: true, recipe.forward)
        let qb = QuantisedProductReference.dequantized(b.scalars, rows: n, columns: k, alongRows: true, recipe.forward)
        for i in 0..<m {
            for j in 0..<n {
                let expected = Self.simulate(Array(qa[(i * k)..<((i + 1) * k)]), Array(qb[(j * k)..<((j + 1) * k)]),
                                             bits: bits, interval: interval)
                #expect(limited[i * n + j].bitPattern == expected.bitPattern, "C[\(i), \(j)]")
            }
        }
        #expect(limited != product(recipe))
    }
}
