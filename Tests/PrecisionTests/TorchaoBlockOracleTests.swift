import Foundation
import Precision
import Testing

/// Our MX and NVFP4 quantisers against torchao's reference code, scale codes and dequantized
/// values bit for bit (`Oracle/torchao_blocks.json`). On the blocks where torchao departs from
/// the exact rule (the script decides, from an independent exact computation), ours must give
/// the exact rule's result and torchao's must be what ``TorchaoModel`` says that departure
/// gives, so either side changing fails the test.
@Suite("torchao block oracle")
struct TorchaoBlockOracleTests {
    static let elements: [FloatFormat] = [.e4m3fn, .e5m2, .e2m3fn, .e3m2fn, .e2m1fn]
    static let mxCases = ["normal", "rceil-boundaries", "floor-boundaries", "tiny", "subnormal",
                          "huge", "zeros", "nonfinite"]

    @Test("Torchao: the oracle names its versions and holds every case and every departure kind")
    func coverage() throws {
        let oracle = try TorchaoBlocks.load()
        #expect(oracle.torchao == "0.18.0" && oracle.torch == "2.13.0+cpu")
        for element in Self.elements {
            for rule in ScaleRule.allCases {
                let names = oracle.mx.filter { $0.element == Oracle.key(for: element) && $0.rule == rule.description }
                    .map(\.name)
                #expect(names == Self.mxCases, "\(element) \(rule)")
            }
        }
        let kinds = Set(oracle.mx.flatMap(\.departures).map(\.kind))
            .union(oracle.nvfp4.flatMap(\.departures).map(\.kind))
        #expect(kinds == Set(TorchaoDeparture.allCases))
    }

    @Test("Torchao MX: scale codes and dequantized values agree bit for bit, departures as documented",
          arguments: elements, ScaleRule.allCases)
    func mx(element: FloatFormat, rule: ScaleRule) throws {
        let records = try TorchaoBlocks.load().mx
            .filter { $0.element == Oracle.key(for: element) && $0.rule == rule.description }
        let format = BlockFormat.mx(element, rule: rule)
        var mismatches = Mismatches()
        var agreed = 0, departed = 0
        for record in records {
            let inputs = record.inputs, codes = record.codes, dequantized = record.dequantized
            let ours = format.quantize(inputs)
            let oursDequantized = ours.dequantized()
            #expect(record.blockSize == 32 && ours.blockCount == codes.count && dequantized.count == inputs.count)
            let departures = Dictionary(uniqueKeysWithValues: record.departures.map { ($0.block, $0) })
            for b in 0..<min(ours.blockCount, codes.count) {
                let range = b * 32 ..< (b + 1) * 32
                let mine = QuantizedBlock(code: ours.scaleCodes[b], values: Array(oursDequantized[range]))
                let theirs = QuantizedBlock(code: codes[b], values: Array(dequantized[range]))
                let label = "\(record.name) block \(b)"
                guard let departure = departures[b] else {
                    if mine.matches(theirs) { agreed += 1 } else { mismatches.record("\(label): ours \(mine), torchao \(theirs)") }
                    continue
                }
                departed += 1
                let exact = departure.exact
                if !mine.matches(exact) { mismatches.record("\(label): ours \(mine), exact \(exact)") }
                if theirs.matches(exact) { mismatches.record("\(label): listed as \(departure.kind), but torchao gives the exact result") }
                let model = TorchaoModel.mx(departure.kind, block: inputs[range], element: element, rule: rule,
                                            exactCode: departure.exactCode)
                if model.map({ !$0.matches(theirs) }) ?? true {
                    mismatches.record("\(label): torchao \(theirs), but \(departure.kind) gives \(model.map(\.description) ?? "nothing under \(rule)")")
                }
            }
        }
        #expect(records.count == Self.mxCases.count)
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
        // Most blocks agree outright; the departures are the boundary, tiny and non-finite ones.
        #expect(agreed >= 80 && departed >= 10, "agreed \(agreed), departed \(departed)")
    }

