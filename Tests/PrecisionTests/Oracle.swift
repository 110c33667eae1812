import Foundation
import Precision

/// The committed oracle files in `Oracle/`, written by `Oracle/generate.py`.
///
/// To re-record them: `python3 Tests/PrecisionTests/Oracle/generate.py` from the package
/// root (it makes `.venv-oracle/` with pinned numpy and ml_dtypes on first use), then
/// commit the JSON. The tests read the files from the source tree via `#filePath`.
enum Oracle {
    /// The formats whose every code ml_dtypes/numpy decoded (4- to 16-bit).
    static let exhaustiveFormats: [FloatFormat] = [.fp16, .bf16, .e4m3fn, .e5m2] + FloatFormat.microscaling

    /// The formats with an encode oracle: the above, and TF32 from the rational reference.
    static let encodedFormats: [FloatFormat] = [.tf32, .bf16, .fp16, .e4m3fn, .e5m2] + FloatFormat.microscaling

    /// One format's file: `decode_f32` (8/16-bit only), `edge_cases`, `sample`.
    struct FormatFile: Decodable {
        struct EdgeCase: Decodable {
            let label: String
            let input: UInt32
            let code: UInt32

            enum CodingKeys: String, CodingKey { case label, input = "input_f32", code }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                label = try container.decode(String.self, forKey: .label)
                input = try hexWords(container.decode(String.self, forKey: .input), digits: 8)[0]
                let code = try container.decode(String.self, forKey: .code)
                self.code = hexWords(code, digits: code.utf8.count)[0]
            }
        }

        struct Sample: Decodable {
            let seed: Int
            let inputs: String
            let codes: String
            enum CodingKeys: String, CodingKey { case seed, inputs = "inputs_f32", codes }
        }

        /// One deterministic mode's codes, from the rational reference (`rounding_modes.py`).
        struct ModeCodes: Decodable {
            let edgeCodes: String
            let edgeCodesSaturate: String
            let edgeCodesFlush: String
            /// Absent for nearest-even, whose sample codes are ``Sample/codes``.
            let sampleCodes: String?

            enum CodingKeys: String, CodingKey {
                case edgeCodes = "edge_codes", edgeCodesSaturate = "edge_codes_saturate"
                case edgeCodesFlush = "edge_codes_flush", sampleCodes = "sample_codes"
            }
        }

        /// Inputs where ml_dtypes knowingly departs from exact rounding, with the exact
        /// rounding's codes (only E8M0 has any; see `ml_dtypes_departs` in generate.py).
        struct Departures: Decodable {
            let inputs: String
            let exactCodes: String
            enum CodingKeys: String, CodingKey { case inputs = "inputs_f32", exactCodes = "exact_codes" }
        }

        let format: String
        let codeHexDigits: Int
        let decode: String?
        let edgeCases: [EdgeCase]
        let sample: Sample
        /// Keyed by the modes' CLI names (`Rounding.name`).
        let roundingModes: [String: ModeCodes]
        let departures: Departures?

        enum CodingKeys: String, CodingKey {
            case format, codeHexDigits = "code_hex_digits", decode = "decode_f32"
            case edgeCases = "edge_cases", sample, roundingModes = "rounding_modes"
            case departures = "ml_dtypes_departures"
        }

        /// Exact round-to-nearest codes of the inputs where ml_dtypes' code differs, by input.
        var exactWhereMLDtypesDeparts: [UInt32: UInt32] {
            guard let departures else { return [:] }
            let inputs = hexWords(departures.inputs, digits: 8)
            // An input can be both an edge case and a sampled one; its exact code is one code.
            return Dictionary(zip(inputs, hexWords(departures.exactCodes, digits: codeHexDigits)),
                              uniquingKeysWith: { first, _ in first })
        }

        /// The exact round-to-nearest-even code of `input`: the oracle's `code`, except where
        /// ml_dtypes departs from exact rounding.
        func exactCode(_ input: UInt32, oracle code: UInt32) -> UInt32 {
            exactWhereMLDtypesDeparts[input] ?? code
        }

        /// Bit patterns of the `Float` each code decodes to, indexed by code.
        var decodedBits: [UInt32] { hexWords(decode ?? "", digits: 8) }

        /// The sampled inputs (`Float` bits) and the oracle's codes for them.
        var samplePairs: [(input: UInt32, code: UInt32)] {
            Array(zip(hexWords(sample.inputs, digits: 8), hexWords(sample.codes, digits: codeHexDigits)))
        }

        /// The oracle's codes for the edge cases under `rounding` and the given policies.
        func edgeCodes(_ rounding: Rounding, _ overflow: OverflowPolicy, _ subnormals: SubnormalPolicy) throws -> [UInt32] {
            let codes = try modeCodes(rounding)
            let text = switch (overflow, subnormals) {
            case (.format, .keep): codes.edgeCodes
            case (.saturate, .keep): codes.edgeCodesSaturate
            case (.format, .flushToZero): codes.edgeCodesFlush
            case (.saturate, .flushToZero): throw OracleError.missing("no oracle for saturate + flush together")
            }
            return hexWords(text, digits: codeHexDigits)
        }

