import Foundation
import Precision
import Testing

/// The OCP MX formats FP6 E2M3FN, FP6 E3M2FN, FP4 E2M1FN and E8M0: the rules that set them
/// apart (saturation, no NaN, no sign, no zero), read from ml_dtypes' oracle files. Every
/// code and the sampled encodings are checked with the other formats in DecodeTests,
/// EncodeTests and RoundingModeOracleTests.
@Suite("Microscaling formats")
struct MicroscalingFormatTests {
    static let elementFormats: [FloatFormat] = [.e2m3fn, .e3m2fn, .e2m1fn]

    @Test("FP6 and FP4 saturate: every oracle input beyond the largest value gives ±max",
          arguments: elementFormats)
    func saturation(format: FloatFormat) throws {
        let file = try Oracle.file(for: format)
        let maxCode = format.encode(Float(format.maxValue))
        var checked = 0
        var mismatches = Mismatches()
        for edge in file.edgeCases {
            let x = Float(bitPattern: edge.input)
            guard !x.isNaN, Double(x.magnitude) > format.maxValue else { continue }
            checked += 1
            let signed = maxCode | (x.sign == .minus ? 1 << UInt32(format.bitWidth - 1) : 0)
            let actual = format.encode(x)
            if edge.code != signed || actual != edge.code {
                mismatches.record("\(edge.label): ml_dtypes \(format.hex(edge.code)), encode \(format.hex(actual))")
            }
        }
        #expect(checked >= 10, "±max + ulp, ±2 max, ±float32 max, ±infinity at least")
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("FP6 and FP4 have no NaN: ml_dtypes turns a NaN into a zero of the opposite sign",
          arguments: elementFormats)
    func nanInputs(format: FloatFormat) throws {
        let nanEdges = try Oracle.file(for: format).edgeCases.filter { Float(bitPattern: $0.input).isNaN }
        #expect(nanEdges.count == 6)
        for edge in nanEdges {
            let positive = edge.input >> 31 == 0
            let oppositeZero: UInt32 = positive ? 1 << UInt32(format.bitWidth - 1) : 0
            #expect(edge.code == oppositeZero, "\(edge.label): ml_dtypes \(format.hex(edge.code))")
            #expect(format.encode(Float(bitPattern: edge.input)) == edge.code, "\(edge.label)")
            for rounding in Rounding.deterministic + [.stochastic(seed: 9)] {
                let rounded = format.round(Float(bitPattern: edge.input), rounding: rounding, overflow: .saturate)
                #expect(rounded == 0 && (rounded.sign == .minus) == positive, "\(edge.label) \(rounding)")
            }
        }
        #expect((0..<UInt32(format.codeCount)).allSatisfy { format.classify($0) != .nan })
    }

    @Test("E8M0 rounds ties up, as ml_dtypes: 1.5 → 2, 3 → 4, 1.5 · 2^k → 2^(k+1)")
    func e8m0TiesUp() throws {
        let format = FloatFormat.e8m0
        let oracle = Dictionary(try Oracle.file(for: format).edgeCases.map { ($0.input, $0.code) },
                                uniquingKeysWith: { first, _ in first })
        var ties = 0
        for k in -127...126 {
            let tie = Float(sign: .plus, exponent: k, significand: 1.5)
            let up = UInt32(k + 1 + 127)
            if let code = oracle[tie.bitPattern] {
                #expect(code == up, "ml_dtypes: 1.5 · 2^\(k) gives \(format.hex(code))")
                ties += 1
            }
            #expect(format.encode(tie) == up, "1.5 · 2^\(k)")
            #expect(format.encode(tie, rounding: .nearestAway) == up, "1.5 · 2^\(k), nearest-away")
            #expect(format.encode(tie.nextDown) == up - 1, "just below 1.5 · 2^\(k)")
        }
        #expect(ties > 200, "the oracle's edge cases hold most ties")
        #expect(oracle[Float(1.5).bitPattern] == 0x80 && oracle[Float(3).bitPattern] == 0x81)
        #expect(format.round(1.5) == 2 && format.round(3) == 4 && format.round(6) == 8)
    }

    @Test("E8M0 gives NaN (0xFF) for zero, negatives, infinity, NaN and overflow, as ml_dtypes")
    func e8m0NaN() throws {
        let format = FloatFormat.e8m0
        var checked = 0
        for edge in try Oracle.file(for: format).edgeCases {
            let x = Float(bitPattern: edge.input)
            let overflows = Double(x) >= format.maxValue * 1.5  // 1.5 · 2^127 is the tie that rounds up
            guard x.isNaN || x <= 0 || x.isInfinite || overflows else { continue }
            checked += 1
            #expect(edge.code == 0xFF, "\(edge.label): ml_dtypes \(format.hex(edge.code))")
            #expect(format.encode(x) == 0xFF, "\(edge.label)")
            #expect(format.encode(x, rounding: .towardZero) == (overflows && x.isFinite ? 0xFE : 0xFF),
                    "\(edge.label): toward zero never overflows")
            let saturated = format.encode(x, rounding: .nearestEven, overflow: .saturate)
            #expect(saturated == (x > 0 ? 0xFE : 0xFF), "\(edge.label): saturation applies to overflow only")
        }
        #expect(checked > 1_000, "every negative edge case, both zeros, ±infinity, NaNs")
        #expect(format.decode(0xFF).isNaN && format.classify(0xFF) == .nan)
        #expect((0..<UInt32(255)).allSatisfy { format.classify($0) == .normal })
    }

