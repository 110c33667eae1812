import Notebook
import Testing

/// Loading a folder of lessons: order, names, and reporting every problem.
@Suite("Book")
struct BookTests {
    @Test("lessons are ordered by number, not by file name (9 before 10)")
    func order() throws {
        let book = try Fixture.book("ordering")
        #expect(book.lessons.map(\.id) == ["02-two", "9-nine", "10-ten"])
        #expect(book.lessons.map(\.number) == [2, 9, 10])
        #expect(book.lessons.map(\.path) == ["ordering/02-two.md", "ordering/9-nine.md", "ordering/10-ten.md"])
    }

    @Test("BookIndex orders paths by number")
    func index() throws {
        let ids = try BookIndex.ids(of: ["Lessons/10-ten.md", "Lessons/02-two.md", "Lessons/9-nine.md"])
        #expect(ids == ["02-two", "9-nine", "10-ten"])
    }

    @Test("two lessons with the same number: one error naming both files, at path:1")
    func duplicateNumbers() {
        let problems = Fixture.loadProblems("duplicate-numbers")
        #expect(problems.count == 1, "\(Fixture.describe(problems))")
        guard let problem = problems.first else { return }
        #expect(["duplicate-numbers/01-alpha.md", "duplicate-numbers/01-beta.md"].contains(problem.file), "\(problem)")
        #expect(problem.line == 1)
        #expect(problem.message.contains("duplicate-numbers/01-alpha.md"), "\(problem)")
        #expect(problem.message.contains("duplicate-numbers/01-beta.md"), "\(problem)")
    }

    @Test("a file not named NN-slug.md is an error at path:1")
    func badFileName() {
        let problems = Fixture.loadProblems("bad-name")
        let problem = problems.first { $0.file == "bad-name/intro.md" }
        #expect(problem?.line == 1, "\(Fixture.describe(problems))")
        #expect(problem?.message.contains("NN-slug.md") == true, "\(Fixture.describe(problems))")
    }

    static let badNames = ["intro.md", "01-Intro.md", "01-.md", "01_intro.md", "x1-intro.md", "01-intro_x.md", "-intro.md",
                           "reference/Glossary.md", "reference/01-glossary.md", "reference/index.md",
                           "reference/-glossary.md", "reference/glossary_terms.md"]

    @Test("BookIndex rejects names that are not NN-slug.md, or slug.md in the reference folder", arguments: badNames)
    func badName(_ name: String) {
        let path = "Lessons/" + name
        do {
            let ids = try BookIndex.ids(of: [path])
            Issue.record("\(name) was accepted as \(ids)")
        } catch {
            #expect(error.problems.map(\.file) == [path])
            #expect(error.problems.map(\.line) == [1])
        }
    }

    @Test("every problem of every bad lesson is reported, not just the first")
    func allProblems() {
        let problems = Fixture.loadProblems("broken-lessons")
        let found = problems.map { "\($0.file):\($0.line)" }
        #expect(found == [
            "broken-lessons/01-no-front-matter.md:1",
            "broken-lessons/02-bad-cells.md:6",
            "broken-lessons/02-bad-cells.md:12",
            "broken-lessons/02-bad-cells.md:15",
            "broken-lessons/03-unterminated.md:1",
        ], "\(Fixture.describe(problems))")
        let messages = problems.map(\.message)
        for fragment in ["missing front matter", "'fast'", "@main", "empty inline value", "unterminated front matter"] {
            #expect(messages.contains { $0.contains(fragment) }, "no problem mentions \(fragment):\n\(Fixture.describe(problems))")
        }
    }

    @Test("Markdown under another extension is an error, not silently left out",
          arguments: ["02-upper.MD", "03-long.markdown", "notes.txt"])
    func misnamedLesson(_ name: String) {
        let problems = Fixture.loadProblems("misnamed-files")
        let problem = problems.first { $0.file == "misnamed-files/\(name)" }
        #expect(problem?.message.contains("rename it to end in .md") == true, "\(Fixture.describe(problems))")
    }

    @Test("a lesson that is not UTF-8 is reported at the line of its first bad byte")
    func notUTF8() {
        let problems = Fixture.loadProblems("misnamed-files")
        let problem = problems.first { $0.file == "misnamed-files/04-latin.md" }
        #expect(problem?.line == 6 && problem?.message.hasPrefix("not UTF-8") == true, "\(Fixture.describe(problems))")
        #expect(!problems.contains { $0.file == "misnamed-files/01-fine.md" }, "\(Fixture.describe(problems))")
    }

    @Test("a bad file name does not hide the problems of the other lessons")
    func badNameAndBrokenLesson() {
        let problems = Fixture.loadProblems("bad-name")
        #expect(problems.contains { $0.file == "bad-name/01-broken.md" && $0.line == 1 }, "\(Fixture.describe(problems))")
    }
}
