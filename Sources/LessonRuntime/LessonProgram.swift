import LessonResults

/// A compiled lesson. `LessonCodegen` generates one conforming class per `.md` file;
/// nothing else should conform.
public protocol LessonProgram: AnyObject, SendableMetatype {
    /// The file name without `.md`: `01-numbers`.
    static var id: String { get }
    /// The Markdown file, relative to the package root.
    static var path: String { get }
    /// The hash of the code this class was generated from.
    static var codeHash: String { get }
    /// The lesson's Swift cells, in order.
    static var cells: [CellInfo] { get }
    /// A new instance, ready to run.
    init()
    /// Runs every cell in order, reporting to `lesson`.
    func run(_ lesson: LessonRun) throws
}

/// What the runner needs to know about a cell before running it.
public struct CellInfo: Sendable {
    /// How the cell is treated, as its fence says: `run` (no option), `hide`, `norun`,
    /// `fails` or `file`.
    public typealias Kind = CellKind
    /// Position among the lesson's Swift cells, from 0.
    public let index: Int
    /// The Markdown line of the cell's first line of code.
    public let line: Int
    /// How the cell is treated.
    public let kind: Kind

    /// A cell's description from its index, line and kind.
    public init(index: Int, line: Int, kind: Kind) {
        self.index = index
        self.line = line
        self.kind = kind
    }
}

/// A compiled lesson as a value: what the command line needs to know about it, and a
/// way to run it. The generated registry lists one per lesson.
public struct CompiledLesson: Sendable {
    /// The file name without `.md`: `01-numbers`.
    public let id: String
    /// The Markdown file, relative to the package root.
    public let path: String
    /// The hash of the code the lesson was generated from.
    public let codeHash: String
    /// The lesson's Swift cells, in order.
    public let cells: [CellInfo]
    let program: any LessonProgram.Type

    /// The lesson `program`, the class generated for it.
    public init<P: LessonProgram>(_ program: P.Type) {
        self.id = P.id
        self.path = P.path
        self.codeHash = P.codeHash
        self.cells = P.cells
        self.program = program
    }

    func make() -> any LessonProgram { program.init() }
}
