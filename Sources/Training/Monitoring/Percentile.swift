/// Order statistics with numpy's conventions.
public enum Percentile {
    /// The `q`-th percentile of `values` as `numpy.percentile(values, q)` computes it by
    /// default (`method="linear"`, Hyndman and Fan's type 7): sort, take the position
    /// `h = (n − 1) · q / 100` (evaluated as numpy does, `n·p + (1 − p) − 1` with
    /// `p = q / 100`), and interpolate linearly between the values at ⌊h⌋ and ⌈h⌉.
    /// The interpolation is numpy's `_lerp`: `a + (b − a)·t`, or `b − (b − a)·(1 − t)` when
    /// `t ≥ 0.5`, in `Double`.
    ///
    /// NaN anywhere gives NaN (as numpy does); no values give NaN.
    ///
    /// - Precondition: `0 ≤ q ≤ 100`.
    public static func of(_ values: [Double], _ q: Double) -> Double {
        precondition((0...100).contains(q), "percentile \(q) is outside 0...100")
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return .nan }
        let sorted = values.sorted()
        let p = q / 100
        let position = Double(sorted.count) * p + (1 - p) - 1
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let t = position - Double(below)
        let a = sorted[below], b = sorted[above]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// ``of(_:_:)`` for `Float` values (each widened to `Double` exactly).
    public static func of(_ values: [Float], _ q: Double) -> Double {
        of(values.map(Double.init), q)
    }
}
