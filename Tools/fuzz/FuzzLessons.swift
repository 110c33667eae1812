// A libFuzzer target over the lesson parser, the prose renderer and the cells' Swift
// highlighter; built and run by `Tools/fuzz/run.sh`, never by the package. A thrown
// `BookError` is a correct answer to a bad lesson; a trap, a hang or an AddressSanitizer
// report is a bug.
import Notebook

/// Front matter that makes any Markdown a valid lesson, so the prose renderer sees
/// inputs the parser would otherwise reject for having none.
private let frontMatter = "---\ntitle: T\nsummary: S\n---\n"

/// One input, read as a lesson file is: bytes decoded as UTF-8, invalid sequences replaced.
/// Parsed as a whole lesson, then as the prose of one, and each parsed lesson rendered; the
/// input is also highlighted as Swift, as is every cell of a lesson that parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for lesson in [text, frontMatter + "\n" + text] {
        if let document = try? LessonParser.parse(lesson, path: "Lessons/01-fuzz.md") {
            _ = document.proseHTML()
            for cell in document.cells { _ = SwiftHighlighter.html(cell.code) }
        }
    }
    _ = SwiftHighlighter.html(text)
    return 0
}
