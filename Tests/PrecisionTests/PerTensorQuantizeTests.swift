import Foundation
import Precision
import Testing

/// Per-tensor FP8 scaling as in Transformer Engine: current scaling from the tensor's own
/// amax, delayed scaling from a history of earlier amaxes. Scales are chosen so that the
/// hand-worked products are exact (448 / 7 = 64, 57344 / 7 = 8192).
@Suite("Per-tensor scaling: quantize into FP8")
struct PerTensorQuantizeTests {
    @Test("current scaling into E4M3: amax 7 gives scale 64; NaN is left out of amax and stays NaN")
    func currentE4M3() {
        let stored = CurrentScaling().quantize([7, 1, -0.3, 0.01, .nan, -0.0], as: .e4m3fn)
        #expect(stored.amax == 7 && stored.scale == 64 && stored.scaleInverse == 1.0 / 64)
        // 7 · 64 = 448; 64; -0.3 · 64 = -19.2 → -20 (step 2 in [16, 32));
        // 0.01 · 64 = 0.64 → 0.625 (step 1/16 in [0.5, 1)).
        let elements = stored.elements
        #expect(Array(elements[0..<4]) == [448, 64, -20, 0.625])
        #expect(elements[4].isNaN && elements[5] == 0 && elements[5].sign == .minus)
        let out = stored.dequantized()
        #expect(Array(out[0..<4]) == [7, 1, -0.3125, 0.009765625])
    }

    @Test("current scaling into E5M2: amax 7 gives 8192; a margin of 1 halves the scale")
    func currentE5M2AndMargin() {
        let stored = CurrentScaling().quantize([7, -0.3], as: .e5m2)
        // -0.3 · 8192 = -2457.6 → -2560 (step 512 in [2048, 4096)) → -0.3125.
        #expect(stored.scale == 8192 && stored.elements == [57344, -2560])
        #expect(stored.dequantized() == [7, -0.3125])
        let halved = CurrentScaling(margin: 1).quantize([7], as: .e4m3fn)
        #expect(halved.scale == 32 && halved.elements == [224])
    }

    @Test("current scaling's edge cases: zeros and infinity give scale 1; tiny amax gives Float's largest")
    func currentEdges() {
        #expect(CurrentScaling().quantize([0, -0.0], as: .e4m3fn).scale == 1)
        let infinite = CurrentScaling().quantize([.infinity, 1000, 2], as: .e4m3fn)
        // amax is infinite, so scale 1: inf and 1000 saturate to 448, 2 stays.
        #expect(infinite.scale == 1 && infinite.elements == [448, 448, 2])
        let tiny = CurrentScaling().scale(amax: .leastNonzeroMagnitude, element: .e4m3fn)
        #expect(tiny == .greatestFiniteMagnitude)
    }

    @Test("delayed scaling lags: the first step uses scale 1, and a jump in amax saturates")
    func delayedOverflow() {
        var scaling = DelayedScaling(element: .e4m3fn, historyLength: 3)
        #expect(DelayedScaling(element: .e5m2).historyLength == 1024)
        // Step 1: scale 1; records amax 2, so the next scale is 448 / 2 = 224.
        let first = scaling.quantize([1, 2])
        #expect(first.scale == 1 && first.elements == [1, 2])
        #expect(scaling.scale == 224 && scaling.history == [2])
        // Step 2: 1.5 · 224 = 336, a tie between 320 and 352 (step 32): the even mantissa, 320.
        let second = scaling.quantize([1.5])
        #expect(second.elements == [320] && second.dequantized() == [320 * (1 / Float(224))])
        #expect(scaling.scale == 224)
        // Step 3: amax jumps to 20, but the scale still comes from 2: 20 · 224 = 4480
        // saturates to 448, which dequantizes to 2. Only afterwards the scale is 448 / 20.
        let jump = scaling.quantize([20, 1])
        #expect(jump.scale == 224 && jump.elements == [448, 224])
        #expect(jump.dequantized() == [2, 1])
        #expect(scaling.scale == 22.4 && scaling.history == [2, 1.5, 20])
        let after = scaling.quantize([20])
        #expect(after.dequantized() == [20])
    }

