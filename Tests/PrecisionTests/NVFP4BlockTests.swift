import Foundation
import Precision
import Testing

/// NVFP4: blocks of 16 E2M1 elements (±{0, 0.5, 1, 1.5, 2, 3, 4, 6}) under an E4M3 block
/// scale and an FP32 tensor scale. Hand-worked blocks, the edge cases, and random tensors
/// against an independent Float64 reference.
///
/// The reference below is written from the recipe; torchao's own code is compared bit for
/// bit in ``TorchaoBlockOracleTests``, from a committed oracle file.
@Suite("NVFP4 block scaling")
struct NVFP4BlockTests {
    /// Block 0 holds the tensor's amax, 42 = 6 · 7; block 1 is small.
    static let twoBlocks: [Float] = [42, 21, -10.5, 7, 3.5, 1.75, 5.25, 17.5, 35, 0, 0, 0, 0, 0, 0, 0,
                                     1, 0.5, -0.25, 0.1, 0.04]

    @Test("two blocks worked by hand: the tensor scale puts the largest block at E4M3's 448")
    func handWorked() {
        let tensor = NVFP4Tensor(quantizing: Self.twoBlocks)
        // tensorScale = 42 / (6 · 448) = 42 / 2688 = 1/64, exact.
        #expect(tensor.tensorScale == 0x1p-6)
        #expect(tensor.blockCount == 2 && tensor.count == 21)
        // Block 0: (42 / 6) / 2^-6 = 448, E4M3 code 0x7E; it multiplies by 2^-6 · 448 = 7.
        #expect(tensor.blockScaleCodes[0] == 0x7E && tensor.blockScale(ofBlock: 0) == 448)
        #expect(tensor.scale(ofBlock: 0) == 7)
        // x / 7: 6, 3, -1.5, 1, 0.5, then the ties 0.25 → 0, 0.75 → 1, 2.5 → 2, 5 → 4
        // (each to the neighbour with the even code).
        #expect(Array(tensor.elements[0..<9]) == [6, 3, -1.5, 1, 0.5, 0, 1, 2, 4])
        // Block 1: amax 1; Float(1/6) · 64 = 10.666667, nearest E4M3 (step 1 in [8, 16)) is
        // 11, code 0x53; it multiplies by 11/64 = 0.171875.
        #expect(tensor.blockScaleCodes[1] == 0x53 && tensor.blockScale(ofBlock: 1) == 11)
        #expect(tensor.scale(ofBlock: 1) == 0.171875)
        // x / 0.171875: 5.82 → 6, 2.91 → 3, -1.45 → -1.5, 0.58 → 0.5, 0.23 → 0.
        #expect(Array(tensor.elements[16...]) == [6, 3, -1.5, 0.5, 0])
        #expect(Array(tensor.dequantized()[16...]) == [1.03125, 0.515625, -0.2578125, 0.0859375, 0])
        #expect(Array(tensor.dequantized()[0..<9]) == [42, 21, -10.5, 7, 3.5, 0, 7, 14, 28])
    }

    @Test("a block scale that rounds down saturates the block's largest element to 6")
    func scaleRoundsDown() {
        // Tensor amax 42 (scale 2^-6); block 1's amax 0.95: Float(0.95 / 6) · 64 = 10.13,
        // E4M3 10. 0.95 / (10/64) = 6.08, which saturates to 6: 6 · 10/64 = 0.9375.
        let tensor = NVFP4Tensor(quantizing: [42] + Array(repeating: 0, count: 15) + [0.95, -0.5])
        #expect(tensor.blockScale(ofBlock: 1) == 10)
        #expect(Array(tensor.elements[16...]) == [6, -3])
        #expect(Array(tensor.dequantized()[16...]) == [0.9375, -0.46875])
    }

    @Test("an all-zero tensor: tensor scale 1, block scale 0, zeros with their signs")
    func allZeroTensor() {
        let tensor = NVFP4Tensor(quantizing: [0, -0.0, 0])
        #expect(tensor.tensorScale == 1 && tensor.blockScaleCodes == [0])
        let out = tensor.dequantized()
        #expect(out == [0, 0, 0] && out.map(\.sign) == [.plus, .minus, .plus])
        #expect(NVFP4Tensor(quantizing: []).blockCount == 0)
    }

    @Test("an all-zero block, and one whose scale rounds to 0, both become signed zeros")
    func zeroBlocks() {
        // Tensor amax 42 → 2^-6. Block 1 is zeros. Block 2's amax 2^-17:
        // (2^-17 / 6) · 64 ≈ 8.1e-5, below 2^-10 (half of E4M3's smallest subnormal, 2^-9),
        // so its scale is 0. Block 3's amax 6 · 2^-15 gives exactly 2^-9, E4M3 code 1.
        let pad = Array(repeating: Float(0), count: 15)
        let values: [Float] = [42] + pad + [-0.0, 0] + pad.dropLast() + [0x1p-17, -0x1p-18] + pad.dropLast()
            + [6 * 0x1p-15, -0x1p-15]
        let tensor = NVFP4Tensor(quantizing: values)
        #expect(tensor.blockScaleCodes == [0x7E, 0, 0, 1])
        let out = tensor.dequantized()
        #expect(out[16] == 0 && out[16].sign == .minus)
        #expect(out[32] == 0 && out[32].sign == .plus && out[33] == 0 && out[33].sign == .minus)
        #expect(tensor.elements[32] == 0 && tensor.elements[33] == 0)
        // Block 3 multiplies by 2^-6 · 2^-9 = 2^-15: elements 6 and -1, both exact.
        #expect(Array(out[48...]) == [6 * 0x1p-15, -0x1p-15])
    }

