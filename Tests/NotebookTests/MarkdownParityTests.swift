import Notebook
import Testing

/// The prose renderer against cmark-gfm's own HTML renderer, on the constructs where
/// they once differed (tight lists holding other blocks, link destinations that need
/// percent-encoding, tables without body rows) and on the GFM extensions lessons may
/// use (strikethrough, autolinks, task lists). cmark-gfm is the oracle.
@Suite("Markdown as cmark-gfm renders it") struct MarkdownParityTests {
    static func ours(_ markdown: String) throws -> String {
        try LessonParser.parse(Fixture.frontMatter + "\n" + markdown, path: "Lessons/01-parity.md").proseHTML()
    }

    @Test("the same HTML as cmark-gfm", arguments: [
        "- one\n- two\n  - nested\n  - list\n- three\n",
        "1. first\n\n   second paragraph\n2. next\n",
        "- a\n\n- b\n  > quoted\n",
        "- item with `code` and *emphasis*\n  ```\n  block\n  ```\n- after\n",
        "[space](a b.html) [korean](기울기.html#절) [slash](a\\b) [kept](a%20b?x=1&y='2'#top)\n",
        "![alt text](plot image.png \"A title\")\n",
        "> a quote\n> - with a list\n",
        "Text with ~~strike~~ and **strong** and a line  \nbreak.\n",
        "A bare https://example.org/a_b?x=1 and www.example.com link.\n",
        "- [ ] open\n- [x] done\n",
    ])
    func sameHTML(_ markdown: String) throws {
        let ours = try Self.ours(markdown), reference = Markdown.referenceHTML(markdown)
        #expect(ours == reference)
    }

    @Test("a table with only a header row has no empty body, as in cmark-gfm")
    func headerOnlyTable() throws {
        let markdown = "| a | b |\n|---|:-:|\n"
        let reference = Markdown.referenceHTML(markdown)
        #expect(!reference.contains("<tbody>"), "cmark-gfm writes no body: \(reference)")
        let ours = try Self.ours(markdown)
        #expect(!ours.contains("<tbody>"), "\(ours)")
        #expect(ours.contains("<th>a</th><th style=\"text-align: center\">b</th>"), "\(ours)")
    }
}
