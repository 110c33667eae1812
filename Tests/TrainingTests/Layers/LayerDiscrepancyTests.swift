import Precision
import Testing
import Training

/// The measure the oracle comparisons use: errors in ulps of the tensor's peak.
@Suite("Layer discrepancy")
struct LayerDiscrepancyTests {
    @Test("Errors count in ulps of the largest magnitude")
    func peakULPs() {
        let theirs = Tensor(shape: [3], scalars: [-4, 1, 0.001])
        // 4's FP32 ulp is 2⁻²¹: one ulp at the peak, two on a small element.
        let ours = Tensor(shape: [3], scalars: [-4 - 0x1p-21, 1, 0.001 + 0x1p-20])
        let measured = LayerDiscrepancy(ours, theirs, format: .fp32)
        #expect(measured.differing == 2)
        #expect(measured.peakULPs == 2)
        #expect(PeakULPBound(ulps: 2, format: .fp32).ulps >= measured.peakULPs)
        // In BF16 (7 fraction bits) the same error is a tiny fraction of 4's ulp, 2⁻⁵.
        #expect(LayerDiscrepancy(ours, theirs, format: .bf16).peakULPs == 0x1p-20 / 0x1p-5)
    }

    @Test("Shape mismatches and NaN never pass")
    func failures() {
        let theirs = Tensor(shape: [2], scalars: [1, 2])
        #expect(LayerDiscrepancy(Tensor(shape: [2, 1], scalars: [1, 2]), theirs, format: .fp32).peakULPs == .infinity)
        #expect(LayerDiscrepancy(Tensor(shape: [2], scalars: [1, .nan]), theirs, format: .fp32).peakULPs == .infinity)
    }

    @Test("Spacing is the format's ulp, subnormal below the smallest normal")
    func spacing() {
        #expect(LayerDiscrepancy.spacing(1, .fp16) == 0x1p-10)
        #expect(LayerDiscrepancy.spacing(3, .bf16) == 0x1p-6)
        #expect(LayerDiscrepancy.spacing(0, .fp16) == 0x1p-24)
        #expect(LayerDiscrepancy.spacing(1e-6, .fp16) == 0x1p-24)
    }
}
