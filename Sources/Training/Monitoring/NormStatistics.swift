/// Summary statistics of a sequence of gradient norms, over its finite values.
///
/// Non-finite norms (a step whose gradient overflowed, or was NaN) are counted in
/// ``nonFiniteCount`` and left out of every statistic: one `inf` would make the mean and
/// the maximum infinite and say nothing about the other steps.
///
/// Every statistic is computed in `Double` from the norms widened exactly:
/// - ``mean``: the correctly rounded sum (``Summation/exact(_:)``, Python's `math.fsum`)
///   divided by the count, so it does not depend on the order of the steps;
/// - ``p50``, ``p90``, ``p99``: ``Percentile`` (numpy's default `method="linear"`);
/// - ``spikeRatio``: ``maximum`` / ``mean``.
///
/// ## Edge cases
/// With no finite norm, every statistic is NaN (``count`` is 0). When every finite norm is
/// zero, ``spikeRatio`` is NaN (0 / 0).
public struct NormStatistics: Sendable, CustomStringConvertible {
    /// How many norms were finite (the sample every statistic is computed over).
    public let count: Int
    /// How many norms were ±infinity or NaN.
    public let nonFiniteCount: Int
    /// The mean of the finite norms.
    public let mean: Double
    /// The smallest finite norm.
    public let minimum: Double
    /// The largest finite norm.
    public let maximum: Double
    /// The median (numpy's `percentile(norms, 50)`).
    public let p50: Double
    /// The 90th percentile.
    public let p90: Double
    /// The 99th percentile.
    public let p99: Double

    /// The statistics of `norms`' finite values.
    public init(_ norms: some Sequence<Float>) {
        var finite: [Double] = []
        var nonFinite = 0
        for norm in norms {
            if norm.isFinite { finite.append(Double(norm)) } else { nonFinite += 1 }
        }
        self.init(finite: finite, nonFiniteCount: nonFinite)
    }

    private init(finite: [Double], nonFiniteCount: Int) {
        count = finite.count
        self.nonFiniteCount = nonFiniteCount
        guard !finite.isEmpty else {
            (mean, minimum, maximum, p50, p90, p99) = (.nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        let sorted = finite.sorted()
        mean = Summation.exact(sorted) / Double(sorted.count)
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        p50 = Percentile.of(sorted: sorted, 50)
        p90 = Percentile.of(sorted: sorted, 90)
        p99 = Percentile.of(sorted: sorted, 99)
    }

    /// The largest finite norm over the mean: how far the worst step stands above a typical
    /// one (1 when every norm is equal).
    public var spikeRatio: Double { maximum / mean }

    /// One line: count, mean, percentiles, maximum and spike ratio.
    public var description: String {
        "\(count) finite norms (\(nonFiniteCount) not finite): mean \(MonitorText.number(mean)), "
            + "p50 \(MonitorText.number(p50)), p90 \(MonitorText.number(p90)), p99 \(MonitorText.number(p99)), "
            + "max \(MonitorText.number(maximum)) (\(MonitorText.number(spikeRatio))× the mean)"
    }
}
