import Foundation
import Precision
import Testing

/// Block scaling: hand-computable blocks, and random tensors against a Float64 reference
/// that shares nothing with the implementation but the element formats' decoded values
/// (themselves checked against ml_dtypes).
@Suite("Block scaling")
struct BlockScalingTests {
    static let mxFormats: [BlockFormat] = [FloatFormat.e4m3fn, .e5m2, .e2m3fn, .e3m2fn, .e2m1fn]
        .flatMap { element in ScaleRule.allCases.map { BlockFormat.mx(element, rule: $0) } }

    @Test("MXFP4: floor saturates 7 to 6, rceil doubles the scale and rounds 3.5 to 4 (ties to even)")
    func mxfp4SaturationAndRceil() {
        let block: [Float] = [7, -1, 0.25, 3]
        let floor = BlockFormat.mx(.e2m1fn, rule: .floor).quantize(block)
        // ⌊log2 7⌋ = 2 = emax(E2M1): X = 1, code 127; 7 saturates to 6, 0.25 ties to 0.
        #expect(floor.scaleCodes == [127])
        #expect(floor.dequantized() == [6, -1, 0, 3])
        let rceil = BlockFormat.mx(.e2m1fn, rule: .rceil).quantize(block)
        // 7 / 6 rounds up to X = 2, code 128: 3.5 → 4, -0.5, 0.125 → 0, 1.5.
        #expect(rceil.scaleCodes == [128])
        #expect(rceil.elements == [4, -0.5, 0, 1.5])
        #expect(rceil.dequantized() == [8, -1, 0, 3])
    }

    @Test("MXFP8 E4M3: amax 500 saturates to 448 under floor; rceil takes X = 2 and 250 rounds to 256")
    func mxfp8() {
        let block: [Float] = [500, 1, -0.001]
        let floor = BlockFormat.mx(.e4m3fn).quantize(block)
        #expect(floor.scaleCodes == [127] && floor.dequantized()[0] == 448)
        let rceil = BlockFormat.mx(.e4m3fn, rule: .rceil).quantize(block)
        #expect(rceil.scaleCodes == [128])
        #expect(rceil.elements[0] == 256 && rceil.dequantized()[0] == 512)
        // 0.0005 in E4M3 (smallest subnormal 2^-9 ≈ 0.00195) rounds to -0.
        #expect(rceil.elements[2] == 0 && rceil.elements[2].sign == .minus)
    }

    @Test("a value exactly max · 2^k keeps its power under rceil; one ulp above takes the next")
    func rceilBoundary() {
        let format = BlockFormat.mx(.e2m1fn, rule: .rceil)
        #expect(format.scaleCode(amax: 6 * 0x1p-10) == UInt32(127 - 10))
        #expect(format.scaleCode(amax: (6 * 0x1p-10 as Float).nextUp) == UInt32(127 - 9))
        // floor: just below 2^-7 is in the binade 2^-8, and emax(E2M1) = 2.
        #expect(BlockFormat.mx(.e2m1fn).scaleCode(amax: (0x1p-7 as Float).nextDown) == UInt32(127 - 10))
    }

    @Test("zero blocks get scale code 0; NaN or infinity makes the scale NaN; the last block is shorter")
    func edges() {
        let format = BlockFormat(element: .e2m1fn, blockSize: 4)
        let values: [Float] = [0, -0.0, 0, 0, 1, .infinity, 2, 3, .nan, 1, 6]
        let tensor = format.quantize(values)
        #expect(tensor.blockCount == 3 && tensor.count == 11)
        #expect(tensor.scaleCodes == [0, 255, 255])
        let out = tensor.dequantized()
        #expect(out[0..<4].allSatisfy { $0 == 0 } && out[1].sign == .minus)
        #expect(out[4...].allSatisfy { $0.isNaN })
        #expect(tensor.scale(ofBlock: 0) == 0x1p-127 && tensor.scale(ofBlock: 1).isNaN)
        #expect(BlockFormat.mx(.e4m3fn).quantize([]).blockCount == 0)
    }

    @Test("tiny blocks clamp to E8M0's 2^-127; rceil next to Float's largest value overflows on the way back")
    func clamping() {
        let tiny = BlockFormat.mx(.e4m3fn).quantize([0x1p-140, 0x1p-149])
        #expect(tiny.scaleCodes == [0])
        // 2^-140 / 2^-127 = 2^-13, below half of E4M3's smallest value 2^-9: zero.
        #expect(tiny.dequantized() == [0, 0])
        // amax just below 2^128: 6 · 2^125 is too small, so X = 2^126 (code 253); amax / X,
        // just below 4, rounds up to 4, and 4 · 2^126 = 2^128 is beyond Float.
        let huge = BlockFormat.mx(.e2m1fn, rule: .rceil).quantize([.greatestFiniteMagnitude])
        #expect(huge.scaleCodes == [253] && huge.elements == [4])
        #expect(huge.dequantized() == [.infinity])
    }

