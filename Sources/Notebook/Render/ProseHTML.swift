extension LessonDocument {
    /// The page's prose as HTML without the page around it: cells left out, inline values
    /// as `?`, headings as bare `<hN id>` elements. For comparing the renderer with
    /// cmark-gfm (`Markdown.referenceHTML`) and for previews.
    public func proseHTML() -> String {
        var renderer = ProseRenderer(lesson: self, inlineValues: [:], partials: .bare)
        return renderer.render(blocks)
    }
}

/// cmark-gfm's own rendering, the reference the prose renderer follows.
public enum Markdown {
    /// cmark-gfm's HTML for `markdown`, with the extensions lessons use (tables,
    /// strikethrough) and raw HTML kept.
    public static func referenceHTML(_ markdown: String) -> String {
        CMark.referenceHTML(markdown)
    }
}
