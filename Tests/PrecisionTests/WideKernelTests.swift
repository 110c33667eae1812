import Precision
import Testing

/// The eight-lane AVX2 loops against the four-lane baseline loops, bit for bit, and the
/// baseline loops against the scalar path (BulkTests checks the automatic choice, which is
/// the wide path on a CPU with AVX2).
@Suite("Bulk rounding: wide and baseline kernels")
struct WideKernelTests {
    static let formats = BulkTests.formats
    static let modes: [Rounding] = Rounding.deterministic + [.stochastic(seed: 0), .stochastic(seed: 0xC0FFEE)]
    static let policies = BulkTests.policies

    /// Lengths around the block sizes (heads and tails of 1 to 7 elements), and start
    /// counters that are and are not multiples of 4 and 8, and one that wraps around 2^64.
    static let lengths = [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 101]
    static let startIndices: [UInt64] = [0, 1, 3, 4, 6, 977, UInt64.max - 40]

    @Test("baseline kernels equal the scalar path on edge-case buffers", arguments: formats)
    func baselineEqualsScalar(format: FloatFormat) {
        let inputs = Self.edgeInputs(for: format, count: 4_099)
        var mismatches = Mismatches()
        for rounding in Self.modes {
            for (overflow, subnormals) in Self.policies {
                let expected = inputs.indices.map { i in
                    format.round(inputs[i], rounding: rounding, overflow: overflow, subnormals: subnormals,
                                 index: 5 &+ UInt64(i)).bitPattern
                }
                let actual = Self.rounded(format, inputs, rounding, overflow, subnormals, startIndex: 5, .baseline)
                for i in inputs.indices where actual[i] != expected[i] {
                    mismatches.record("\(format) \(rounding) \(overflow) \(subnormals) input \(hex(inputs[i].bitPattern)): "
                        + "baseline \(hex(actual[i])), scalar \(hex(expected[i]))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("wide kernels equal baseline kernels on the oracle inputs",
          .enabled(if: BulkKernels.isWideAvailable, "this CPU has no AVX2: only the baseline kernels can run"),
          arguments: formats)
    func oracleInputs(format: FloatFormat) throws {
        let inputs = try BulkTests.oracleInputs(for: format)
        var mismatches = Mismatches()
        for rounding in Self.modes {
            for (overflow, subnormals) in Self.policies {
                for startIndex: UInt64 in [0, 977] {
                    Self.compare(format, inputs, rounding, overflow, subnormals, startIndex: startIndex, &mismatches)
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("wide kernels equal baseline kernels on random edge-case buffers of odd lengths",
          .enabled(if: BulkKernels.isWideAvailable, "this CPU has no AVX2: only the baseline kernels can run"),
          arguments: formats)
    func randomBuffers(format: FloatFormat) {
        let inputs = Self.edgeInputs(for: format, count: 10_007)
        var mismatches = Mismatches()
        for rounding in Self.modes {
            for (overflow, subnormals) in Self.policies {
                for startIndex in Self.startIndices {
                    Self.compare(format, inputs, rounding, overflow, subnormals, startIndex: startIndex, &mismatches)
                }
                for length in Self.lengths {
                    for startIndex in Self.startIndices {
                        Self.compare(format, Array(inputs[1_000..<(1_000 + length)]), rounding, overflow, subnormals,
                                     startIndex: startIndex, &mismatches)
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("the choice of kernels is reported consistently")
    func resolution() {
        #expect(BulkKernels.baseline.resolved == .baseline)
        #expect(BulkKernels.automatic.resolved == (BulkKernels.isWideAvailable ? .wide : .baseline))
        #if !arch(x86_64)
        #expect(!BulkKernels.isWideAvailable)
        #endif
    }

    /// Rounds `inputs` with both kernels, out of place and in place, and records every
    /// element where they differ.
    private static func compare(
        _ format: FloatFormat, _ inputs: [Float], _ rounding: Rounding, _ overflow: OverflowPolicy,
        _ subnormals: SubnormalPolicy, startIndex: UInt64, _ mismatches: inout Mismatches
    ) {
        let baseline = rounded(format, inputs, rounding, overflow, subnormals, startIndex: startIndex, .baseline)
        for inPlace in [false, true] {
            let wide = rounded(format, inputs, rounding, overflow, subnormals, startIndex: startIndex, .wide,
                               inPlace: inPlace)
            for i in inputs.indices where wide[i] != baseline[i] {
                mismatches.record("\(format) \(rounding) \(overflow) \(subnormals) start \(startIndex) "
                    + "length \(inputs.count)\(inPlace ? " in place" : "") element \(i) input \(hex(inputs[i].bitPattern)): "
                    + "wide \(hex(wide[i])), baseline \(hex(baseline[i]))")
            }
        }
    }

    /// The bits of `inputs` rounded by the given kernels.
    private static func rounded(
        _ format: FloatFormat, _ inputs: [Float], _ rounding: Rounding, _ overflow: OverflowPolicy,
        _ subnormals: SubnormalPolicy, startIndex: UInt64, _ kernels: BulkKernels, inPlace: Bool = false
    ) -> [UInt32] {
        var output = inPlace ? inputs : [Float](repeating: 7, count: inputs.count)
        output.withUnsafeMutableBufferPointer { destination in
            if inPlace {
                format.round(UnsafeBufferPointer(destination), into: destination, rounding: rounding,
                             overflow: overflow, subnormals: subnormals, startIndex: startIndex, kernels: kernels)
            } else {
                inputs.withUnsafeBufferPointer { source in
                    format.round(source, into: destination, rounding: rounding, overflow: overflow,
                                 subnormals: subnormals, startIndex: startIndex, kernels: kernels)
                }
            }
        }
        return output.map(\.bitPattern)
    }

    /// A seeded mix of the cases where kernels go wrong: NaNs (quiet and signalling, with
    /// payloads), ±infinity, ±0, `Float` subnormals, the format's subnormals, values within a
    /// few ulps of the format's largest value, of 2^(emax + 1) and of the smallest normal,
    /// exact ties, and raw bit patterns; both signs.
    static func edgeInputs(for format: FloatFormat, count: Int) -> [Float] {
        var generator = SplitMix64(seed: 0xA1B2 &+ UInt64(format.mantissaBits * 31 + format.exponentBits))
        let largest = Float(format.maxValue)
        let smallestNormal = Float(sign: .plus, exponent: max(format.minExponent, -126), significand: 1)
        let anchors: [Float] = [largest, largest.nextUp, largest.nextDown, largest * 2, smallestNormal,
                                smallestNormal / 2, 1, 1.5]
        return (0..<count).map { _ in
            let bits = generator.next()
            let low = UInt32(truncatingIfNeeded: bits), choice = bits >> 60
            let negative = (bits >> 59) & 1 == 1
            var x: Float
            switch choice {
            case 0: x = Float(bitPattern: 0x7F80_0000 | (low & 0x007F_FFFF))  // NaN or infinity
            case 1: x = [Float.infinity, 0, .nan, .signalingNaN][Int(low % 4)]
            case 2: x = Float(bitPattern: low & 0x007F_FFFF)  // Float subnormal
            case 3, 4:  // a few ulps around an anchor
                let anchor = anchors[Int(low % UInt32(anchors.count))]
                let step = Int32(truncatingIfNeeded: low >> 8) % 300
                x = Float(bitPattern: UInt32(bitPattern: Int32(bitPattern: anchor.bitPattern) &+ step))
            case 5:  // the format's own subnormal range
                x = smallestNormal * Float(low & 0xFFFF) * 0x1p-16
            case 6:  // a tie: halfway between two codes of the format near 1
                x = 1 + Float(low & 0xFF) * 0x1p-8 + Float(sign: .plus, exponent: -format.mantissaBits - 1, significand: 1)
            case 7, 8, 9:
                x = Float(bitPattern: low)
            default:  // values over the format's range
                let scale = Float(sign: .plus, exponent: Int(low % 60) - 40, significand: 1)
                x = Float(bitPattern: 0x3F80_0000 | low >> 9) * scale
            }
            return negative ? -x : x
        }
    }
}
