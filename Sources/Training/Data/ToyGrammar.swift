import Precision

/// The hand-written probabilistic context-free grammar behind ``ToyLanguage``.
///
/// Singular present tense only, lowercase, with a relative clause ("that ...") as its one
/// recursion. A noun phrase holds a relative clause with probability 1/5 and a verb phrase
/// a noun phrase with probability 3/5, so each noun phrase expects 0.12 nested ones and
/// every sentence is finite.
enum ToyGrammar {
    /// A symbol of the grammar: a category to expand (a phrase or a kind of word), or a
    /// literal word or punctuation mark, written as a string literal.
    enum Symbol: Hashable, ExpressibleByStringLiteral {
        case sentence, clause, nounPhrase, nominal, verbPhrase
        case determiner, adjective, noun, transitiveVerb, baseVerb, intransitiveVerb
        case word(String)

        init(stringLiteral value: String) { self = .word(value) }
    }

    /// One alternative for a category, chosen with probability `weight / total weight`.
    struct Production {
        var weight: Int
        var symbols: [Symbol]
    }

    /// The marks written straight after the previous word, without a space.
    static let punctuation: Set<String> = [",", ".", "?"]

    /// The rules, by category.
    static let rules: [Symbol: [Production]] = [
        .sentence: [
            rule(6, .clause, "."),
            rule(1, .clause, ",", "and", .clause, "."),
            rule(1, .clause, ",", "but", .clause, "."),
            rule(2, "does", .nounPhrase, .baseVerb, .nounPhrase, "?"),
        ],
        .clause: [rule(1, .nounPhrase, .verbPhrase)],
        .nounPhrase: [
            rule(4, .determiner, .nominal),
            rule(1, .determiner, .nominal, "that", .verbPhrase),
        ],
        .nominal: [rule(3, .noun), rule(1, .adjective, .nominal)],
        .verbPhrase: [rule(3, .transitiveVerb, .nounPhrase), rule(2, .intransitiveVerb)],
        .determiner: [rule(3, "the"), rule(2, "a")],
        .adjective: words("big", "small", "red", "lazy"),
        .noun: words("cat", "dog", "bird", "fish", "fox"),
        .transitiveVerb: words("sees", "likes", "eats", "chases"),
        .baseVerb: words("see", "like", "eat", "chase"),
        .intransitiveVerb: words("sleeps", "runs", "sings"),
    ]

    /// Every character a sentence stream can hold (the words' letters, the punctuation
    /// and the space), in ascending byte order. All are ASCII.
    static let characters: [UInt8] = {
        var bytes: Set<UInt8> = [UInt8(ascii: " ")]
        for productions in rules.values {
            for production in productions {
                for case .word(let word) in production.symbols { bytes.formUnion(word.utf8) }
            }
        }
        return bytes.sorted()
    }()

    /// Appends one sentence to `text` as ASCII bytes, after a space unless `text` is empty.
    ///
    /// Expands the leftmost category first, so the draws come in reading order.
    static func appendSentence(to text: inout [UInt8], using generator: inout SplitMix64) {
        var pending: [Symbol] = [.sentence]  // a stack: the next symbol is the last
        while let symbol = pending.popLast() {
            if case .word(let word) = symbol {
                if !punctuation.contains(word), !text.isEmpty { text.append(UInt8(ascii: " ")) }
                text.append(contentsOf: word.utf8)
            } else {
                let productions = rules[symbol]!
                let chosen = productions[generator.draw(weights: productions.map(\.weight))]
                pending.append(contentsOf: chosen.symbols.reversed())
            }
        }
    }

    private static func rule(_ weight: Int, _ symbols: Symbol...) -> Production {
        Production(weight: weight, symbols: symbols)
    }

    private static func words(_ words: String...) -> [Production] {
        words.map { Production(weight: 1, symbols: [.word($0)]) }
    }
}

