import Testing
import Training

/// ``NormStatistics``, ``Summation`` and ``GradientReport`` against `Oracle/monitor.json`.
@Suite("Monitor: statistics against numpy")
struct MonitorStatisticsTests {
    /// Compares one set of statistics with the oracle's; returns the differences.
    ///
    /// Everything is bit-exact (or both NaN): the mean is the correctly rounded sum divided
    /// by the count on both sides (`Summation.exact` and `math.fsum`), and the percentiles,
    /// extremes and ratio use the same operations in the same order.
    static func differences(_ actual: NormStatistics, _ expected: MonitorOracle.Statistics) -> [String] {
        var found: [String] = []
        if actual.count != expected.finiteCount { found.append("count \(actual.count) vs \(expected.finiteCount)") }
        if actual.nonFiniteCount != expected.nonFiniteCount {
            found.append("non-finite \(actual.nonFiniteCount) vs \(expected.nonFiniteCount)")
        }
        let pairs: [(String, Double, String)] = [
            ("mean", actual.mean, expected.mean), ("min", actual.minimum, expected.min),
            ("max", actual.maximum, expected.max), ("p50", actual.p50, expected.p50),
            ("p90", actual.p90, expected.p90), ("p99", actual.p99, expected.p99),
            ("spike ratio", actual.spikeRatio, expected.spikeRatio),
        ]
        for (label, value, hex) in pairs where !MonitorOracle.identical(value, MonitorOracle.double(hex: hex)) {
            found.append("\(label) \(value) vs \(MonitorOracle.double(hex: hex))")
        }
        return found
    }

    /// A bound, in ULPs of the result, on how far numpy's mean (pairwise summation) may be
    /// from the correctly rounded one, for `n` non-negative terms.
    ///
    /// numpy sums blocks of up to 128 terms with 8 running accumulators (each term meets at
    /// most 15 additions there), combines the 8 in 3 more, and adds blocks pairwise
    /// (⌈log₂(n / 128)⌉ levels). For non-negative terms each addition contributes at most
    /// one unit roundoff of the total, which is below one ULP of it; the division adds one
    /// more rounding on each side.
    static func numpyMeanBound(_ n: Int) -> Double {
        let levels = n > 128 ? (Double(n) / 128).log2Ceiling : 0
        return 15 + 3 + levels + 2
    }

    @Test(arguments: MonitorOracle.normCaseNames)
    func normStatisticsMatchNumpy(_ name: String) throws {
        let item = try #require(MonitorOracle.shared?.norms.first { $0.name == name })
        let norms = MonitorOracle.floats(hex: item.norms)
        let statistics = NormStatistics(norms)
        let found = Self.differences(statistics, item.statistics)
        #expect(found.isEmpty, "\(name): \(found.joined(separator: "; "))")

        // The exact mean and numpy's pairwise one agree to within the summation bound.
        let numpyMean = MonitorOracle.double(hex: item.statistics.numpyMean)
        if numpyMean.isFinite {
            let ulps = (statistics.mean - numpyMean).magnitude / numpyMean.ulp
            #expect(ulps <= Self.numpyMeanBound(statistics.count), "\(name): \(ulps) ulps from numpy's mean")
        }
        // Order does not matter to the exact mean.
        #expect(NormStatistics(norms.reversed()).mean.bitPattern == statistics.mean.bitPattern || statistics.mean.isNaN)
    }

    @Test(arguments: MonitorOracle.reportCaseNames)
    func reportsMatchTheScript(_ name: String) throws {
        let item = try #require(MonitorOracle.shared?.reports.first { $0.name == name })
        let expected = item.expected
        let report = GradientReport(records: try item.records.stepRecords(), parameterNames: item.records.parameterNames)
        #expect(report.steps == expected.steps)
        #expect(report.finiteSteps == expected.finiteSteps)
        #expect(report.skippedSteps == expected.skippedSteps)
        #expect(report.nonFiniteLossSteps == expected.nonFiniteLossSteps)
        #expect(report.firstNonFiniteLossStep == expected.firstNonFiniteLossStep)
        #expect(report.unskippedNonFiniteGradientSteps == expected.unskippedNonFiniteGradientSteps)
        #expect(report.clippedSteps == expected.clippedSteps)
        #expect(MonitorOracle.identical(report.clipRate, MonitorOracle.double(hex: expected.clipRate)))
        #expect(MonitorOracle.identical(report.skipRate, MonitorOracle.double(hex: expected.skipRate)))
        #expect(MonitorOracle.identical(report.updateRatioMedian, MonitorOracle.double(hex: expected.updateRatioMedian)))
        let found = Self.differences(report.norms, expected.norms)
        #expect(found.isEmpty, "\(name) norms: \(found.joined(separator: "; "))")
        #expect(report.parameters.map(\.name) == item.records.parameterNames)
        #expect(report.parameters.count == expected.parameters.count)
        for (parameter, statistics) in zip(report.parameters, expected.parameters) {
            let found = Self.differences(parameter.norms, statistics)
            #expect(found.isEmpty, "\(name) \(parameter.name): \(found.joined(separator: "; "))")
            let median = try #require(statistics.updateRatioMedian)
            #expect(MonitorOracle.identical(parameter.updateRatioMedian, MonitorOracle.double(hex: median)),
                    "\(name) \(parameter.name) update ratio median")
        }
    }

    /// `Summation.exact` is correctly rounded where naive summation is not.
    @Test func exactSummation() {
        #expect(Summation.exact([1e100, 1, -1e100]) == 1)
        #expect(Summation.exact([0.1, 0.2, 0.3]) == 0.6)   // naive: 0.6000000000000001
        #expect(Summation.exact([Double](repeating: 0.1, count: 10)) == 1)
        // The half-way correction: 1 + 2⁻⁵³ + 2⁻¹⁰⁶ rounds up, not to even.
        #expect(Summation.exact([1, 0x1p-53, 0x1p-106]) == 1 + 0x1p-52)
        #expect(Summation.exact([1, 0x1p-53]) == 1)
        #expect(Summation.exact([Double]()) == 0)
        #expect(Summation.exact([1, .infinity, 2]) == .infinity)
        #expect(Summation.exact([.infinity, -.infinity]).isNaN)
        #expect(Summation.exact([1, .nan]).isNaN)
        #expect(Summation.exact([.greatestFiniteMagnitude, .greatestFiniteMagnitude]) == .infinity)
    }
}

private extension Double {
    /// ⌈log₂ self⌉ for self ≥ 1.
    var log2Ceiling: Double {
        var power = 1.0, count = 0.0
        while power < self { power *= 2; count += 1 }
        return count
    }
}