    @Test("random tensors equal a Float64 reference, block by block", arguments: mxFormats)
    func againstReference(format: BlockFormat) {
        let values = Self.randomTensor(count: 32 * 61 + 7, seed: 0xB10C)
        let tensor = format.quantize(values)
        let reference = Reference(format: format)
        let dequantized = tensor.dequantized()
        var mismatches = Mismatches()
        for b in 0..<tensor.blockCount {
            let range = b * 32 ..< min(b * 32 + 32, values.count)
            let (code, scale) = reference.scale(Array(values[range]))
            if tensor.scaleCodes[b] != code {
                mismatches.record("\(format) block \(b): scale code \(tensor.scaleCodes[b]), reference \(code)")
                continue
            }
            for i in range {
                let expected = Float(reference.element(Double(values[i]) / scale) * scale)
                let actual = dequantized[i]
                if actual.bitPattern != expected.bitPattern {
                    mismatches.record("\(format) value \(values[i]) in block \(b): \(actual), reference \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("floor never raises an element above max · X; rceil never saturates", arguments: mxFormats)
    func rules(format: BlockFormat) {
        let values = Self.randomTensor(count: 32 * 200, seed: 0x5CA1E)
        let tensor = format.quantize(values)
        let max = Float(format.element.maxValue)
        for b in 0..<tensor.blockCount {
            let block = values[b * 32 ..< b * 32 + 32]
            let amax = block.map(\.magnitude).max()!
            guard amax > 0 else { continue }  // a zero block's scale is code 0 by decree
            let scale = tensor.scale(ofBlock: b)
            if format.rule == .rceil {
                #expect(amax / scale <= max && amax / scale > max / 2, "block \(b)")
            } else {
                #expect(amax / scale >= Float(sign: .plus, exponent: format.element.maxExponent, significand: 1)
                        && amax / scale < Float(sign: .plus, exponent: format.element.maxExponent + 1, significand: 1))
            }
        }
    }

    /// Blocks of varied magnitudes (2^-20 … 2^20), some with one outlier 2^10 times larger,
    /// every fifth block all zeros, from a fixed seed.
    static func randomTensor(count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        var values: [Float] = []
        while values.count < count {
            let block = values.count / 32
            let magnitude = Float(sign: .plus, exponent: Int(generator.next() % 41) - 20, significand: 1)
            for i in 0..<32 {
                let bits = UInt32(truncatingIfNeeded: generator.next())
                let unit = Float(bits >> 8) * 0x1p-24 * (bits & 1 == 0 ? 1 : -1)
                let outlier: Float = block % 3 == 1 && i == 17 ? 1024 : 1
                values.append(block % 5 == 4 ? 0 : unit * magnitude * outlier)
            }
        }
        return Array(values.prefix(count))
    }
}

/// The block-scaling rules in Float64 arithmetic, written from their definitions: `log2`,
/// `floor` and `ceil` for the scale, and the nearest decoded value (ties to the even code)
/// for the elements.
private struct Reference {
    let format: BlockFormat
    /// Every finite value of the element format with its code, ascending.
    let grid: [(value: Double, code: UInt32)]

    init(format: BlockFormat) {
        self.format = format
        let element = format.element
        grid = (0..<UInt32(element.codeCount)).compactMap { code in
            let value = element.decode(code)
            return value.isFinite ? (Double(value), code) : nil
        }.sorted { $0.value < $1.value }
    }

    /// The E8M0 code and value of a block's scale.
    func scale(_ block: [Float]) -> (code: UInt32, value: Double) {
        let amax = block.map { Double($0.magnitude) }.max()!
        if amax == 0 { return (0, 0x1p-127) }
        let k = switch format.rule {
        case .floor: Int(Foundation.floor(Foundation.log2(amax))) - format.element.maxExponent
        case .rceil: Int(Foundation.ceil(Foundation.log2(amax / format.element.maxValue)))
        }
        let clamped = min(max(k, -127), 127)
        return (UInt32(clamped + 127), Foundation.pow(2, Double(clamped)))
    }

    /// `x` rounded to the nearest element value (ties to the code with an even last bit),
    /// which saturates: beyond the largest value the nearest is the largest.
    func element(_ x: Double) -> Double {
        var best = grid[0]
        for candidate in grid {
            let (d, e) = (abs(candidate.value - x), abs(best.value - x))
            if d < e || (d == e && candidate.code & 1 == 0 && best.code & 1 == 1) { best = candidate }
        }
        return best.value == 0 ? (x.sign == .minus ? -0.0 : 0.0) : best.value
    }
}
