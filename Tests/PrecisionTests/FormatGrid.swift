import Precision

/// The nonnegative finite values of a format with their codes, ascending, and rounding to
/// the nearest of them by search: an encoder independent of ``FloatFormat/encode(_:)``
/// for the references of the scaling tests.
struct FormatGrid {
    let points: [(value: Double, code: UInt32)]

    init(_ format: FloatFormat) {
        points = (0..<UInt32(format.codeCount)).compactMap { code in
            let value = format.decode(code)
            return value.isFinite && value.sign == .plus ? (Double(value), code) : nil
        }.sorted { $0.value < $1.value }
    }

    /// The largest value.
    var max: Double { points[points.count - 1].value }

    /// `x` rounded to the nearest value by magnitude (ties to the even code, saturating
    /// beyond the largest), with `x`'s sign (so a value that rounds to zero keeps it).
    func nearest(_ x: Double) -> Double {
        var best = points[0]
        for candidate in points {
            let (d, e) = (abs(candidate.value - x.magnitude), abs(best.value - x.magnitude))
            if d < e || (d == e && candidate.code & 1 == 0 && best.code & 1 == 1) { best = candidate }
        }
        return x.sign == .minus ? -best.value : best.value
    }
}
