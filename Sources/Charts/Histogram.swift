/// Bars over given bins: bin `i` spans `edges[i]..<edges[i + 1]` and is `counts[i]` high.
///
/// A bin whose edges are not both drawable on the x axis, or are not increasing, is not
/// drawn; the figure's description counts it. A bin with count 0 has no bar.
public struct Histogram: Codable, Sendable {
    /// The series name, shown in the legend and the description.
    public var name: String
    /// The bin edges, one more than ``counts``.
    public var edges: [Double]
    /// How many values fell in each bin.
    public var counts: [Int]

    /// A histogram from bin edges and counts.
    ///
    /// - Precondition: `edges.count == counts.count + 1`, or both are empty.
    public init(name: String, edges: [Double], counts: [Int]) {
        precondition(
            edges.count == counts.count + 1 || (edges.isEmpty && counts.isEmpty),
            "a histogram needs one more edge than counts (got \(edges.count) edges, \(counts.count) counts)")
        self.name = name
        self.edges = edges
        self.counts = counts
    }
}

/// How many values fall in each binade: the bin of a finite nonzero `x` is its binary
/// exponent `floor(log2|x|)` (so it spans `[2^e, 2^(e+1))` in magnitude). The sign is
/// ignored. Zeros and non-finite values have no exponent and are counted separately;
/// the legend and the description report them.
///
/// Drawn as bars from `2^e` to `2^(e+1)`, so it belongs on a base-2 log x axis
/// (``Axis/log2(_:domain:)``), where every bar has the same width. Subnormal values get
/// their true exponent (below the format's minimum normal one).
public struct ExponentHistogram: Codable, Sendable {
    /// The series name, shown in the legend and the description.
    public var name: String
    /// `(exponent, count)` for every exponent that occurred, in increasing exponent order.
    public var bins: [(exponent: Int, count: Int)]
    /// How many values were ±0.
    public var zeros: Int
    /// How many values were +infinity.
    public var positiveInfinities: Int
    /// How many values were -infinity.
    public var negativeInfinities: Int
    /// How many values were NaN.
    public var nans: Int

    /// Bins `values` by binary exponent.
    public init(name: String, values: some Sequence<Double>) {
        self.init(name: name, doubles: values)
    }

    /// Bins `Float`s (gradients, activations) or values of any other binary floating-point
    /// type by binary exponent. Each value is converted exactly to `Double`, so the
    /// exponents are the values' own, subnormals included.
    public init<V: BinaryFloatingPoint>(name: String, values: some Sequence<V>) {
        self.init(name: name, doubles: values.lazy.map { Double($0) })
    }

    private init(name: String, doubles values: some Sequence<Double>) {
        self.name = name
        var counts: [Int: Int] = [:]
        var zeros = 0, positiveInfinities = 0, negativeInfinities = 0, nans = 0
        for value in values {
            if value.isNaN {
                nans += 1
            } else if value.isInfinite {
                if value > 0 { positiveInfinities += 1 } else { negativeInfinities += 1 }
            } else if value == 0 {
                zeros += 1
            } else {
                counts[value.exponent, default: 0] += 1
            }
        }
        self.bins = counts.keys.sorted().map { ($0, counts[$0]!) }
        self.zeros = zeros
        self.positiveInfinities = positiveInfinities
        self.negativeInfinities = negativeInfinities
        self.nans = nans
    }

    /// How many values were ±infinity or NaN.
    public var nonFinite: Int { positiveInfinities + negativeInfinities + nans }

    /// How many values were counted, in bins or not.
    public var total: Int { bins.reduce(0) { $0 + $1.count } + zeros + nonFinite }

    /// The bars as a plain histogram over `[2^e, 2^(e+1))`.
    var barEdges: [(lower: Double, upper: Double, count: Int)] {
        bins.map { bin in
            (ChartMath.power(.two, bin.exponent), ChartMath.power(.two, bin.exponent + 1), bin.count)
        }
    }
}

extension ExponentHistogram {
    private enum CodingKeys: String, CodingKey {
        case name, exponents, counts, zeros, positiveInfinities, negativeInfinities, nans
    }

    /// Reads what `encode(to:)` writes: the bins as two arrays.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let exponents = try c.decode([Int].self, forKey: .exponents), counts = try c.decode([Int].self, forKey: .counts)
        guard exponents.count == counts.count else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "one count per exponent")
        }
        bins = zip(exponents, counts).map { ($0, $1) }
        zeros = try c.decode(Int.self, forKey: .zeros)
        positiveInfinities = try c.decode(Int.self, forKey: .positiveInfinities)
        negativeInfinities = try c.decode(Int.self, forKey: .negativeInfinities)
        nans = try c.decode(Int.self, forKey: .nans)
    }

    /// The bins as two arrays (a tuple is not `Codable`), then the special counts.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(bins.map(\.exponent), forKey: .exponents)
        try c.encode(bins.map(\.count), forKey: .counts)
        try c.encode(zeros, forKey: .zeros)
        try c.encode(positiveInfinities, forKey: .positiveInfinities)
        try c.encode(negativeInfinities, forKey: .negativeInfinities)
        try c.encode(nans, forKey: .nans)
    }
}
