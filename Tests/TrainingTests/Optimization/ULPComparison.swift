import Precision
import Training

/// Approximate comparison in units in the last place of a storage format, by name.
///
/// The distance between two values of `format` is the number of representable values of
/// `format` between them (their codes' distance on the number line, ±0 counting as one
/// point): 0 means bit-identical up to the sign of zero. Both NaN is a match (PyTorch and
/// Swift may pick different NaN payloads); NaN against a number, or infinities of different
/// signs, never are.
enum FormatULPs {
    /// The distance in `format`'s ULPs, or `nil` if exactly one side is NaN.
    static func distance(_ a: Float, _ b: Float, in format: FloatFormat) -> UInt64? {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : nil }
        return UInt64((ordered(a, format) - ordered(b, format)).magnitude)
    }

    /// A code's position on the number line: −magnitude for negative codes.
    private static func ordered(_ x: Float, _ format: FloatFormat) -> Int64 {
        let code = format.encode(x)
        let signBit = UInt32(1) << UInt32(format.bitWidth - 1)
        let magnitude = Int64(code & (signBit - 1))
        return code & signBit != 0 ? -magnitude : magnitude
    }

    /// Where `actual` differs from `expected` by more than `tolerance` ULPs of `format`:
    /// a description of the first few mismatches, or `nil` when all elements agree.
    ///
    /// - Precondition: both tensors hold values of `format` (the comparison first encodes
    ///   them into it, which would hide a difference finer than its precision).
    static func mismatches(
        _ actual: [Float], _ expected: [Float], format: FloatFormat, tolerance: UInt64, label: String
    ) -> String? {
        guard actual.count == expected.count else {
            return "\(label): \(actual.count) elements, expected \(expected.count)"
        }
        var lines: [String] = []
        var count = 0
        for (index, (a, e)) in zip(actual, expected).enumerated() {
            let d = distance(a, e, in: format)
            if d == nil || d! > tolerance {
                count += 1
                if lines.count < 6 {
                    lines.append("  [\(index)] got \(a), PyTorch \(e) (\(d.map { "\($0) ulps" } ?? "NaN mismatch"))")
                }
            }
        }
        return count == 0 ? nil : "\(label): \(count) of \(actual.count) elements beyond \(tolerance) ulps\n"
            + lines.joined(separator: "\n")
    }

    /// The largest distance between corresponding elements of two sets with the same
    /// names, shapes and formats, in each tensor's format; `nil` if a NaN meets a number.
    static func largestDistance(_ actual: NamedTensors, _ expected: NamedTensors) -> UInt64? {
        var largest: UInt64 = 0
        for (a, e) in zip(actual.tensors, expected.tensors) {
            for (x, y) in zip(a.scalars, e.scalars) {
                guard let d = distance(x, y, in: a.format) else { return nil }
                largest = max(largest, d)
            }
        }
        return largest
    }

    /// ``mismatches(_:_:format:tolerance:label:)`` for every tensor of two named sets, also
    /// checking that the names, shapes and formats agree.
    static func mismatches(
        _ actual: NamedTensors, _ expected: NamedTensors, tolerance: UInt64, label: String
    ) -> String? {
        guard actual.names == expected.names else { return "\(label): names \(actual.names) vs \(expected.names)" }
        var reports: [String] = []
        for (name, (a, e)) in zip(actual.names, zip(actual.tensors, expected.tensors)) {
            if a.shape != e.shape || a.format != e.format {
                reports.append("\(label) \(name): \(a.shape) \(a.format) vs \(e.shape) \(e.format)")
            } else if let report = mismatches(a.scalars, e.scalars, format: a.format, tolerance: tolerance,
                                              label: "\(label) \(name)") {
                reports.append(report)
            }
        }
        return reports.isEmpty ? nil : reports.joined(separator: "\n")
    }
}
