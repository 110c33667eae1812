/// The words and sentences of prose, as the number check needs them.
extension Prose {
    /// Characters that join the two word characters on either side of them into one word:
    /// `0.95`, `10,000`, `1e-8`, `GPT-3`, `5's`, `1/3`, `3:1`, `3×3`.
    static let joiners: Set<Character> = [".", ",", "-", "'", "’", "/", ":", "×"]

    /// Letters, digits (any script's, subscripts and superscripts too) and `_`.
    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    /// The words, in order: runs of word characters and the joiners between them.
    func words() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i < characters.count {
            guard Self.isWordCharacter(characters[i]) else { i += 1; continue }
            var end = i + 1
            while end < characters.count {
                if Self.isWordCharacter(characters[end]) {
                    end += 1
                } else if Self.joiners.contains(characters[end]), end + 1 < characters.count,
                          Self.isWordCharacter(characters[end + 1]) {
                    end += 2
                } else {
                    break
                }
            }
            result.append(i..<end)
            i = end
        }
        return result
    }

    /// Words before a full stop that does not end a sentence: "e.g.", "et al.", …
    static let abbreviations: Set<String> = ["e.g", "i.e", "al", "cf", "vs"]

    /// The sentences, in order, covering every character. A sentence ends after a typed
    /// `.`, `!` or `?` (and any closing quote or parenthesis) followed by white space and
    /// then a capital letter, a digit, or code or math; a full stop after "e.g", "i.e",
    /// "et al", "cf" or "vs" ends none.
    func sentences() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in characters.indices where ".!?".contains(characters[i]) && roles[i] == .typed {
            guard let next = sentenceStart(after: i), !isAbbreviation(endingAt: i) else { continue }
            result.append(start..<next)
            start = next
        }
        if start < characters.count || result.isEmpty { result.append(start..<characters.count) }
        return result
    }

    /// Where the next sentence starts if the mark at `mark` ends one.
    private func sentenceStart(after mark: Int) -> Int? {
        var i = mark + 1
        while i < characters.count, ")\"”’".contains(characters[i]) { i += 1 }
        guard i < characters.count, characters[i].isWhitespace else { return nil }
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        guard i < characters.count else { return nil }
        let c = characters[i]
        return c.isUppercase || c.isNumber || roles[i] == .given ? i : nil
    }

    private func isAbbreviation(endingAt mark: Int) -> Bool {
        guard characters[mark] == "." else { return false }
        var start = mark
        while start > 0, characters[start - 1].isLetter || characters[start - 1] == "." { start -= 1 }
        return Self.abbreviations.contains(String(characters[start..<mark]).lowercased())
    }
}
