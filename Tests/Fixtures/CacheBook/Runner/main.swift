import CacheBookLessons
import MantissaCLI

// The same command line as `mantissa`, linked with the cache tests' small book.
await MantissaMain.run(BookBinary(lessons: LessonRegistry.lessons, lessonsDirectory: "Tests/Fixtures/CacheBook/Lessons"))
