/// A batch of token sequences for next-token prediction, row-major `[batchSize, length]`.
///
/// Row `r`'s inputs are `inputs[r * length ..< (r + 1) * length]`; the target at each
/// position is the token the model should predict after reading the inputs up to and
/// including that position. A position the loss must skip holds ``ignored`` as its
/// target, as PyTorch's `cross_entropy(ignore_index=-100)` expects; the mean loss is then
/// taken over the ``scoredCount`` other positions.
public struct TokenBatch: Equatable, Sendable {
    /// The number of sequences (rows).
    public var batchSize: Int
    /// The number of positions in each sequence.
    public var length: Int
    /// The token ids read by the model, row-major, `batchSize × length` of them.
    public var inputs: [Int]
    /// The next-token ids to predict, row-major, `batchSize × length` of them;
    /// ``ignored`` where a position is not scored.
    public var targets: [Int]

    /// The target of a position that is not scored: -100, PyTorch's default `ignore_index`.
    public static let ignored = -100

    /// A batch from row-major inputs and targets.
    ///
    /// - Precondition: `batchSize` and `length` are not negative, and `inputs` and
    ///   `targets` each hold `batchSize × length` ids.
    public init(batchSize: Int, length: Int, inputs: [Int], targets: [Int]) {
        precondition(batchSize >= 0 && length >= 0, "negative batch shape \(batchSize) × \(length)")
        precondition(inputs.count == batchSize * length,
                     "\(inputs.count) inputs do not fill \(batchSize) × \(length)")
        precondition(targets.count == batchSize * length,
                     "\(targets.count) targets do not fill \(batchSize) × \(length)")
        self.batchSize = batchSize
        self.length = length
        self.inputs = inputs
        self.targets = targets
    }

    /// The inputs of one row (a slice of ``inputs``, keeping its indices).
    public func inputs(row: Int) -> ArraySlice<Int> {
        inputs[rowRange(row)]
    }

    /// The targets of one row (a slice of ``targets``, keeping its indices).
    public func targets(row: Int) -> ArraySlice<Int> {
        targets[rowRange(row)]
    }

    /// The number of positions whose target is not ``ignored``: the denominator of a
    /// mean cross-entropy over the batch.
    public var scoredCount: Int {
        targets.reduce(0) { $0 + ($1 == Self.ignored ? 0 : 1) }
    }

    private func rowRange(_ row: Int) -> Range<Int> {
        precondition((0..<batchSize).contains(row), "row \(row) outside 0..<\(batchSize)")
        return row * length ..< (row + 1) * length
    }
}
