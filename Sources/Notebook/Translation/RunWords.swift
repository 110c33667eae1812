import Charts
import LessonResults

/// The words a run shows (claims, table headers and worded cells, figure titles and
/// captions) as an edition shows them: the English as written, or the catalog's
/// translation of its template filled with the run's values. A string without a usable
/// translation shows the English, marked like untranslated prose.
final class RunWords {
    let catalog: Catalog?
    let marker: String
    /// Translations whose placeholders do not match their template, at the catalog line.
    private(set) var problems: [LessonError] = []

    init(catalog: Catalog? = nil, marker: String = "") {
        self.catalog = catalog
        self.marker = marker
    }

    /// A figure's label in this edition, as plain text (the chart escapes it), and whether
    /// it is translated.
    func plain(_ label: String) -> (text: String, translated: Bool) {
        let template = LocalizedText(verbatim: label).template
        guard let catalog, RunMessages.isMessage(template) else { return (label, true) }
        guard let entry = catalog.translation(of: template), entry.isUsable,
              let filled = LocalizedText.filling(entry.translation, with: []) else { return (label, false) }
        return (filled, true)
    }

    /// A chart drawn in this edition's words, with `id` as its ids' prefix, and whether
    /// every label of it is translated.
    func svg(_ chart: Figure, id: String) -> (svg: String, translated: Bool) {
        var translated = true
        let relabeled = chart.relabeled { label in
            let (text, done) = plain(label)
            translated = translated && done
            return text
        }
        return (relabeled.svg(idPrefix: id, embedded: true), translated)
    }

    /// `text` as escaped HTML in this edition.
    func html(_ text: LocalizedText) -> String {
        guard let catalog, RunMessages.isMessage(text.template) else { return HTML.escape(text.text) }
        guard let entry = catalog.translation(of: text.template), entry.isUsable else {
            return marker + HTML.escape(text.text) + "</span>"
        }
        guard LocalizedText.placeholders(in: entry.translation) == LocalizedText.placeholders(in: text.template),
              let filled = LocalizedText.filling(entry.translation, with: text.arguments) else {
            problems.append(LessonError(file: catalog.file, line: entry.line, message: "the translation must use the same {N} values as its msgid (\(LocalizedText.placeholders(in: text.template).map { "{\($0)}" }.joined(separator: " "))), and write a literal brace as {{ or }}"))
            return marker + HTML.escape(text.text) + "</span>"
        }
        return HTML.escape(filled)
    }
}

/// The messages a lesson's run produces, in the order the page shows them.
public enum RunMessages {
    public static func messages(of lesson: LessonDocument, result: LessonResult) -> [Message] {
        var found: [Message] = []
        for cell in result.cells {
            for output in cell.outputs {
                for (text, line) in texts(of: output, line: cell.line) where isMessage(text.template) {
                    found.append(Message(text: text.template, file: lesson.path, line: line))
                }
            }
        }
        return found
    }

    /// The translatable strings of one output and the Markdown line to name for each.
    static func texts(of output: Output, line: Int) -> [(LocalizedText, Int)] {
        switch output {
        case .claim(let claim): [(claim.wording ?? LocalizedText(verbatim: claim.text), claim.line)]
        case .table(let table): (table.wordings + table.cellWordings.joined().compactMap { $0 }).map { ($0, line) }
        case .figure(let figure): ([figure.title] + (figure.caption.map { [$0] } ?? []) + (figure.chart?.labels ?? []))
            .map { (LocalizedText(verbatim: $0), line) }
        case .text, .failure: []
        }
    }

    /// Whether a template has words to translate: a letter outside its `{N}` values.
    static func isMessage(_ template: String) -> Bool {
        var inside = false
        for character in template {
            if character == "{" { inside = true } else if character == "}" { inside = false }
            else if !inside, character.isLetter { return true }
        }
        return false
    }
}

extension Table {
    /// The column headers as templates: the recorded ones, or the headers as written.
    var wordings: [LocalizedText] {
        columnWordings.count == columns.count ? columnWordings : columns.map(LocalizedText.init(verbatim:))
    }
}
