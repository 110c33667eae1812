// A small book of lessons that always succeed, for the result-cache tests; the
// LessonCompiler plugin turns each `.md` file beside this one into Swift.
