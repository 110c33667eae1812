import Mustache

/// The book in one language: its templates (their words translated), where its pages go,
/// and, for a translation, the translator of its prose.
struct Edition {
    /// The language the lessons are written in.
    static let source = "en"

    /// Each language's name in that language, for the link to its edition; a language
    /// not listed here is shown by its code.
    static let names = ["en": "English", "ko": "한국어"]

    /// A language code: `en`, `ko`.
    let language: String
    /// Every language of the book, the source's first.
    let languages: [String]
    let library: MustacheLibrary
    var translator: Translator? = nil
    /// What the runs wrote, in this edition's words.
    var words = RunWords()

    /// The folder of its pages in the site: empty for the source language, `ko/` for Korean.
    var folder: String { Self.folder(language) }
    /// The way from one of its pages to the site's root, for the shared assets.
    var root: String { folder.isEmpty ? "" : "../" }

    static func folder(_ language: String) -> String { language == source ? "" : language + "/" }

    /// What every page of the edition tells its templates: its language, the way to the
    /// shared assets, and the same page in every other edition.
    func data(page: String) -> [String: Any] {
        let others = languages.filter { $0 != language }.map { other -> [String: Any] in
            ["lang": other, "name": Self.names[other] ?? other, "href": root + Self.folder(other) + page]
        }
        var data: [String: Any] = ["lang": language, "root": root]
        if !others.isEmpty { data["editions"] = others }
        return data
    }

    func render(_ template: String, _ data: [String: Any]) throws -> String {
        guard let html = library.render(data, withTemplate: template) else {
            throw TemplateError(file: template + ".mustache", message: "could not be rendered")
        }
        return html
    }
}
