import Foundation
import Precision

/// `Oracle/torchao_blocks.json`: torchao's MX and NVFP4 quantisers run on the CPU, written by
/// `Oracle/torchao_blocks.py` (see its docstring for the cases and the exact rule).
///
/// To re-record: `python3 Tests/PrecisionTests/Oracle/torchao_blocks.py` from the package
/// root (it makes `.venv-torch/` with pinned torch, numpy and torchao on first use), then
/// commit the JSON. Blocks where torchao departs from the exact rule are listed with the
/// exact rule's values and a ``TorchaoDeparture``.
struct TorchaoBlocks: Decodable {
    let torch: String
    let torchao: String
    let mx: [MXRecord]
    let nvfp4: [NVFP4Record]

    static func load() throws -> TorchaoBlocks {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let data = try Data(contentsOf: directory.appending(path: "Oracle/torchao_blocks.json"))
        return try JSONDecoder().decode(TorchaoBlocks.self, from: data)
    }

    /// One input case quantised to one MX format by torchao's `MXTensor.to_mx`.
    struct MXRecord: Decodable {
        let element: String
        let rule: String
        let name: String
        let blockSize: Int
        let inputsHex: String
        let codesHex: String
        let dequantizedHex: String
        let departures: [Departure]

        enum CodingKeys: String, CodingKey {
            case element, rule, name = "case", blockSize = "block_size", inputsHex = "inputs_f32"
            case codesHex = "codes", dequantizedHex = "dequantized_f32", departures
        }

        var inputs: [Float] { floats(inputsHex) }
        /// torchao's biased E8M0 codes, one per block.
        var codes: [UInt32] { hexWords(codesHex, digits: 2) }
        /// torchao's `dequantize(torch.float32)`.
        var dequantized: [Float] { floats(dequantizedHex) }
    }

    /// One tensor quantised by torchao's `NVFP4Tensor.to_nvfp4` under
    /// `per_tensor_amax_to_scale(max(abs(x)))`.
    struct NVFP4Record: Decodable {
        let name: String
        let inputsHex: String
        let tensorScaleHex: String
        let exactTensorScaleHex: String
        let tensorDeparture: TorchaoDeparture?
        let blockScaleCodesHex: String
        let dequantizedHex: String
        let departures: [Departure]

        enum CodingKeys: String, CodingKey {
            case name = "case", inputsHex = "inputs_f32", tensorScaleHex = "tensor_scale_f32"
            case exactTensorScaleHex = "exact_tensor_scale_f32", tensorDeparture = "tensor_departure"
            case blockScaleCodesHex = "block_scale_codes", dequantizedHex = "dequantized_f32", departures
        }

        var inputs: [Float] { floats(inputsHex) }
        var tensorScale: Float { floats(tensorScaleHex)[0] }
        var exactTensorScale: Float { floats(exactTensorScaleHex)[0] }
        /// torchao's E4M3 block scale codes.
        var blockScaleCodes: [UInt32] { hexWords(blockScaleCodesHex, digits: 2) }
        var dequantized: [Float] { floats(dequantizedHex) }
    }

    /// A block where torchao's result is not the exact rule's, with the exact rule's result.
    struct Departure: Decodable {
        let block: Int
        let kind: TorchaoDeparture
        let exactCode: UInt32
        let exactDequantizedHex: String

        enum CodingKeys: String, CodingKey {
            case block, kind, exactCode = "exact_code", exactDequantizedHex = "exact_dequantized_f32"
        }

        var exact: QuantizedBlock { QuantizedBlock(code: exactCode, values: floats(exactDequantizedHex)) }
    }
}

/// The ways torchao 0.18's reference quantisers depart from the exact rules, each a model of
/// what torchao computes instead (``TorchaoModel``).
enum TorchaoDeparture: String, Decodable, CaseIterable {
    /// RCEIL takes `⌈log2(amax / max)⌉` with the quotient and the logarithm in float32: an
    /// amax just above `max · 2^k` gets `2^k`, one code too low, and its elements saturate.
    case rceilFloat32Log2 = "rceil-float32-log2"
    /// FLOOR at code 0: torchao divides by `2^-126` (its divisor is clamped to float32's
    /// smallest normal) but stores code 0 and multiplies back by `2^-127`.
    case floorDivisor = "floor-divisor-2^-126"
    /// RCEIL at code 0: torchao's reciprocal for code 0 is 1, not `2^127`.
    case rceilCodeZero = "rceil-code-0-unscaled"
    /// FLOOR, a block holding ±infinity and no NaN: code `255 − emax` (exponent field 255
    /// read as `2^128`), not NaN; the infinity saturates to ±max.
    case floorInfinite = "floor-infinite-amax"
    /// RCEIL, the same block: code 254, elements `x · 2^-127`.
    case rceilInfinite = "rceil-infinite-amax"
    /// NVFP4: the block scale is clamped to at least `2^-6` (E4M3's smallest normal).
    case nvfp4ScaleFloor = "nvfp4-scale-floor-2^-6"
    /// NVFP4: elements are `x · ((1 / tensorScale) / s_b)`, which rounds differently from
    /// `x / (tensorScale · s_b)` near E2M1's rounding boundaries.
    case nvfp4Reciprocal = "nvfp4-reciprocal"
    /// NVFP4: the tensor scale is below `2^-128`, so `1 / tensorScale` is infinite.
    case nvfp4ReciprocalOverflow = "nvfp4-reciprocal-overflow"
    /// NVFP4: `amax / 2688` is 0 (an all-zero tensor, or it underflows).
    case nvfp4ZeroTensorScale = "nvfp4-zero-tensor-scale"
    /// NVFP4: the tensor holds an infinity or a NaN, so its scale is infinite or NaN.
    case nvfp4NonfiniteTensorScale = "nvfp4-nonfinite-tensor-scale"
}