    @Test("E8M0 values below 2^-127 round to 2^-127 in every mode; flushed inputs are zeros, so NaN")
    func e8m0Bottom() {
        let format = FloatFormat.e8m0
        for x: Float in [0x1p-149, 0x1p-128, 0x1.fffff8p-128] {
            for rounding in Rounding.deterministic + [.stochastic(seed: 3)] {
                #expect(format.encode(x, rounding: rounding) == 0, "\(x) \(rounding)")
            }
            #expect(format.encode(x, rounding: .nearestEven, subnormals: .flushToZero) == 0xFF, "\(x) flushed")
        }
        #expect(format.decode(0) == 0x1p-127 && format.minSubnormal == 0x1p-127 && format.minNormal == 0x1p-127)
    }

    @Test("where ml_dtypes' E8M0 departs from nearest: float32 subnormals in (2^-127, 1.5 · 2^-127)")
    func e8m0Departures() throws {
        let file = try Oracle.file(for: .e8m0)
        let departures = file.exactWhereMLDtypesDeparts
        #expect(departures.count >= 2, "the edge case 2^-127 + 1 ulp32, and sampled ones")
        let oracle = Dictionary((file.edgeCases.map { ($0.input, $0.code) } + file.samplePairs.map { ($0.input, $0.code) }),
                                uniquingKeysWith: { first, _ in first })
        for (input, exact) in departures {
            let x = Float(bitPattern: input)
            #expect(x > 0x1p-127 && x < 0x1.8p-127, "\(hex(input)) is outside the documented interval")
            #expect(oracle[input] == 1 && exact == 0, "ml_dtypes gives 2^-126; the nearest value is 2^-127")
            #expect(FloatFormat.e8m0.encode(x) == exact)
        }
    }

    @Test("bit strings: FP4 keeps its sign group, E8M0 has none")
    func bitStrings() {
        #expect(FloatFormat.e2m1fn.bitString(0xF) == "1 11 1")
        #expect(FloatFormat.e2m3fn.bitString(0x1F) == "0 11 111")
        #expect(FloatFormat.e3m2fn.bitString(0x20) == "1 000 00")
        #expect(FloatFormat.e8m0.bitString(0x7F) == "01111111")
        #expect(FloatFormat.e8m0.fields(0xFE).sign == 0 && FloatFormat.e8m0.fields(0xFE).exponent == 254)
        #expect(FloatFormat.e8m0.bitWidth == 8 && FloatFormat.e2m3fn.bitWidth == 6 && FloatFormat.e2m1fn.codeCount == 16)
    }

    @Test("each format passes custom's validation, and its JSON round-trips")
    func validationAndCodable() throws {
        for format in FloatFormat.microscaling {
            let validated = try FloatFormat.custom(
                name: format.name, exponentBits: format.exponentBits, mantissaBits: format.mantissaBits,
                bias: format.bias, hasInfinity: format.hasInfinity, nanEncoding: format.nanEncoding,
                overflow: format.overflow, hasSign: format.hasSign, hasZero: format.hasZero)
            #expect(validated == format)
            let decoded = try JSONDecoder().decode(FloatFormat.self, from: JSONEncoder().encode(format))
            #expect(decoded == format)
        }
        #expect(FloatFormat.microscaling.map(\.name) == ["FP6 E2M3FN", "FP6 E3M2FN", "FP4 E2M1FN", "E8M0"])
    }

    @Test("formats with a sign and a zero are encoded as before: no hasSign or hasZero keys")
    func codableBackwardCompatible() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let fp16 = String(decoding: try encoder.encode(FloatFormat.fp16), as: UTF8.self)
        #expect(fp16 == #"{"bias":15,"exponentBits":5,"hasInfinity":true,"mantissaBits":10,"name":"FP16","#
            + #""nanEncoding":{"ieee":{}},"overflow":{"infinity":{}}}"#)
        #expect(try JSONDecoder().decode(FloatFormat.self, from: Data(fp16.utf8)) == .fp16)
        let e8m0 = String(decoding: try encoder.encode(FloatFormat.e8m0), as: UTF8.self)
        #expect(e8m0.contains(#""hasSign":false"#) && e8m0.contains(#""hasZero":false"#))
    }

    @Test("overflows(_:) says where rounding picked a neighbour beyond max, saturating or not")
    func overflows() {
        #expect(FloatFormat.e2m1fn.overflows(7) && !FloatFormat.e2m1fn.overflows(6.5))
        #expect(!FloatFormat.e2m1fn.overflows(100, rounding: .towardZero))
        #expect(FloatFormat.e2m1fn.overflows(6.5, rounding: .up) && !FloatFormat.e2m1fn.overflows(-6.5, rounding: .up))
        #expect(FloatFormat.e4m3fn.overflows(465) && !FloatFormat.e4m3fn.overflows(464))
        #expect(!FloatFormat.e8m0.overflows(-1) && !FloatFormat.fp16.overflows(.infinity))
    }
}