        /// The oracle's codes for the sample under `rounding` (format overflow, subnormals kept).
        func sampleCodes(_ rounding: Rounding) throws -> [UInt32] {
            guard let text = try modeCodes(rounding).sampleCodes else {
                let departures = exactWhereMLDtypesDeparts
                return samplePairs.map { departures[$0.input] ?? $0.code }
            }
            return hexWords(text, digits: codeHexDigits)
        }

        private func modeCodes(_ rounding: Rounding) throws -> ModeCodes {
            guard let codes = roundingModes[rounding.name] else {
                throw OracleError.missing("\(format) has no oracle for \(rounding.name)")
            }
            return codes
        }
    }

    /// A `finfo` entry of `properties.json`.
    struct Properties: Decodable {
        struct ExactDouble: Decodable {
            let bits: String
            var value: Double { Double(bitPattern: UInt64(bits, radix: 16)!) }
        }

        let source: String
        let bits: Int
        let nexp: Int
        let nmant: Int
        let maxexp: Int
        let minexp: Int
        let max: ExactDouble
        let smallestNormal: ExactDouble
        let smallestSubnormal: ExactDouble
        let eps: ExactDouble
        let precision: Int?

        enum CodingKeys: String, CodingKey {
            case source, bits, nexp, nmant, maxexp, minexp, max, eps, precision
            case smallestNormal = "smallest_normal", smallestSubnormal = "smallest_subnormal"
        }
    }

    static func file(for format: FloatFormat) throws -> FormatFile {
        try JSONDecoder().decode(FormatFile.self, from: data(named: "\(key(for: format)).json"))
    }

    static func properties(for format: FloatFormat) throws -> Properties {
        let all = try JSONDecoder().decode(
            [String: PropertiesOrSource].self, from: data(named: "properties.json"))
        guard case .properties(let entry) = all[key(for: format)] else {
            throw OracleError.missing("properties.json has no entry for \(format)")
        }
        return entry
    }

    /// The file-name key of a standard format: "fp16", "e4m3fn", ...
    static func key(for format: FloatFormat) -> String {
        format.cliName ?? format.name
    }

    private static func data(named name: String) throws -> Data {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return try Data(contentsOf: directory.appending(path: "Oracle/\(name)"))
    }

    /// The top level of `properties.json` mixes format entries with a `source` string.
    private enum PropertiesOrSource: Decodable {
        case properties(Properties)
        case source(String)

        init(from decoder: any Decoder) throws {
            if let source = try? decoder.singleValueContainer().decode(String.self) {
                self = .source(source)
            } else {
                self = .properties(try Properties(from: decoder))
            }
        }
    }

    enum OracleError: Error { case missing(String) }
}

/// Splits a string of fixed-width hex numbers ("7bff7c00...") into integers.
func hexWords(_ text: String, digits: Int) -> [UInt32] {
    var words: [UInt32] = []
    words.reserveCapacity(text.utf8.count / digits)
    var current: UInt32 = 0
    var count = 0
    for byte in text.utf8 {
        let nibble: UInt8 = switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: preconditionFailure("not a lowercase hex digit: \(byte)")
        }
        current = current << 4 | UInt32(nibble)
        count += 1
        if count == digits {
            words.append(current)
            current = 0
            count = 0
        }
    }
    precondition(count == 0, "hex string length is not a multiple of \(digits)")
    return words
}

/// `0x`-prefixed, zero-padded hex: `hex(0x7F, digits: 2)` is "0x7f".
func hex(_ value: UInt32, digits: Int = 8) -> String {
    let text = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(digits - text.count, 0)) + text
}

extension FloatFormat {
    /// Hex digits of one code of this format (2 for FP8, 5 for TF32, 8 for FP32).
    var hexDigits: Int { (bitWidth + 3) / 4 }

    /// `code` in hex with this format's width.
    func hex(_ code: UInt32) -> String { PrecisionTests.hex(code, digits: hexDigits) }
}

/// Collects failures of a loop over thousands of codes, so one `#expect` reports the
/// count and the first few, instead of thousands of lines.
struct Mismatches: CustomStringConvertible {
    private(set) var count = 0
    private var first: [String] = []

    mutating func record(_ message: @autoclosure () -> String) {
        count += 1
        if first.count < 12 { first.append(message()) }
    }

    var isEmpty: Bool { count == 0 }

    var description: String { "\(count) mismatches" }

    var summary: String {
        "\(count) mismatches; first \(first.count):\n" + first.joined(separator: "\n")
    }
}
