/// `numpy.mean` and `numpy.std` of a 1-D `float64` array, to the bit.
///
/// numpy sums a contiguous `float64` array with its pairwise summation
/// (`pairwise_sum_DOUBLE`): fewer than 8 values are added left to right from 0; up to 128
/// go into 8 running sums (value `i` into sum `i mod 8`, over whole blocks of 8), which are
/// combined as `((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))` before the remaining
/// `n mod 8` values are added one at a time; longer arrays are split at `n / 2` rounded
/// down to a multiple of 8 and the halves' sums added.
enum NumpyStatistics {
    /// `np.add.reduce(values)`.
    static func sum(_ values: ArraySlice<Double>) -> Double {
        let n = values.count
        let start = values.startIndex
        if n < 8 {
            var sum = 0.0
            for value in values { sum += value }
            return sum
        }
        if n <= 128 {
            var lanes = (0..<8).map { values[start + $0] }
            var index = start + 8
            let blocked = start + n - n % 8
            while index < blocked {
                for lane in 0..<8 { lanes[lane] += values[index + lane] }
                index += 8
            }
            var sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
            while index < values.endIndex {
                sum += values[index]
                index += 1
            }
            return sum
        }
        let half = n / 2 - (n / 2) % 8
        return sum(values[start ..< start + half]) + sum(values[(start + half)...])
    }

    /// `np.mean(values)`: the pairwise sum divided by the count. NaN for no values.
    static func mean(_ values: [Double]) -> Double {
        sum(values[...]) / Double(values.count)
    }

    /// `np.std(values)` (population, `ddof=0`): `sqrt(mean((x − mean(x))²))`, each square
    /// `d × d` rounded, the sum pairwise. NaN for no values.
    static func standardDeviation(_ values: [Double]) -> Double {
        let center = mean(values)
        let squares = values.map { ($0 - center) * ($0 - center) }
        return (sum(squares[...]) / Double(values.count)).squareRoot()
    }
}