    @Test("the history forgets after its length; most-recent follows the latest amax; zeros keep the scale")
    func delayedWindow() {
        var scaling = DelayedScaling(element: .e4m3fn, historyLength: 3)
        for amax: Float in [7, 1, 1] { scaling.record(amax: amax) }
        #expect(scaling.scale == 64)  // 448 / 7: 7 is still in the window
        scaling.record(amax: 1)
        #expect(scaling.history == [1, 1, 1] && scaling.scale == 448)
        scaling.record(amax: 0)
        #expect(scaling.scale == 448)  // max(1, 1, 0) = 1

        var recent = DelayedScaling(element: .e4m3fn, algorithm: .mostRecent)
        recent.record(amax: 7)
        recent.record(amax: 14)
        #expect(recent.scale == 32)
        recent.record(amax: 0)  // 0 is no amax: the scale stays
        #expect(recent.scale == 32)
        recent.record(amax: .infinity)
        #expect(recent.scale == 32)
        var margin = DelayedScaling(element: .e4m3fn, margin: 2)
        margin.record(amax: 7)
        #expect(margin.scale == 16)
    }

    @Test("random tensors equal a Float64 reference: x · scale rounded to the nearest FP8 value, saturated",
          arguments: [FloatFormat.e4m3fn, .e5m2])
    func againstReference(element: FloatFormat) {
        let values = BlockScalingTests.randomTensor(count: 3000, seed: 0xF8) + [.infinity, -.infinity]
        let stored = CurrentScaling().quantize(values, as: element)
        let grid = FormatGrid(element)
        let amax = values.filter(\.isFinite).map { Double($0.magnitude) }.max()!
        let scale = Float(element.maxValue / amax)
        #expect(stored.scale == 1, "an infinite amax gives scale 1")
        let finite = CurrentScaling().quantize(values.filter(\.isFinite), as: element)
        #expect(finite.scale == scale)
        var mismatches = Mismatches()
        for (x, actual) in zip(values.filter(\.isFinite), finite.elements) {
            let expected = Float(grid.nearest(Double(Float(Double(x) * Double(scale)))))
            if actual.bitPattern != expected.bitPattern { mismatches.record("\(x): \(actual), reference \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
        // The tensor's amax lands on the format's largest value: the scale is used in full.
        #expect(finite.elements.map(\.magnitude).max() == Float(grid.max))
    }

    @Test("delayed scaling decodes as it was encoded, and continues the same; a broken one is refused by name")
    func delayedScalingCoding() throws {
        var scaling = DelayedScaling(element: .e5m2, historyLength: 2, margin: 1, algorithm: .mostRecent)
        for amax: Float in [7, 0, 3] { scaling.record(amax: amax) }
        var decoded = try JSONDecoder().decode(DelayedScaling.self, from: JSONEncoder().encode(scaling))
        #expect(decoded == scaling)
        scaling.record(amax: 20)
        decoded.record(amax: 20)
        #expect(decoded == scaling)
        let text = String(decoding: try JSONEncoder().encode(scaling), as: UTF8.self)
        for (field, broken, message) in [("\"historyLength\":2", "\"historyLength\":1", "2 amaxes in a history of 1"),
                                         ("\"margin\":1", "\"margin\":200", "margin is 200")] {
            #expect(text.contains(field))
            let data = Data(text.replacingOccurrences(of: field, with: broken).utf8)
            do {
                _ = try JSONDecoder().decode(DelayedScaling.self, from: data)
                Issue.record("decoded with \(broken)")
            } catch DecodingError.dataCorrupted(let context) {
                #expect(context.debugDescription.contains(message), "\(context.debugDescription)")
            }
        }
    }
}
