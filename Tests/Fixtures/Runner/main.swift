import FixtureLessons
import MantissaCLI

// The same command line as `mantissa`, linked with the fixture lessons of the error tests.
await MantissaMain.run(BookBinary(lessons: LessonRegistry.lessons, lessonsDirectory: "Tests/Fixtures/Lessons"))
