import Foundation

/// A committed oracle file in `Tests/TrainingTests/Oracle/`, written by the Python script of
/// the same name and decoded into `Self`. The tests read it from the source tree via
/// `#filePath`; `swift test` never runs Python.
///
/// The scripts store floating-point numbers as their bit patterns in lowercase hex,
/// big-endian: 8 digits for a `Float`, 16 for a `Double`, arrays as the digits concatenated.
protocol OracleFile: Decodable, Sendable {
    /// The file's name in `Oracle/`, e.g. `"optimizers.json"`.
    static var fileName: String { get }
}

extension OracleFile {
    /// Reads and decodes the file.
    static func load() throws -> Self {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Oracle")
        return try JSONDecoder().decode(Self.self, from: Data(contentsOf: directory.appending(path: fileName)))
    }

    /// Splits "3f800000c0000000" into `Float`s by bit pattern.
    static func floats(hex: String) -> [Float] { words(hex: hex, digits: 8).map { Float(bitPattern: UInt32($0)) } }

    /// One `Float` stored as 8 hex digits.
    static func float(hex: String) -> Float { floats(hex: hex)[0] }

    /// Splits 16-hex-digit words into `Double`s by bit pattern.
    static func doubles(hex: String) -> [Double] { words(hex: hex, digits: 16).map(Double.init(bitPattern:)) }

    /// One `Double` stored as 16 hex digits.
    static func double(hex: String) -> Double { doubles(hex: hex)[0] }

    /// Splits concatenated big-endian hex words of `digits` digits each.
    private static func words(hex: String, digits: Int) -> [UInt64] {
        precondition(hex.utf8.count % digits == 0, "hex string length is not a multiple of \(digits)")
        var result: [UInt64] = [], word: UInt64 = 0, count = 0
        result.reserveCapacity(hex.utf8.count / digits)
        for byte in hex.utf8 {
            let nibble: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            default: preconditionFailure("not a lowercase hex digit: \(byte)")
            }
            word = word << 4 | UInt64(nibble)
            count += 1
            if count == digits {
                result.append(word)
                (word, count) = (0, 0)
            }
        }
        return result
    }
}
