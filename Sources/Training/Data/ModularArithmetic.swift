import Precision

/// Modular arithmetic facts `a ∘ b = c (mod p)`, one token per number: the task of the
/// "grokking" experiments (Power et al., 2022).
///
/// Numbers `0 ..< p` are token ids `0 ..< p`; the operator is id `p` and `=` is id `p + 1`.
/// A row reads `a ∘ b =` (four positions) and only its last position, which predicts
/// `c`, is scored; the other three targets are ``TokenBatch/ignored``.
public struct ModularArithmetic: SequenceTask {
    /// The binary operation, modulo ``ModularArithmetic/modulus``.
    public enum Operation: Hashable, Sendable {
        /// `(a + b) mod p`.
        case addition
        /// `(a × b) mod p`.
        case multiplication
        /// `(a − b) mod p`, in `0 ..< p` (never negative).
        case subtraction

        /// How the operator token is shown: `+`, `*` or `-`.
        public var symbol: String {
            switch self {
            case .addition: "+"
            case .multiplication: "*"
            case .subtraction: "-"
            }
        }
    }

    /// The modulus `p`.
    public let modulus: Int
    /// The operation.
    public let operation: Operation

    /// A task over the integers modulo `modulus` (for grokking, typically a prime such as 97).
    ///
    /// - Precondition: `modulus >= 2`.
    public init(modulus p: Int, operation: Operation) {
        precondition(p >= 2, "a modulus below 2 has nothing to learn, not \(p)")
        modulus = p
        self.operation = operation
    }

    /// The token id of the operator, `p`.
    public var operatorToken: Int { modulus }
    /// The token id of `=`, `p + 1`.
    public var equalsToken: Int { modulus + 1 }
    /// The number of positions in a row: `a`, the operator, `b`, `=`.
    public var length: Int { 4 }

    /// The numbers `0` … `p − 1`, then the operator's symbol and `=`.
    public var vocabulary: [String] {
        (0..<modulus).map(String.init) + [operation.symbol, "="]
    }

    /// `p + 2`: the numbers, the operator and `=`.
    public var vocabularySize: Int { modulus + 2 }

    /// `a ∘ b mod p`.
    ///
    /// - Precondition: `a` and `b` are in `0 ..< p`. The product is formed in 128 bits, so
    ///   any modulus up to `Int.max` is exact.
    public func result(_ a: Int, _ b: Int) -> Int {
        precondition((0..<modulus).contains(a) && (0..<modulus).contains(b),
                     "operands \(a), \(b) outside 0..<\(modulus)")
        switch operation {
        case .addition: return a >= modulus - b ? a - (modulus - b) : a + b
        case .subtraction: return a >= b ? a - b : a + (modulus - b)
        case .multiplication: return modulus.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder
        }
    }

    /// `size` facts with `a` and `b` drawn uniformly (with replacement), `a` first.
    ///
    /// - Precondition: `size >= 0`.
    public func batch(size: Int, using generator: inout SplitMix64) -> TokenBatch {
        precondition(size >= 0, "negative batch size \(size)")
        let pairs = (0..<size).map { _ in
            let a = generator.draw(below: modulus)
            return (a, generator.draw(below: modulus))
        }
        return batch(pairs: pairs)
    }

    /// All `p²` facts, `a` major: row `a × p + b` is `a ∘ b =`. For measuring accuracy over
    /// the whole table, or for splitting it into training and held-out facts.
    public var everyFact: TokenBatch {
        batch(pairs: (0..<modulus).flatMap { a in (0..<modulus).map { b in (a, b) } })
    }

    private func batch(pairs: [(Int, Int)]) -> TokenBatch {
        var inputs: [Int] = [], targets: [Int] = []
        inputs.reserveCapacity(pairs.count * length)
        targets.reserveCapacity(pairs.count * length)
        for (a, b) in pairs {
            inputs += [a, operatorToken, b, equalsToken]
            targets += [TokenBatch.ignored, TokenBatch.ignored, TokenBatch.ignored, result(a, b)]
        }
        return TokenBatch(batchSize: pairs.count, length: length, inputs: inputs, targets: targets)
    }
}
