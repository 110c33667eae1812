import Precision
import Testing

/// Bulk rounding against the scalar path, bit for bit, for every format, mode and policy.
@Suite("Bulk rounding")
struct BulkTests {
    /// The standard and microscaling formats (E8M0 takes the scalar path), and custom ones
    /// that take the general loops (and the scalar fallback, for a bias above 127).
    static let formats: [FloatFormat] = FloatFormat.allNamed + [
        try! .custom(name: "E3M4", exponentBits: 3, mantissaBits: 4),
        try! .custom(name: "E8M5", exponentBits: 8, mantissaBits: 5),
        try! .custom(name: "BF16 to NaN", exponentBits: 8, mantissaBits: 7, overflow: .nan),
        try! .custom(name: "E5M2 sat", exponentBits: 5, mantissaBits: 2, overflow: .saturate),
        try! .custom(name: "E2M0 sat", exponentBits: 2, mantissaBits: 0, hasInfinity: false,
                     nanEncoding: .allOnes, overflow: .saturate),
        try! .custom(name: "E8M22 bias 128", exponentBits: 8, mantissaBits: 22, bias: 128),
    ]

    static let modes: [Rounding] = Rounding.deterministic + [.stochastic(seed: 0), .stochastic(seed: 0xC0FFEE)]

    static let policies: [(OverflowPolicy, SubnormalPolicy)] = [
        (.format, .keep), (.saturate, .keep), (.format, .flushToZero), (.saturate, .flushToZero),
    ]

    @Test("bulk equals scalar on the oracle inputs, in place and out of place", arguments: formats)
    func oracleInputs(format: FloatFormat) throws {
        let inputs = try Self.oracleInputs(for: format)
        var mismatches = Mismatches()
        for rounding in Self.modes {
            for (overflow, subnormals) in Self.policies {
                compare(format, inputs, rounding, overflow, subnormals, startIndex: 977, threads: [1], &mismatches)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("bulk equals scalar on a random buffer whose counters wrap around 2^64", arguments: formats)
    func randomBuffer(format: FloatFormat) {
        let inputs = Self.randomInputs(count: 12_000)
        var mismatches = Mismatches()
        for rounding in Self.modes {
            for (overflow, subnormals) in Self.policies {
                compare(format, inputs, rounding, overflow, subnormals,
                        startIndex: UInt64.max - 5_000, threads: [1], &mismatches)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("the result does not depend on the number of threads", arguments: formats)
    func threads(format: FloatFormat) {
        let inputs = Self.randomInputs(count: 50_000)  // three chunks of at least 16 Ki elements
        for rounding in Self.modes {
            let single = format.rounded(inputs, rounding: rounding, startIndex: 3).map(\.bitPattern)
            for threads in [2, 3] {
                let copied = format.rounded(inputs, rounding: rounding, startIndex: 3, threads: threads)
                var inPlace = inputs
                format.round(&inPlace, rounding: rounding, startIndex: 3, threads: threads)
                #expect(copied.map(\.bitPattern) == single, "\(format) \(rounding) copy on \(threads) threads")
                #expect(inPlace.map(\.bitPattern) == single, "\(format) \(rounding) in place on \(threads) threads")
            }
        }
    }

    /// Half raw bit patterns (every exponent, NaNs and infinities), half values near the
    /// range of the small formats, from a fixed seed.
    static func randomInputs(count: Int) -> [Float] {
        var generator = SplitMix64(seed: 0xB01C)
        return (0..<count).map { i in
            let bits = UInt32(truncatingIfNeeded: generator.next())
            guard i % 2 == 0 else { return Float(bitPattern: bits) }
            let scale = Float(sign: .plus, exponent: Int(bits % 48) - 30, significand: 1)
            return Float(bitPattern: 0x3F80_0000 | bits >> 9) * scale * (bits & 1 == 0 ? 1 : -1)
        }
    }

    #if !(os(macOS) && arch(x86_64))  // Float16 is unavailable on Intel Macs
    @Test("FP16 nearest-even equals Swift's own Float16 conversion (compiler-rt on x86-64 Linux)")
    func matchesFloat16() {
        let inputs = Self.randomInputs(count: 50_000)
        var mismatches = Mismatches()
        for (x, rounded) in zip(inputs, FloatFormat.fp16.rounded(inputs)) where !x.isNaN {
            let expected = Float(Float16(x))
            if rounded.bitPattern != expected.bitPattern {
                mismatches.record("\(hex(x.bitPattern)): \(hex(rounded.bitPattern)), Float16 \(hex(expected.bitPattern))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }
    #endif

    @Test("the array conveniences equal the buffer functions")
    func arrays() {
        var values: [Float] = [1, 1.00390625, 3.4e38, -0.0, .nan, 0x1p-140]
        let copy = FloatFormat.bf16.rounded(values, rounding: .up)
        FloatFormat.bf16.round(&values, rounding: .up)
        #expect(values.map(\.bitPattern) == copy.map(\.bitPattern))
        #expect(FloatFormat.bf16.rounded([1, 1.00390625, 3.4e38]) == [1, 1, .infinity])
        #expect(FloatFormat.fp16.rounded([]) == [])
    }

    /// Rounds `inputs` out of place and in place on each number of threads, and checks every
    /// element against the scalar `round` with counter `startIndex + i`.
    private func compare(
        _ format: FloatFormat, _ inputs: [Float], _ rounding: Rounding, _ overflow: OverflowPolicy,
        _ subnormals: SubnormalPolicy, startIndex: UInt64, threads: [Int], _ mismatches: inout Mismatches
    ) {
        let expected = inputs.indices.map { i in
            format.round(inputs[i], rounding: rounding, overflow: overflow, subnormals: subnormals,
                         index: startIndex &+ UInt64(i)).bitPattern
        }
        for threads in threads {
            let copied = format.rounded(inputs, rounding: rounding, overflow: overflow,
                                        subnormals: subnormals, startIndex: startIndex, threads: threads)
            var inPlace = inputs
            format.round(&inPlace, rounding: rounding, overflow: overflow, subnormals: subnormals,
                         startIndex: startIndex, threads: threads)
            for (kind, actual) in [("copy", copied), ("in place", inPlace)] {
                for i in inputs.indices where actual[i].bitPattern != expected[i] {
                    mismatches.record("\(format) \(rounding) \(overflow) \(subnormals) threads \(threads) "
                        + "\(kind) input \(hex(inputs[i].bitPattern)): bulk \(hex(actual[i].bitPattern)), "
                        + "scalar \(hex(expected[i]))")
                }
            }
        }
    }

    /// The edge cases and every fourth input of the random sample of the format's oracle
    /// file (FP32's and the custom formats' borrow FP16's and BF16's).
    static func oracleInputs(for format: FloatFormat) throws -> [Float] {
        let keys: [FloatFormat] = Oracle.encodedFormats.contains(format) ? [format] : [.fp16, .bf16]
        return try keys.flatMap { key in
            let file = try Oracle.file(for: key)
            let sample = file.samplePairs.enumerated().filter { $0.offset % 4 == 0 }.map(\.element.input)
            return (file.edgeCases.map(\.input) + sample).map(Float.init(bitPattern:))
        }
    }
}
