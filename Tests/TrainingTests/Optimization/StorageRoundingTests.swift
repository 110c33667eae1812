import Precision
import Testing
import Training

/// The optimizers' per-op rounding into FP16 and BF16 (an inlined fast path) agrees with
/// `FloatFormat.round`, the Precision module's reference, on every code's neighbourhood.
///
/// Probe: SGD with learning rate 1 and no momentum computes `round(p − g)` element by
/// element (a fused `p + (−1) g`, or in the scalar tail `p + round(−g)`, the same value
/// since `g` is already in the format). Exact equality (Equatable on tensors, NaN aside).
@Suite("Optimization: FP16/BF16 rounding inside the optimizers")
struct StorageRoundingTests {
    /// `round(p − g)` through one SGD step.
    static func sgdDifference(_ p: [Float], _ g: [Float], format: FloatFormat) -> [Float] {
        var parameters = NamedTensors([("p", Tensor(shape: [p.count], scalars: p, format: format))])
        var sgd = SGD(learningRate: 1)
        sgd.step(&parameters, gradients: NamedTensors([("p", Tensor(shape: [g.count], scalars: g, format: format))]))
        return parameters["p"].scalars
    }

    @Test("round(p − g) equals FloatFormat.round for every code against a ladder of steps",
          arguments: [FloatFormat.fp16, .bf16])
    func everyCode(format: FloatFormat) {
        // Every code's value as p (NaN codes skipped), against gradients that move it by
        // nothing, half an ULP at several scales (ties), a subnormal, and past the range.
        let values = (0..<UInt32(1 << 16)).map { format.decode($0) }.filter { !$0.isNaN }
        let steps: [Float] = [0, 0x1p-24, -0x1p-24, 0x1p-25, 0x1p-14, -0x1p-15, 0x1p-11, -0x1p-9,
                              0.000_976_5625, 3, -1000, 65504, -65504, 0x1p100]
            .map { format.round($0) }
        var mismatches: [String] = []
        for step in steps {
            let gradients = [Float](repeating: step, count: values.count)
            let actual = Self.sgdDifference(values, gradients, format: format)
            for (index, (p, a)) in zip(values, actual).enumerated() {
                let expected = format.round(p - step)
                let same = a.isNaN ? expected.isNaN : a == expected && a.sign == expected.sign
                if !same {
                    if mismatches.count < 8 { mismatches.append("[\(index)] \(p) − \(step): \(a), expected \(expected)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test("random FP32-precision differences round as FloatFormat.round does", arguments: [FloatFormat.fp16, .bf16])
    func randomDifferences(format: FloatFormat) {
        var generator = SplitMix64(seed: 7)
        let count = 100_003
        func draw() -> Float {
            let magnitude = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7FFF_FFFF)
            return magnitude.isFinite ? format.round(magnitude * (generator.next() & 1 == 0 ? 1 : -1)) : 1
        }
        let p = (0..<count).map { _ in draw() }, g = (0..<count).map { _ in draw() }
        let actual = Self.sgdDifference(p, g, format: format)
        let expected = zip(p, g).map { format.round($0 - $1) }
        let differing = zip(actual, expected).filter { !($0 == $1 || ($0.isNaN && $1.isNaN)) }.count
        #expect(differing == 0)
    }
}
