import Testing
import Training

/// ``Percentile`` against `numpy.percentile` (default method "linear"), bit for bit.
@Suite("Monitor: percentiles against numpy")
struct MonitorPercentileTests {
    @Test func oracleFileLoads() throws {
        _ = try MonitorOracle.load()
    }

    /// 164 arrays (every size 1–50 three times over, with ties, NaN and ±inf) at 13 q each.
    /// Bit-exact: the Swift code performs numpy's operations in numpy's order. Both NaN
    /// counts as a match.
    @Test func everyCaseMatchesNumpyToTheBit() throws {
        let oracle = try #require(MonitorOracle.shared)
        var checked = 0, mismatches: [String] = []
        for item in oracle.percentile {
            let values = MonitorOracle.doubles(hex: item.values)
            let qs = MonitorOracle.doubles(hex: item.q), results = MonitorOracle.doubles(hex: item.results)
            for (q, expected) in zip(qs, results) {
                let actual = Percentile.of(values, q)
                checked += 1
                if !MonitorOracle.identical(actual, expected) {
                    mismatches.append("\(item.name) q=\(q): got \(actual), numpy \(expected)")
                }
            }
        }
        #expect(checked == 164 * 13)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }

    @Test func floatValuesAreWidenedExactly() {
        let values: [Float] = [0.1, 0.7, 0.3, 1e-8]
        for q in [0.0, 33.3, 50, 99.9, 100] {
            #expect(Percentile.of(values, q).bitPattern == Percentile.of(values.map(Double.init), q).bitPattern)
        }
    }

    @Test func sortedEntryPointAgreesWithTheSortingOne() {
        let values: [Double] = [3, -1, 2.5, 2.5, 10, 0.25]
        for q in stride(from: 0.0, through: 100, by: 7.5) {
            #expect(Percentile.of(sorted: values.sorted(), q).bitPattern == Percentile.of(values, q).bitPattern)
        }
    }

    @Test func edgeCases() {
        #expect(Percentile.of([Double](), 50).isNaN)
        #expect(Percentile.of([1, Double.nan, 3], 0).isNaN)
        #expect(Percentile.of([4.0], 37) == 4)
        #expect(Percentile.of([1.0, 2, 3, 4], 100) == 4)
        #expect(Percentile.of([1.0, 2, 3, 4], 0) == 1)
    }
}
