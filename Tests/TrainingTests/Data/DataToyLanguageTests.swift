import Precision
import Testing
import Training

/// The character-level toy language.
@Suite("Data: toy language")
struct DataToyLanguageTests {
    @Test("targets are the inputs shifted by one, across rows too", arguments: [1, 5, 64])
    func nextCharacterTargets(context: Int) {
        let language = ToyLanguage(context: context)
        var generator = SplitMix64(seed: 11)
        let batch = language.batch(size: 9, using: &generator)
        #expect(batch.length == context)
        #expect(batch.scoredCount == 9 * context)
        for row in 0..<batch.batchSize {
            let inputs = Array(batch.inputs(row: row)), targets = Array(batch.targets(row: row))
            #expect(Array(targets.dropLast()) == Array(inputs.dropFirst()), "row \(row)")
            if row + 1 < batch.batchSize {
                #expect(targets.last == batch.inputs(row: row + 1).first, "rows \(row), \(row + 1)")
            }
        }
    }

    @Test("the vocabulary is small, sorted, one character per id, space and full stop included")
    func vocabulary() {
        let vocabulary = ToyLanguage(context: 8).vocabulary
        #expect((20...30).contains(vocabulary.count))
        #expect(vocabulary.allSatisfy { $0.count == 1 })
        #expect(zip(vocabulary, vocabulary.dropFirst()).allSatisfy { $0 < $1 })
        #expect(vocabulary.first == " ")
        #expect(vocabulary.contains("."))
    }

    @Test("encoding spells the text in the vocabulary; decoding inverts it")
    func encodeDecode() {
        let language = ToyLanguage(context: 8)
        let text = "the lazy fox that sees a cat sleeps. does a dog like the red bird?"
        let ids = language.encode(text)
        #expect(ids.map { language.vocabulary[$0] }.joined() == text)
        #expect(language.decode(ids) == text)
    }

    @Test("text has exactly the characters asked for, and a shorter text is a prefix")
    func textPrefix() {
        let language = ToyLanguage(context: 8)
        var short = SplitMix64(seed: 5), long = SplitMix64(seed: 5)
        let a = language.text(characters: 57, using: &short)
        let b = language.text(characters: 400, using: &long)
        #expect(a.count == 57 && b.count == 400)
        #expect(b.hasPrefix(a))
        #expect(language.text(characters: 0, using: &short).isEmpty)
    }

    @Test("sentences start with a determiner or 'does', and exactly the 'does' ones are questions")
    func sentenceShape() {
        let language = ToyLanguage(context: 8)
        var generator = SplitMix64(seed: 8)
        let text = language.text(characters: 20_000, using: &generator)
        var sentences = 0, questions = 0
        var sentence: [Substring] = []
        for word in text.split(separator: " ") {
            sentence.append(word)
            guard let last = word.last, last == "." || last == "?" else { continue }
            #expect(["the", "a", "does"].contains(sentence[0]), "\(sentence)")
            #expect((sentence[0] == "does") == (last == "?"), "\(sentence)")
            for (word, next) in zip(sentence, sentence.dropFirst()) where word.hasSuffix(",") {
                #expect(next == "and" || next == "but", "\(sentence)")
            }
            sentences += 1
            questions += last == "?" ? 1 : 0
            sentence = []
        }
        #expect(sentences > 100 && questions > 10, "\(sentences) sentences, \(questions) questions")
    }

    @Test("every word is one of the grammar's, with at most one punctuation mark after it")
    func words() {
        let lexicon: Set<Substring> = [
            "the", "a", "big", "small", "red", "lazy", "cat", "dog", "bird", "fish", "fox",
            "sees", "likes", "eats", "chases", "see", "like", "eat", "chase", "sleeps", "runs",
            "sings", "does", "that", "and", "but",
        ]
        var generator = SplitMix64(seed: 13)
        let text = ToyLanguage(context: 8).text(characters: 5_000, using: &generator)
        for word in text.split(separator: " ").dropLast() {
            let bare = word.last.map { ",.?".contains($0) } == true ? word.dropLast() : word
            #expect(lexicon.contains(bare), "\(word)")
        }
    }
}
