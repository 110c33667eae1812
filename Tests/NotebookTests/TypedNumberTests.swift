import Notebook
import Testing

/// Numbers typed into prose (`TypedNumber`): what counts as a number, what needs no source,
/// and where each is reported.
@Suite("Typed numbers")
struct TypedNumberTests {
    /// The numbers `TypedNumber.find` reports in a one-paragraph lesson of `prose`.
    static func numbers(in prose: String) throws -> [String] {
        let lesson = try LessonParser.parse(Fixture.frontMatter + "\n" + prose + "\n", path: "Lessons/01-lesson.md")
        return TypedNumber.find(in: lesson).map(\.number)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let prose: String
        let numbers: [String]
        var testDescription: String { name }
    }

    static let exempt: [Case] = [
        Case(name: "an inline value", prose: "The sum is `{swift} 6 * 7`.", numbers: []),
        Case(name: "a code span", prose: "Write `let x = 5`.", numbers: []),
        Case(name: "inline math", prose: "So $x_1 = 2^{10}$ holds.", numbers: []),
        Case(name: "display math", prose: "$$\ny = 3\n$$", numbers: []),
        Case(name: "a link's destination and title", prose: "A [link](05-clip.html \"title 6\").", numbers: []),
        Case(name: "an image's source", prose: "![a figure](figure-7.svg)", numbers: []),
        Case(name: "a citation's sentence, before it", prose: "PyTorch waits 2000 steps [@amp].", numbers: []),
        Case(name: "a citation's sentence, after it", prose: "Its default [@amp] is 65536.", numbers: []),
        Case(name: "a sentence linking to a web page", prose: "The [documentation](https://pytorch.org/amp) says 65536.", numbers: []),
        Case(name: "the text of a link to a web page", prose: "[PyTorch 2.6](https://pytorch.org/)", numbers: []),
        Case(name: "\"e.g.\" does not end the cited sentence", prose: "FP16 ends at 65504, as e.g. PyTorch says [@amp].", numbers: []),
        Case(name: "a definition", prose: "A learning rate of {=0.003}, {=β = (0.9, 0.95)} and a {=16}-bit format.", numbers: []),
        Case(name: "a heading", prose: "## Chapter 1, with 3 numbers in a heading", numbers: []),
        Case(name: "a code block", prose: "```text\nplain code 8\n```", numbers: []),
        Case(name: "a Swift cell", prose: "```swift\nlet y = 12\n```", numbers: []),
        Case(name: "an HTML block", prose: "<div data-width=\"9\">raw HTML 10</div>", numbers: []),
        Case(name: "inline HTML", prose: "A <span title=\"11\">span</span>.", numbers: []),
        Case(name: "chapter references", prose: "See chapter 5, chapters 5 and 6, chapter 5's table, Chapters 3, 4 or 7.", numbers: []),
        Case(name: "figure and table references", prose: "Figure 2, TABLE 1, tables 1–3, figures 2 to 4.", numbers: []),
    ]

    @Test("exempt forms", arguments: exempt)
    func exemptForm(_ c: Case) throws {
        #expect(try Self.numbers(in: c.prose) == c.numbers)
    }

    static let words: [Case] = [
        Case(name: "digits in names", prose: "FP16, E4M3, E5M2FN, GPT-3, β₂, x², x_1, v1.2, CS231n and BF16/FP32.", numbers: []),
        Case(name: "a name then a number", prose: "GPT-3 has 175 billion parameters.", numbers: ["175"]),
        Case(name: "a version", prose: "PyTorch 2.6 and IEEE 754.", numbers: ["2.6", "754"]),
        Case(name: "joined forms are one number", prose: "10,000 and 1e-8 and 0.95, 1/3 and 3:1.", numbers: ["10,000", "1e-8", "0.95", "1/3", "3:1"]),
        Case(name: "a sign or point before a number", prose: "Take −2.5, -1, .5 and +3.", numbers: ["−2.5", "-1", ".5", "+3"]),
        Case(name: "numbers that start words", prose: "An 8-bit format, the 99th percentile, 5x faster.", numbers: ["8-bit", "99th", "5x"]),
        Case(name: "numbers in words", prose: "Two steps, then ten.", numbers: []),
        Case(name: "a reference ends at another word", prose: "In chapter 5 and step 6.", numbers: ["6"]),
        Case(name: "a reference ends at a full stop", prose: "See chapter 5. 6 steps follow.", numbers: ["6"]),
        Case(name: "a citation covers its own sentence only", prose: "PyTorch waits 2000 [@amp]. We wait 50.", numbers: ["50"]),
        Case(name: "a link to a chapter is no citation", prose: "The [step 300](05-clip.html) run.", numbers: ["300"]),
        Case(name: "emphasis is prose", prose: "It is *10* and **20**.", numbers: ["10", "20"]),
        Case(name: "an image's alt text is prose", prose: "![15 bars](bars.svg)", numbers: ["15"]),
        Case(name: "an escaped brace is no definition", prose: #"A brace: \{=14}."#, numbers: ["14"]),
        Case(name: "an unclosed brace is no definition", prose: "A brace {=5 left open.", numbers: ["5"]),
    ]

    @Test("numbers and names", arguments: words)
    func word(_ c: Case) throws {
        #expect(try Self.numbers(in: c.prose) == c.numbers)
    }

    @Test("a page of exempt forms has no typed number")
    func exemptBook() throws {
        let book = try Fixture.book("typed-numbers")
        let lesson = try #require(book.lessons.first { $0.id == "01-exempt" })
        #expect(TypedNumber.find(in: lesson).map(\.description) == [])
    }

    @Test("each typed number is reported at its line, in order, front matter included")
    func located() throws {
        let found = TypedNumber.find(in: try Fixture.book("typed-numbers"))
        let expected: [(Int, String)] = [
            (2, "2024"), (3, "42"), (8, "3.5"), (8, "-2"), (9, "1e-8"), (9, "10,000"), (11, "50"), (11, "754"),
            (12, "300"), (12, "7"), (15, "8"), (18, "9"), (22, "11"), (24, "12"), (26, "13"), (28, "14"), (28, "15"),
        ]
        #expect(found.map(\.file) == Array(repeating: "typed-numbers/02-typed.md", count: expected.count))
        #expect(found.map { "\($0.line) \($0.number)" } == expected.map { "\($0) \($1)" })
    }

    @Test("a finding names file and line, quotes the prose around the number, and says what to do")
    func message() throws {
        let found = TypedNumber.find(in: try Fixture.book("typed-numbers"))
        #expect(found.first { $0.line == 3 }?.description
            == "typed-numbers/02-typed.md:3: a number typed in prose: \"A summary that says 42.\" — "
            + "compute it with {swift} …, cite its source, or mark a definition with {=…}")
        let cut = try #require(found.first { $0.number == "50" })
        #expect(cut.context == "…2000 steps [@amp]. We wait 50 steps, as IEEE 754 says. The…")
    }
}
