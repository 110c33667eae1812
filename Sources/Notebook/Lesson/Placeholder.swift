/// A span the preprocessor took out of the text before cmark parsed it, as it stands in
/// the parsed text: an opening character, the span's index, and `Preprocessed.close`.
/// The index points into the lesson's `math`, `citations` or `definitions`.
enum Placeholder: Equatable {
    case math(Int, display: Bool)
    case citation(Int)
    case definition(Int)

    /// A run of text, or a placeholder, in the order they stand in.
    enum Piece: Equatable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// The characters that stand for this span in the text cmark sees.
    var characters: String {
        let open = switch self {
        case .math(_, let display): display ? Preprocessed.displayOpen : Preprocessed.inlineOpen
        case .citation: Preprocessed.citationOpen
        case .definition: Preprocessed.definitionOpen
        }
        return String(open) + String(index) + String(Preprocessed.close)
    }

    var index: Int {
        switch self {
        case .math(let n, _), .citation(let n), .definition(let n): n
        }
    }

    /// Splits `text` into runs of text and placeholders. The marks that keep the lines
    /// of multi-line math (`Preprocessed.continuation`) are dropped; an opening character
    /// without an index and a closing one is kept as text.
    static func pieces(of text: some StringProtocol) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(text)
        var run = ""
        while let first = rest.first {
            rest = rest.dropFirst()
            if first == Preprocessed.continuation { continue }
            guard let kind = opening(first), let close = rest.firstIndex(of: Preprocessed.close),
                  let index = Int(rest[..<close]) else {
                run.append(first)
                continue
            }
            if !run.isEmpty { result.append(.text(run)); run = "" }
            result.append(.placeholder(kind(index)))
            rest = rest[rest.index(after: close)...]
        }
        if !run.isEmpty { result.append(.text(run)) }
        return result
    }

    /// `text` with each placeholder replaced by what `replacement` gives for it; one it
    /// gives nothing for stays as it is.
    static func replacing(in text: some StringProtocol, with replacement: (Placeholder) -> String?) -> String {
        pieces(of: text).map { piece in
            switch piece {
            case .text(let text): text
            case .placeholder(let placeholder): replacement(placeholder) ?? placeholder.characters
            }
        }.joined()
    }

    /// The kind of placeholder `character` opens, as a function of its index.
    private static func opening(_ character: Character) -> ((Int) -> Placeholder)? {
        switch character {
        case Preprocessed.inlineOpen: { .math($0, display: false) }
        case Preprocessed.displayOpen: { .math($0, display: true) }
        case Preprocessed.citationOpen: { .citation($0) }
        case Preprocessed.definitionOpen: { .definition($0) }
        default: nil
        }
    }
}
