import Precision

/// Copy or reverse a random string: `x₁ … xₙ | y₁ … yₙ`, where `y` is `x` (``Mode/copy``)
/// or `x` backwards (``Mode/reverse``).
///
/// The `n` symbols are drawn uniformly and independently from an alphabet of `alphabet`
/// tokens, ids `0 ..< alphabet`; the separator `|` is id `alphabet`. A row has
/// `2n` positions: the inputs are the whole sequence but its last token, and only the `n`
/// positions that predict `y₁ … yₙ` are scored (from the separator to `yₙ₋₁`); the
/// random `x`s cannot be predicted, so their targets are ``TokenBatch/ignored``.
///
/// Reversal is the classic harder case for recurrent models: the first symbol seen is the
/// last one needed.
public struct CopyTask: SequenceTask {
    /// What the second half of a sequence is.
    public enum Mode: Hashable, Sendable {
        /// The symbols again, in the same order.
        case copy
        /// The symbols in reverse order.
        case reverse
    }

    /// The number of random symbols `n` before the separator.
    public let symbols: Int
    /// The number of distinct symbols.
    public let alphabet: Int
    /// Copy or reverse.
    public let mode: Mode

    /// A task of `symbols` random symbols from `alphabet` distinct ones.
    ///
    /// - Precondition: `symbols >= 1` and `alphabet >= 1`.
    public init(symbols: Int, alphabet: Int, mode: Mode) {
        precondition(symbols >= 1, "a copy task needs at least one symbol, not \(symbols)")
        precondition(alphabet >= 1, "a copy task needs a nonempty alphabet, not \(alphabet)")
        self.symbols = symbols
        self.alphabet = alphabet
        self.mode = mode
    }

    /// The token id of the separator, `alphabet`.
    public var separator: Int { alphabet }

    /// The number of positions in a row, `2 × symbols`.
    public var length: Int { 2 * symbols }

    /// Symbols as `a`, `b`, … when the alphabet has at most 26, else as `0`, `1`, …;
    /// then the separator, `|`.
    public var vocabulary: [String] {
        let names = alphabet <= 26
            ? (0..<alphabet).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
            : (0..<alphabet).map(String.init)
        return names + ["|"]
    }

    /// `alphabet + 1`: the symbols and the separator.
    public var vocabularySize: Int { alphabet + 1 }

    /// `size` rows, each a fresh random string, its separator, and its copy or reversal.
    ///
    /// The symbols are drawn row by row, left to right, one ``Precision/SplitMix64/draw(below:)``
    /// each.
    ///
    /// - Precondition: `size >= 0`.
    public func batch(size: Int, using generator: inout SplitMix64) -> TokenBatch {
        precondition(size >= 0, "negative batch size \(size)")
        var inputs: [Int] = [], targets: [Int] = []
        inputs.reserveCapacity(size * length)
        targets.reserveCapacity(size * length)
        for _ in 0..<size {
            let x = (0..<symbols).map { _ in generator.draw(below: alphabet) }
            let y = mode == .copy ? x : x.reversed()
            let sequence = x + [separator] + y
            inputs += sequence.dropLast()
            targets += repeatElement(TokenBatch.ignored, count: symbols)  // x₂ … xₙ, |
            targets += y
        }
        return TokenBatch(batchSize: size, length: length, inputs: inputs, targets: targets)
    }
}
