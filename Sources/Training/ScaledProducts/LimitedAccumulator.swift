import Precision

/// An accumulator that keeps fewer bits than FP32 and is promoted into FP32 at intervals:
/// DeepSeek-V3's account of FP8 GEMMs on NVIDIA H800 tensor cores (arXiv 2412.19437,
/// §3.3.2, "Increasing Accumulation Precision").
///
/// They measured that the tensor cores keep "around 14 bits" of the running sum, far fewer
/// than FP32, so a long reduction loses the small terms; their remedy copies the partial
/// sum into an FP32 register on the CUDA cores every `N_C` = 128 products (four WGMMAs)
/// and adds it there in full precision.
///
/// ## The rule
/// For each element of the product, with `p` the limited partial sum and `s` the FP32 sum,
/// both starting at 0, for `t` in `0 ..< k`:
///
/// 1. `p = L(fma(a_t, b_t, p))`: the product added to `p` with one FP32 rounding (to
///    nearest even), then cut to ``mantissaBits`` explicit mantissa bits toward zero (`L`),
///    in a format with FP32's exponent range.
/// 2. After every ``promotionInterval`` products, `s = s + p` in FP32, and `p = 0`.
///
/// The result is `s + p`, the last partial sum promoted too. Cutting toward zero follows
/// Fasi et al. 2021 ("Numerical behavior of NVIDIA tensor cores", PeerJ Computer Science
/// 7:e330), who found the tensor cores' additions truncate; the real hardware aligns a
/// whole group of products to the largest exponent before adding, which this sequential
/// rule does not model. A ``promotionInterval`` of at least `k` is the accumulator without
/// promotion.
///
/// ```swift
/// let accumulator = LimitedAccumulator()          // 14 bits, promoted every 128 products
/// let terms: [Float] = [1] + Array(repeating: 0x1p-16, count: 4095)
/// accumulator.dot(terms, Array(repeating: 1, count: 4096))
/// // 1 + 31 · 2^-9: the 127 small terms after the 1 are each below the partial sum's last
/// // bit and lost; the 31 later groups of 128 sum exactly. FP32 keeps all: 1 + 4095 · 2^-16.
/// ```
public struct LimitedAccumulator: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The explicit mantissa bits the partial sum keeps (FP32 keeps 23).
    public let mantissaBits: Int
    /// How many products are summed in the limited format before the partial sum is added
    /// into FP32 (DeepSeek-V3's `N_C`).
    public let promotionInterval: Int

    /// An accumulator keeping `mantissaBits`, promoted every `promotionInterval` products;
    /// by default DeepSeek-V3's 14 bits and 128 products.
    ///
    /// - Precondition: `mantissaBits` in `1...23`, `promotionInterval >= 1`.
    public init(mantissaBits: Int = 14, promotionInterval: Int = 128) {
        if let problem = Self.problem(mantissaBits: mantissaBits, promotionInterval: promotionInterval) {
            preconditionFailure(problem)
        }
        self.mantissaBits = mantissaBits
        self.promotionInterval = promotionInterval
    }

    /// The format of the partial sum: FP32's eight exponent bits and ``mantissaBits``.
    public var format: FloatFormat {
        // Valid by the init's precondition: 8 exponent bits and 1...23 mantissa bits with
        // IEEE infinities and NaN is always a format.
        try! FloatFormat.custom(name: "FP32 with \(mantissaBits) mantissa bits", exponentBits: 8,
                                mantissaBits: mantissaBits)
    }

    /// `Σ a_t · b_t` by the rule above.
    ///
    /// - Precondition: `a` and `b` have the same count.
    public func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "\(a.count) and \(b.count) terms")
        var result: Float = 0
        gemm(a, transposeA: false, b, transposeB: false, into: &result, m: 1, n: 1, k: a.count)
        return result
    }

    /// `C = A·B` by the rule, with the layout of `BLAS.gemm` (row-major; `A` is `m×k`, stored
    /// `k×m` when `transposeA`; `B` is `k×n`, stored `n×k` when `transposeB`). A row of `C`
    /// is summed at once, so that each step rounds its `n` partial sums in one bulk call.
    func gemm(_ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>, transposeB: Bool,
              into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int) {
        let format = format
        var partial = [Float](repeating: 0, count: n), total = partial
        for i in 0..<m {
            for j in 0..<n { (partial[j], total[j]) = (0, 0) }
            for t in 0..<k {
                let x = transposeA ? a[t * m + i] : a[i * k + t]
                for j in 0..<n { partial[j] = partial[j].addingProduct(x, transposeB ? b[j * k + t] : b[t * n + j]) }
                format.round(&partial, rounding: .towardZero)
                if (t + 1) % promotionInterval == 0 {
                    for j in 0..<n { (total[j], partial[j]) = (total[j] + partial[j], 0) }
                }
            }
            for j in 0..<n { c[i * n + j] = total[j] + partial[j] }
        }
    }

    /// `14 bits every 128`.
    public var description: String { "\(mantissaBits) bits every \(promotionInterval)" }

    private static func problem(mantissaBits: Int, promotionInterval: Int) -> String? {
        if !(1...23).contains(mantissaBits) { return "mantissaBits is \(mantissaBits); it must be in 1...23" }
        if promotionInterval < 1 { return "promotionInterval is \(promotionInterval); it must be at least 1" }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case mantissaBits, promotionInterval
    }

    /// Decodes an accumulator, checking what ``init(mantissaBits:promotionInterval:)``
    /// requires (a `DecodingError.dataCorrupted` naming the violation otherwise).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bits = try container.decode(Int.self, forKey: .mantissaBits)
        let interval = try container.decode(Int.self, forKey: .promotionInterval)
        if let problem = Self.problem(mantissaBits: bits, promotionInterval: interval) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        self.init(mantissaBits: bits, promotionInterval: interval)
    }
}
