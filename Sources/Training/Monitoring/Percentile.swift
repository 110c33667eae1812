/// Order statistics with numpy's conventions.
public enum Percentile {
    /// The `q`-th percentile of `values` as `numpy.percentile(values, q)` computes it by
    /// default (`method="linear"`, Hyndman and Fan's type 7), to the bit.
    ///
    /// Numpy's steps, in `Double`: sort; take the virtual index `h = (n − 1) · p` with
    /// `p = q / 100`; take the values at ⌊h⌋ and ⌊h⌋ + 1 (both the last value when
    /// `h ≥ n − 1`, with the weight `t = h + 1`, as numpy's index −1 gives); and interpolate
    /// with numpy's `_lerp`: `a + (b − a)·t`, or `b − (b − a)·(1 − t)` when `t ≥ 0.5`, where
    /// `t = h − ⌊h⌋`.
    ///
    /// ## Edge cases
    /// - NaN anywhere gives NaN (as numpy does); no values give NaN (numpy raises).
    /// - Infinities follow the same arithmetic, so an interpolation that touches one is
    ///   usually NaN (`∞ − ∞`, or `∞ · 0`), exactly as numpy's result is.
    /// - `−0.0` and `+0.0` sort as equal, so which one a tie returns may differ from numpy
    ///   (whose partition leaves their order unspecified).
    ///
    /// - Precondition: `0 ≤ q ≤ 100`.
    public static func of(_ values: [Double], _ q: Double) -> Double {
        precondition((0...100).contains(q), "percentile \(q) is outside 0...100")
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return .nan }
        return of(sorted: values.sorted(), q)
    }

    /// ``of(_:_:)`` for `Float` values (each widened to `Double` exactly).
    public static func of(_ values: [Float], _ q: Double) -> Double {
        of(values.map(Double.init), q)
    }

    /// ``of(_:_:)`` for values already sorted in ascending order, without sorting them again
    /// (for several percentiles of one sample).
    ///
    /// - Precondition: `sorted` is not empty, holds no NaN, and `0 ≤ q ≤ 100`. (The order
    ///   is the caller's promise; it is not checked.)
    public static func of(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "the percentile of no values")
        precondition((0...100).contains(q), "percentile \(q) is outside 0...100")
        let last = sorted.count - 1
        let position = Double(last) * (q / 100)
        // Numpy's `_get_indexes`: at or past the last index, both neighbours are index −1.
        let below = position >= Double(last) ? -1 : position.rounded(.down)
        let t = position - below
        let lower = below < 0 ? last : Int(below)
        let upper = below < 0 ? last : lower + 1
        let a = sorted[lower], b = sorted[upper]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
