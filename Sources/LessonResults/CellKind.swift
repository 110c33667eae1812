/// How a lesson's Swift cell is treated, from its fence's info string: the one vocabulary
/// the parser, the code generator, the runtime and the renderer share.
public enum CellKind: String, CaseIterable, Codable, Sendable {
    /// ` ```swift `: shown, run, output shown.
    case run
    /// ` ```swift hide `: run, output shown, code hidden.
    case hide
    /// ` ```swift norun `: shown and compiled, never run.
    case norun
    /// ` ```swift fails `: must throw or trap; the failure is its output.
    case fails
    /// ` ```swift file `: declarations shared by the whole lesson.
    case file
}
