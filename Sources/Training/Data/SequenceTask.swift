import Precision

/// A synthetic source of token sequences: everything a model needs to learn from it is
/// generated in code from a seeded generator, so a lesson's data is the same on every
/// machine and in every Swift version.
///
/// A task draws its random choices only through ``Precision/SplitMix64/draw(below:)``,
/// whose algorithm is fixed here, never through the standard library's `random(in:)` or
/// `shuffle()`, whose algorithms may change between releases.
public protocol SequenceTask: Sendable {
    /// The display form of each token id: `vocabulary[id]` shows token `id`.
    var vocabulary: [String] { get }
    /// The number of token ids: every input and every scored target is in
    /// `0 ..< vocabularySize`.
    var vocabularySize: Int { get }
    /// A fresh batch of `size` sequences, drawn from `generator`.
    ///
    /// The same generator state always gives the same batch; the generator advances, so
    /// successive calls give new batches.
    func batch(size: Int, using generator: inout SplitMix64) -> TokenBatch
}

extension SequenceTask {
    /// The number of entries in ``vocabulary``.
    public var vocabularySize: Int { vocabulary.count }
}
