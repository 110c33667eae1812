import Foundation
import Precision
import Testing
import Training

/// How far one of our tensors is from PyTorch's, in ULPs.
struct LayerDiscrepancy: CustomStringConvertible {
    /// Elements compared, and how many differ at all.
    var count = 0, differing = 0
    /// The largest error in units of `format`'s spacing at the tensor's peak `max |theirs|`
    /// (infinite for a NaN or infinity that PyTorch does not have).
    var peakULPs = 0.0
    /// The largest error in units of `format`'s spacing at the element's own magnitude: large
    /// where a result cancelled to near zero, so it is reported, not bounded.
    var elementULPs = 0.0
    /// The shapes, when they differ (then nothing else is measured).
    var shapeMismatch: String?

    init(_ ours: Tensor, _ theirs: Tensor, format: FloatFormat) {
        guard ours.shape == theirs.shape else {
            shapeMismatch = "shape \(ours.shape), PyTorch's \(theirs.shape)"
            peakULPs = .infinity
            return
        }
        count = ours.count
        let peak = theirs.scalars.reduce(0) { max($0, Double(abs($1))) }
        for (a, e) in zip(ours.scalars, theirs.scalars) where a != e || a.isNaN != e.isNaN {
            differing += 1
            let error = a.isFinite && e.isFinite ? abs(Double(a) - Double(e)) : .infinity
            peakULPs = max(peakULPs, error / Self.spacing(peak, format))
            elementULPs = max(elementULPs, error / Self.spacing(max(abs(Double(a)), abs(Double(e))), format))
        }
    }

    /// The gap between consecutive values of `format` at magnitude `value` (its ulp; the
    /// subnormal spacing below the smallest normal).
    static func spacing(_ value: Double, _ format: FloatFormat) -> Double {
        let exponent = value.isNormal ? max(Int(value.exponent), format.minExponent) : format.minExponent
        return Double(sign: .plus, exponent: exponent - format.mantissaBits, significand: 1)
    }

    var description: String {
        if let shapeMismatch { return shapeMismatch }
        return "\(differing)/\(count) elements differ, by up to \(Self.short(peakULPs)) ulp of the peak "
            + "(\(Self.short(elementULPs)) ulp of the element)"
    }

    private static func short(_ value: Double) -> String { String(format: "%.3g", value) }
}

/// A bound on ``LayerDiscrepancy/peakULPs``: `ulps` units of `format`'s spacing at the
/// largest magnitude of PyTorch's tensor. Errors from a different order of additions scale
/// with the terms added, not with the element they land in, so they are bounded at the
/// tensor's peak; an element that cancelled to near zero can be off by many of its own ulps.
struct PeakULPBound: CustomStringConvertible {
    var ulps: Double
    var format: FloatFormat

    /// Records an issue naming `what` unless `ours` is within the bound of `theirs`.
    func check(_ ours: Tensor, _ theirs: Tensor, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let discrepancy = LayerDiscrepancy(ours, theirs, format: format)
        #expect(discrepancy.peakULPs <= ulps, "\(what): \(discrepancy); bound \(self)", sourceLocation: sourceLocation)
    }

    var description: String { "\(ulps) \(format.name) ulp of the peak" }
}

/// The bounds for one precision policy, the tightest that pass on x86-64 (AVX2, OpenBLAS's
/// Haswell kernel) against the committed oracle, with the largest error seen in each comment.
struct LayerTolerance {
    var outputs: PeakULPBound, loss: PeakULPBound, gradients: PeakULPBound

    init(_ policy: PrecisionPolicy) {
        let low = policy.lowFormat
        switch policy {
        case .fp32:
            // Only the order of FP32 additions differs: OpenBLAS's sgemm blocking against
            // PyTorch's, our sequential (or Double) row sums in softmax, layer norm and the
            // losses against PyTorch's vectorised ones. Seen: outputs 4 ulp (MLP-tanh logits),
            // loss 6 ulp (layer norm's Σ y·r, which cancels), gradients 9.5 ulp (the
            // transformer's blocks.0.ln1.bias, a sum over 16 rows after two blocks of backward).
            outputs = PeakULPBound(ulps: 8, format: .fp32)
            loss = PeakULPBound(ulps: 8, format: .fp32)
            gradients = PeakULPBound(ulps: 16, format: .fp32)
        case .autocast:
            // Every op rounds once, as PyTorch's CPU kernels do, so only FP32 summation order
            // differs; but an FP32 difference flips a rounding into the low format where a
            // result cancels: in the FP16 case one qkv element, 16 products that cancel to
            // -8.55e-5, rounds the other way; it moves block 0's output and, through the
            // blocks, 38 of 176 logits.
            // Seen: logits 1 ulp (FP16) and 0.23 (BF16); gradients 1.52 and 1.
            outputs = PeakULPBound(ulps: 1, format: low)
            // The FP32 mean of 15 log-probabilities, a few of whose logits moved by one low
            // ulp: a sixteenth of a low ulp (seen: 0.016 for FP16, 0.0078 for BF16).
            loss = PeakULPBound(ulps: 1.0 / 16, format: low)
            gradients = PeakULPBound(ulps: 2, format: low)
        case .pure, .masterWeights:
            // The forward pass is bit for bit PyTorch's (every op rounds its FP32 result
            // once, as PyTorch's CPU forward kernels do); one ulp leaves room for an
            // accumulation order that flips one rounding, as under autocast.
            outputs = PeakULPBound(ulps: 1, format: low)
            // PyTorch's low-precision log_softmax is not "FP32, rounded once" (a fifth of its
            // elements are one ulp off) and nll_loss sums the rounded log-probabilities; we
            // round the loss once. Seen: 1 ulp (FP16), 0 (BF16).
            loss = PeakULPBound(ulps: 1, format: low)
            // PyTorch's CPU backward kernels for FP16/BF16 round inside the op, ours once per
            // op: layer_norm adds dβ (and dγ) row by row in the low format and keeps mean and
            // 1/σ in it; softmax's, log_softmax's and the embedding's (index_add) backward
            // differ from "FP32, rounded once" in a fifth to a half of their elements. Each
            // is within one ulp of the peak on its own (measured op by op, torch 2.13); after
            // two blocks they reach 4 ulp (FP16 blocks.0.ln1.weight; 3 for BF16): the bound
            // is the observed maximum.
            gradients = PeakULPBound(ulps: 4, format: low)
        case .scaled:
            preconditionFailure("the layer oracle has no case under a scaled recipe")
        }
    }
}
