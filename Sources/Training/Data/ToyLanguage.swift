import Precision

/// A character-level toy language: sentences such as "the lazy dog chases a cat." from a
/// small hand-written probabilistic grammar, one token per character.
///
/// The text is a stream of sentences separated by single spaces. The grammar has
/// determiners, adjectives, nouns, verbs that agree with a singular subject ("sees" after a
/// subject, "see" after "does"), questions, conjunctions, and a relative clause ("the cat
/// that sees a dog sleeps.") as its one recursion. A model must learn spelling, word order
/// and punctuation; its loss cannot fall to zero, since the grammar's choices are random.
///
/// The vocabulary is every character the grammar can produce, in ascending Unicode order:
/// the space, `,`, `.`, `?`, then lowercase letters.
public struct ToyLanguage: SequenceTask {
    /// The number of characters a model reads per row of a batch.
    public let context: Int

    /// The characters, one per token id, in ascending Unicode order.
    public var vocabulary: [String] {
        ToyGrammar.characters.map { String(UnicodeScalar($0)) }
    }

    /// The number of distinct characters.
    public var vocabularySize: Int { ToyGrammar.characters.count }

    /// The largest offset, plus one, at which a batch's stream is cut: about a sentence's
    /// length, so the first row does not always start at the beginning of a sentence.
    public static let startOffsets = 48

    /// A task whose batches hold `context` characters per row.
    ///
    /// - Precondition: `context >= 1`.
    public init(context: Int) {
        precondition(context >= 1, "a context of \(context) characters holds nothing to predict")
        self.context = context
    }

    /// `size` rows of `context` characters, all positions scored.
    ///
    /// One stream of sentences is drawn and cut, from an offset drawn below
    /// ``startOffsets``, into `size` consecutive windows of `context + 1` characters that
    /// overlap by one: row `r` reads the window's first `context` characters and predicts
    /// its last `context`, so `targets[i]` is the character after `inputs[i]`, and row
    /// `r`'s last target is row `r + 1`'s first input.
    ///
    /// - Precondition: `size >= 0`.
    public func batch(size: Int, using generator: inout SplitMix64) -> TokenBatch {
        precondition(size >= 0, "negative batch size \(size)")
        let offset = generator.draw(below: Self.startOffsets)
        let stream = tokens(count: offset + size * context + 1, using: &generator)
        var inputs: [Int] = [], targets: [Int] = []
        inputs.reserveCapacity(size * context)
        targets.reserveCapacity(size * context)
        for row in 0..<size {
            let start = offset + row * context
            inputs += stream[start ..< start + context]
            targets += stream[start + 1 ... start + context]
        }
        return TokenBatch(batchSize: size, length: context, inputs: inputs, targets: targets)
    }

    /// The first `characters` characters of a stream of sentences: for showing samples.
    ///
    /// The stream starts at the beginning of a sentence and is cut wherever the count
    /// ends. From the same generator state, a shorter text is a prefix of a longer one.
    public func text(characters: Int, using generator: inout SplitMix64) -> String {
        decode(tokens(count: characters, using: &generator))
    }

    /// The characters of `ids`, concatenated.
    ///
    /// - Precondition: every id is in `0 ..< vocabularySize` (decode a batch's targets
    ///   only where they are not ``TokenBatch/ignored``).
    public func decode(_ ids: [Int]) -> String {
        let characters = ToyGrammar.characters
        return String(decoding: ids.map { id in
            precondition(characters.indices.contains(id), "\(id) is not a character id")
            return characters[id]
        }, as: UTF8.self)
    }

    /// The token ids of `text`, for prompting a model with text of one's own.
    ///
    /// - Precondition: every character of `text` is in ``vocabulary``.
    public func encode(_ text: String) -> [Int] {
        text.utf8.map { byte in
            guard let id = Self.ids[Int(byte)] else {
                preconditionFailure("\(UnicodeScalar(byte)) is not in the toy language's vocabulary")
            }
            return id
        }
    }

    /// The first `count` token ids of a fresh stream of sentences.
    private func tokens(count: Int, using generator: inout SplitMix64) -> [Int] {
        precondition(count >= 0, "negative character count \(count)")
        var text: [UInt8] = []
        text.reserveCapacity(count + 64)
        while text.count < count {
            ToyGrammar.appendSentence(to: &text, using: &generator)
        }
        return text.prefix(count).map { Self.ids[Int($0)]! }
    }

    /// The token id of each byte value, `nil` for bytes the grammar never produces.
    private static let ids: [Int?] = {
        var ids = [Int?](repeating: nil, count: 256)
        for (id, byte) in ToyGrammar.characters.enumerated() { ids[Int(byte)] = id }
        return ids
    }()
}
