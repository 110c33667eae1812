// Swift that the book's cells do not all use, for the highlighter's oracle test.
// Snippets are separated by lines of the form `// ----`; each is classified on its own.
let x = 0x1p-3 + 0x1.8p4 + 1_000.5e-3 + 0b1010 + 0o17 + 0xFF + 1e10 + 42
let y = -7.25, z = 1E+5
// ----
/* a block /* nested */ comment */ let a = 1 // trailing
/// A doc comment with `code`.
/** A doc block. */
func f() {}
// ----
let s = "plain \(1 + 2) and \("nested \(3)") \\ \" \n \u{1F600} end"
let raw = #"raw \(not) "quoted" \#(interpolated)"#
let multi = """
    first line \(s)
    "quotes" inside
    """
let rawMulti = ##"""
    still raw "## here
    """##
let empty = ""
// ----
@discardableResult @inline(__always)
public static func g<T: BinaryFloatingPoint>(_ value: inout T, by factor: T = 2) throws -> T where T: Sendable {
    defer { value *= factor }
    return try value.squareRoot()
}
// ----
private(set) var count = 0
final class Box<Element>: @unchecked Sendable { weak var owner: AnyObject?; lazy var items: [Element] = [] }
struct Point: Hashable { var x, y: Double; mutating func move() { x += 1 } }
enum Kind: String, CaseIterable { case a, b = "bee"; indirect case c(Kind) }
protocol P { associatedtype Q; var q: Q { get set } }
extension Point { static prefix func - (p: Point) -> Point { Point(x: -p.x, y: -p.y) } }
// ----
let closure = { (a: Int, b: Int) -> Int in a + b }
let sorted = [3, 1, 2].sorted { $0 < $1 }.map { $0 * 2 }
for i in stride(from: 0, to: 10, by: 2) where i % 4 == 0 { print(i) }
let r = 0..<10, c = 1...3
if case .some(let v) = Optional(3), v > 2 { print(v) } else if let w = Int("4") { _ = w }
guard let n = Int("5") else { fatalError("no") }
switch n { case 0: break; case 1...4: fallthrough; default: print(n as Any, n is Int) }
// ----
let t: (Int, String)? = nil
let d: [String: [Float]] = ["a": [1, 2]]
let fn: @Sendable (Float) async throws -> Float = { $0 }
func h(_ body: () -> some Collection) -> any Error { fatalError() }
let k = Float.self, m = type(of: k), u = Self.self
// ----
#if DEBUG
let mode = "debug"
#elseif os(Linux)
let mode = "linux"
#else
let mode = "other"
#endif
let line = #line, file = #fileID
// ----
actor Counter { var value = 0; func add() async { value += 1 } }
let task = Task { await Counter().add() }
let `default` = 3, `class` = "c"
let op = 2 &+ 3 &* 4 << 1 ?? 0
let keyPath = \Point.x
let label = f(in: 1, for: 2, repeating: 3)
// ----
let numbers = try values.flatMap(parse(in:)).map(format(in:by:))
let match = text.firstMatch(of: /y axis: (\S+) to \/(\d+)/), half = total / 2, ratio = (a / b) / c
await #expect(processExitsWith: .failure) { trap() }
let joined = """
    one long line \
    continued
    """
#expect { try run() } throws: { error in error is CancellationError }
var j = start + open
for required in names where required.isEmpty { print(required) }
final
class Late {}