    @Test("NaN or infinity makes its block's scale E4M3's NaN and leaves the tensor scale alone")
    func nonFinite() {
        let pad = Array(repeating: Float(1), count: 15)
        let values: [Float] = [42] + pad + [.infinity] + pad + [.nan, 2]
        let tensor = NVFP4Tensor(quantizing: values)
        #expect(tensor.tensorScale == 0x1p-6)
        #expect(tensor.blockScaleCodes == [0x7E, 0x7F, 0x7F])
        let out = tensor.dequantized()
        #expect(out[0] == 42 && out[16...].allSatisfy(\.isNaN))
        #expect(tensor.blockScale(ofBlock: 1).isNaN)
        // All non-finite: no finite amax, so the tensor scale is 1.
        #expect(NVFP4Tensor(quantizing: [.nan, -.infinity]).tensorScale == 1)
    }

    @Test("a given tensor scale too small for a block saturates its scale at 448 and its elements at 6")
    func givenTensorScale() {
        // Scale 2^-6 suits amax 42; amax 84 asks for 896, which saturates to 448 (× 2^-6 = 7),
        // and 84 / 7 = 12 saturates to 6: 42.
        let tensor = NVFP4Tensor(quantizing: [84, 7], tensorScale: 0x1p-6)
        #expect(tensor.blockScale(ofBlock: 0) == 448)
        #expect(tensor.dequantized() == [42, 7])
        #expect(NVFP4Tensor.tensorScale(amax: 0x1p-140) == .leastNonzeroMagnitude)
        #expect(NVFP4Tensor.tensorScale(amax: 2688) == 1)
    }

    @Test("random tensors equal a Float64 reference of the recipe, scale by scale and value by value")
    func againstReference() {
        let values = BlockScalingTests.randomTensor(count: 16 * 400 + 5, seed: 0x4F4E56)
            + [.nan, 1, -.infinity, 3]
        let tensor = NVFP4Tensor(quantizing: values)
        let reference = NVFP4Reference(values)
        #expect(tensor.tensorScale == reference.tensorScale)
        let out = tensor.dequantized()
        var mismatches = Mismatches()
        var zeroScales = 0, saturated = 0
        for b in 0..<tensor.blockCount {
            let range = b * 16 ..< min(b * 16 + 16, values.count)
            let scale = reference.blockScale(Array(values[range]))
            if scale == 0 { zeroScales += 1 }
            let actual = tensor.blockScale(ofBlock: b)
            guard actual.bitPattern == scale.bitPattern || (actual.isNaN && scale.isNaN) else {
                mismatches.record("block \(b): scale \(actual), reference \(scale)")
                continue
            }
            for i in range {
                let expected = reference.value(values[i], blockScale: scale)
                if abs(values[i]) / reference.tensorScale / scale > 6 { saturated += 1 }
                if out[i].bitPattern != expected.bitPattern && !(out[i].isNaN && expected.isNaN) {
                    mismatches.record("value \(values[i]) in block \(b): \(out[i]), reference \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
        // Guards against passing vacuously: the tensor has zero blocks, blocks whose scale
        // underflows to 0 (its magnitudes span 2^-20 … 2^30), and saturating elements.
        #expect(zeroScales > 10 && saturated > 0, "zero scales \(zeroScales), saturated \(saturated)")
    }
}

/// The NVFP4 recipe in Float64 arithmetic rounded to `Float` at each step the recipe
/// rounds (a quotient or product of two `Float`s computed in Double and rounded once is
/// the `Float` operation's result), and the nearest decoded value, ties to the even code,
/// in place of the E4M3 and E2M1 conversions.
private struct NVFP4Reference {
    let tensorScale: Float

    init(_ values: [Float]) {
        let amax = values.filter(\.isFinite).map { Double($0.magnitude) }.max() ?? 0
        let scale = Float(amax / (6 * 448))
        tensorScale = amax == 0 ? 1 : scale == 0 ? .leastNonzeroMagnitude : scale
    }

    /// The decoded E4M3 scale of a block.
    func blockScale(_ block: [Float]) -> Float {
        if block.contains(where: { !$0.isFinite }) { return .nan }
        let amax = block.map { Double($0.magnitude) }.max()!
        let scale = Float(Double(Float(amax / 6)) / Double(tensorScale))
        return Float(Self.e4m3.nearest(Double(scale)))
    }

    /// What `x` dequantizes to in a block with decoded scale `blockScale`.
    func value(_ x: Float, blockScale: Float) -> Float {
        if blockScale.isNaN { return .nan }
        if blockScale == 0 { return x.sign == .minus ? -0.0 : 0 }
        let total = Float(Double(tensorScale) * Double(blockScale))
        let element = Self.e2m1.nearest(Double(Float(Double(x) / Double(total))))
        let product = Float(element * Double(total))
        return product == 0 && x.sign == .minus ? -0.0 : product
    }

    static let e4m3 = FormatGrid(.e4m3fn)
    static let e2m1 = FormatGrid(.e2m1fn)
}