/// One block's scale code and dequantized values.
struct QuantizedBlock: CustomStringConvertible {
    let code: UInt32
    let values: [Float]

    /// Same code, and the same values bit for bit (any NaN matching any NaN).
    func matches(_ other: QuantizedBlock) -> Bool {
        code == other.code && values.count == other.values.count
            && zip(values, other.values).allSatisfy(sameFloat)
    }

    var description: String {
        "code \(code) " + values.prefix(6).map { hex($0.bitPattern) }.joined(separator: " ") + " ..."
    }
}

/// Equal bit patterns, or both NaN.
func sameFloat(_ a: Float, _ b: Float) -> Bool {
    (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
}

/// torchao's computation where it departs, written out from its source (mx_tensor.py's
/// `to_mx` and `_to_mx_rceil`, nvfp4_tensor.py's `nvfp4_quantize`), with our formats'
/// rounding: nearest even, saturating.
enum TorchaoModel {
    /// What torchao's MX quantiser gives for `block` under a departure of `kind`, or nil if
    /// the kind cannot happen under `rule`. `exactCode` is the exact rule's code.
    static func mx(_ kind: TorchaoDeparture, block: ArraySlice<Float>, element: FloatFormat,
                   rule: ScaleRule, exactCode: UInt32) -> QuantizedBlock? {
        // (code, the power of two the elements are divided by, the one they are multiplied by)
        let code: UInt32, divide: Int, multiply: Int
        switch (kind, rule) {
        case (.rceilFloat32Log2, .rceil):
            code = exactCode - 1
            multiply = Int(code) - 127
            divide = code == 0 ? 0 : multiply
        case (.floorDivisor, .floor):
            (code, divide, multiply) = (0, -126, -127)
        case (.rceilCodeZero, .rceil):
            (code, divide, multiply) = (0, 0, -127)
        case (.floorInfinite, .floor):
            let k = 128 - element.maxExponent
            (code, divide, multiply) = (UInt32(k + 127), k, k)
        case (.rceilInfinite, .rceil):
            (code, divide, multiply) = (254, 127, 127)
        case (.rceilFloat32Log2, .floor), (.floorDivisor, .rceil), (.rceilCodeZero, .floor),
             (.floorInfinite, .rceil), (.rceilInfinite, .floor),
             (.nvfp4ScaleFloor, _), (.nvfp4Reciprocal, _), (.nvfp4ReciprocalOverflow, _),
             (.nvfp4ZeroTensorScale, _), (.nvfp4NonfiniteTensorScale, _):
            return nil
        }
        let down = Float(sign: .plus, exponent: -divide, significand: 1)
        let up = Float(sign: .plus, exponent: multiply, significand: 1)
        let values = block.map { x in
            element.round(x * down, rounding: .nearestEven, overflow: .saturate) * up
        }
        return QuantizedBlock(code: code, values: values)
    }

    /// torchao's `nvfp4_quantize` and `dequantize` of one block under its tensor scale `t`:
    /// `s = clamp((amax / 6) / t, 2^-6, 448)` (NaN stays NaN) to E4M3, elements
    /// `E2M1(clamp(x · ((1 / t) / s), -6, 6))`, dequantized `element · (t · s)`. A NaN
    /// scale's code is compared as NaN (torchao keeps the NaN's sign bit; x86's `0 / 0` is
    /// negative), and a NaN element as NaN (torchao packs it to some code).
    static func nvfp4(block: ArraySlice<Float>, tensorScale t: Float) -> QuantizedBlock {
        let e4m3 = NVFP4Tensor.scaleFormat, e2m1 = NVFP4Tensor.elementFormat
        let amax = block.contains(where: \.isNaN) ? Float.nan : block.map(\.magnitude).max() ?? 0
        var s = (amax / 6) / t
        if !s.isNaN { s = min(max(s, 0x1p-6), 448) }
        let code = e4m3.encode(s, rounding: .nearestEven, overflow: .saturate)
        let scale = e4m3.decode(code)
        let reciprocal = (1 / t) / scale
        let values = block.map { x -> Float in
            let y = x * reciprocal
            return y.isNaN ? .nan : e2m1.round(y, rounding: .nearestEven, overflow: .saturate) * (t * scale)
        }
        return QuantizedBlock(code: code, values: values)
    }
}

/// Float32 values from their concatenated 8-digit hex bit patterns.
func floats(_ text: String) -> [Float] {
    hexWords(text, digits: 8).map(Float.init(bitPattern:))
}