    @Test("Torchao NVFP4: tensor scales, E4M3 block scale codes and dequantized values, departures as documented")
    func nvfp4() throws {
        let records = try TorchaoBlocks.load().nvfp4
        var mismatches = Mismatches()
        var agreed = 0, departed = 0
        for record in records {
            let inputs = record.inputs, codes = record.blockScaleCodes, dequantized = record.dequantized
            let ours = NVFP4Tensor(quantizing: inputs)
            let oursDequantized = ours.dequantized()
            let t = record.tensorScale
            switch record.tensorDeparture {
            case nil:
                if ours.tensorScale.bitPattern != t.bitPattern {
                    mismatches.record("\(record.name): tensor scale ours \(ours.tensorScale), torchao \(t)")
                }
            case .nvfp4ZeroTensorScale?:
                if t != 0 { mismatches.record("\(record.name): torchao's tensor scale is \(t), not 0") }
            case .nvfp4NonfiniteTensorScale?:
                if t.isFinite { mismatches.record("\(record.name): torchao's tensor scale is \(t), finite") }
            case let kind?:
                mismatches.record("\(record.name): \(kind) is not a tensor-scale departure")
            }
            if record.tensorDeparture != nil && ours.tensorScale.bitPattern != record.exactTensorScale.bitPattern {
                mismatches.record("\(record.name): tensor scale ours \(ours.tensorScale), exact \(record.exactTensorScale)")
            }
            #expect(ours.blockCount == codes.count && dequantized.count == inputs.count)
            let departures = Dictionary(uniqueKeysWithValues: record.departures.map { ($0.block, $0) })
            for b in 0..<min(ours.blockCount, codes.count) {
                let range = b * 16 ..< min((b + 1) * 16, inputs.count)
                let mine = QuantizedBlock(code: ours.blockScaleCodes[b], values: Array(oursDequantized[range]))
                let theirs = QuantizedBlock(code: codes[b], values: Array(dequantized[range]))
                let label = "\(record.name) block \(b)"
                guard let departure = departures[b] else {
                    if mine.matches(theirs) { agreed += 1 } else { mismatches.record("\(label): ours \(mine), torchao \(theirs)") }
                    continue
                }
                departed += 1
                if !mine.matches(departure.exact) { mismatches.record("\(label): ours \(mine), exact \(departure.exact)") }
                if theirs.matches(departure.exact) { mismatches.record("\(label): listed as \(departure.kind), but torchao agrees") }
                if let problem = Self.nvfp4Departure(departure.kind, theirs: theirs, block: inputs[range],
                                                     tensorScale: t, tensorDeparture: record.tensorDeparture) {
                    mismatches.record("\(label): \(problem)")
                }
            }
        }
        #expect(records.count == 12)
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
        #expect(agreed >= 60 && departed >= 40, "agreed \(agreed), departed \(departed)")
    }

    /// Why torchao's block is not what departure `kind` says it is, or nil if it is.
    static func nvfp4Departure(_ kind: TorchaoDeparture, theirs: QuantizedBlock, block: ArraySlice<Float>,
                               tensorScale t: Float, tensorDeparture: TorchaoDeparture?) -> String? {
        let e4m3 = NVFP4Tensor.scaleFormat
        let model = TorchaoModel.nvfp4(block: block, tensorScale: t)
        // A NaN scale is compared as NaN, whatever its sign bit.
        let sameCode = model.code == theirs.code || (e4m3.decode(model.code).isNaN && e4m3.decode(theirs.code).isNaN)
        guard sameCode, QuantizedBlock(code: 0, values: model.values).matches(QuantizedBlock(code: 0, values: theirs.values)) else {
            return "torchao \(theirs), torchao's computation gives \(model)"
        }
        switch kind {
        case .nvfp4ScaleFloor:
            return theirs.code == 0x08 ? nil : "the clamped scale is 2^-6, code 0x08, not \(hex(theirs.code, digits: 2))"
        case .nvfp4Reciprocal:
            return (1 / t).isFinite && tensorDeparture == nil ? nil : "the reciprocal of \(t) is not finite"
        case .nvfp4ReciprocalOverflow:
            return (1 / t).isInfinite && t > 0 ? nil : "1 / \(t) does not overflow"
        case .nvfp4ZeroTensorScale, .nvfp4NonfiniteTensorScale:
            return kind == tensorDeparture ? nil : "\(kind) on a block of a tensor without it"
        case .rceilFloat32Log2, .floorDivisor, .rceilCodeZero, .floorInfinite, .rceilInfinite:
            return "\(kind) is an MX departure"
        }
    }
}
