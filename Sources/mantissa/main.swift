import Lessons
import MantissaCLI

await MantissaMain.run(BookBinary(lessons: LessonRegistry.lessons, lessonsDirectory: "Lessons"))
