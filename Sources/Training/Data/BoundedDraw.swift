import Precision

extension SplitMix64 {
    /// A uniformly distributed integer in `0 ..< bound`, by Lemire's multiply-and-reject
    /// method ("Fast Random Integer Generation in an Interval", ACM TOMACS, 2019).
    ///
    /// The 128-bit product `x × bound` of a 64-bit output `x` is computed; its high word is
    /// the result. Its low word tells whether `x` fell in the `2^64 mod bound` values that
    /// would make some results more likely than others; those are rejected and a new `x`
    /// is drawn. So the result is exactly uniform, and one `next()` is used except with
    /// probability `(2^64 mod bound) / 2^64` (never for a power of two).
    ///
    /// This is the one bounded draw of the data tasks. It is written out, not taken from
    /// `Int.random(in:using:)`, whose algorithm the standard library does not promise to
    /// keep: here the same seed gives the same draws in every Swift version.
    ///
    /// - Precondition: `bound > 0`. A `bound` of 1 still consumes one output.
    public mutating func draw(below bound: Int) -> Int {
        precondition(bound > 0, "draw(below:) needs a positive bound, not \(bound)")
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s  // 2^64 mod s
            while product.low < threshold {
                product = next().multipliedFullWidth(by: s)
            }
        }
        return Int(product.high)
    }

    /// An index into `weights`, each index drawn with probability proportional to its
    /// weight, by one ``draw(below:)`` over the total.
    mutating func draw(weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "bad weights \(weights)")
        var remaining = draw(below: total)
        for (index, weight) in weights.enumerated() {
            if remaining < weight { return index }
            remaining -= weight
        }
        preconditionFailure("unreachable: a draw below the total falls in some weight")
    }
}
