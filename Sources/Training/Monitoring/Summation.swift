/// Sums whose rounding does not depend on the order of the terms.
public enum Summation {
    /// The sum of `values` rounded once, to nearest with ties to even: Python's `math.fsum`,
    /// to the bit (Shewchuk's algorithm, as CPython implements it: exact partial sums, then
    /// one correctly rounded total).
    ///
    /// A mean computed as `exact(values) / n` is therefore the same for any order of the
    /// values, and equal to Python's `math.fsum(values) / n`. It can differ in the last bit
    /// from `numpy.mean`, whose pairwise summation rounds many times.
    ///
    /// ## Edge cases
    /// - No values give `0`.
    /// - NaN, or `+∞` together with `−∞`, gives NaN; otherwise an infinite term gives that
    ///   infinity (Python raises for `∞ − ∞`).
    /// - Finite values whose exact sum leaves `Double`'s range give `±∞` (Python raises an
    ///   overflow error). Sums of `Float`s widened to `Double` never get there.
    public static func exact(_ values: some Sequence<Double>) -> Double {
        var partials: [Double] = []
        var special = 0.0, infinities = 0.0
        for value in values {
            var x = value
            var kept = 0
            for index in partials.indices {
                var y = partials[index]
                if x.magnitude < y.magnitude { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 {
                    partials[kept] = low
                    kept += 1
                }
                x = high
            }
            partials.removeSubrange(kept...)
            guard x != 0 else { continue }
            if x.isFinite {
                partials.append(x)
            } else if value.isFinite {
                return x  // the exact sum overflowed
            } else {
                if value.isInfinite { infinities += value }
                special += value
                partials.removeAll()
            }
        }
        if special != 0 || special.isNaN {
            return infinities.isNaN ? .nan : special
        }
        return roundedTotal(partials)
    }

    /// The correctly rounded sum of non-overlapping partials in increasing magnitude
    /// (CPython's final loop, with its half-way correction).
    private static func roundedTotal(_ partials: [Double]) -> Double {
        guard var n = partials.indices.last else { return 0 }
        var high = partials[n]
        var low = 0.0
        while n > 0 {
            let x = high
            n -= 1
            let y = partials[n]
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        if n > 0, (low < 0 && partials[n - 1] < 0) || (low > 0 && partials[n - 1] > 0) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}
