import Foundation
import Testing
import Training

/// Gradients of the elementwise ops against Float64 finite differences (see `GradientCheck`).
@Suite("Gradients: elementwise ops")
struct ElementwiseGradientTests {
    enum Binary: String, CaseIterable, Sendable {
        case add, subtract, multiply, divide

        func callAsFunction(_ a: Variable, _ b: Variable, on tape: inout Tape) -> Variable {
            switch self {
            case .add: tape.add(a, b)
            case .subtract: tape.subtract(a, b)
            case .multiply: tape.multiply(a, b)
            case .divide: tape.divide(a, b)
            }
        }

        func callAsFunction(_ a: Double, _ b: Double) -> Double {
            switch self {
            case .add: a + b
            case .subtract: a - b
            case .multiply: a * b
            case .divide: a / b
            }
        }
    }

    /// Two input shapes and the broadcast shape of the result.
    struct Shapes: Sendable, CustomTestStringConvertible {
        var a: [Int], b: [Int], result: [Int]
        var testDescription: String { "\(a) with \(b)" }
    }

    static let broadcastShapes = [
        Shapes(a: [2, 3, 4], b: [2, 3, 4], result: [2, 3, 4]),
        Shapes(a: [2, 3, 4], b: [4], result: [2, 3, 4]),       // a bias: b's axes are a's last
        Shapes(a: [2, 3, 4], b: [3, 1], result: [2, 3, 4]),    // b stretched along the last axis
        Shapes(a: [2, 3, 4], b: [1], result: [2, 3, 4]),       // a scalar-like b
        Shapes(a: [2, 1, 4], b: [3, 1], result: [2, 3, 4]),    // both stretched
        Shapes(a: [4], b: [2, 3, 4], result: [2, 3, 4]),       // the small one on the left
        Shapes(a: [1], b: [3, 1], result: [3, 1]),
    ]

    @Test("add, subtract, multiply, divide: both inputs, with broadcasting", arguments: Binary.allCases, broadcastShapes)
    func binary(op: Binary, shapes: Shapes) {
        let a = GradientCheck.normal(shapes.a, seed: 11)
        // A divisor stays at least 0.5 away from its pole at zero.
        let b = op == .divide ? GradientCheck.awayFromZero(shapes.b, seed: 12)
                              : GradientCheck.normal(shapes.b, seed: 12)
        GradientCheck.check("\(op) \(shapes.testDescription)", [a, b], shape: shapes.result) { tape, x in
            op(x[0], x[1], on: &tape)
        } reference: { x in
            GradientReference.broadcast(x[0], shapes.a, x[1], shapes.b) { op($0, $1) }
        }
    }

    /// A unary op, its Float64 definition and the inputs it is checked on.
    struct Unary: Sendable, CustomTestStringConvertible {
        var name: String
        var input: @Sendable ([Int]) -> Tensor
        var op: @Sendable (inout Tape, Variable) -> Variable
        var reference: @Sendable (Double) -> Double
        var testDescription: String { name }
    }

    static let unaryCases: [Unary] = [
        Unary(name: "exp", input: { GradientCheck.uniform($0, seed: 21, in: -3...3) },
              op: { $0.exp($1) }, reference: { Foundation.exp($0) }),
        // log away from its pole at 0 and its steep region just above.
        Unary(name: "log", input: { GradientCheck.uniform($0, seed: 22, in: 0.25...4) },
              op: { $0.log($1) }, reference: { Foundation.log($0) }),
        Unary(name: "tanh", input: { GradientCheck.normal($0, seed: 23, deviation: 1.5) },
              op: { $0.tanh($1) }, reference: { Foundation.tanh($0) }),
        Unary(name: "sigmoid", input: { GradientCheck.normal($0, seed: 24, deviation: 3) },
              op: { $0.sigmoid($1) }, reference: GradientReference.sigmoid),
        // relu away from its kink at 0.
        Unary(name: "relu", input: { GradientCheck.awayFromZero($0, seed: 25, margin: 0.1) },
              op: { $0.relu($1) }, reference: { max($0, 0) }),
        Unary(name: "gelu", input: { GradientCheck.normal($0, seed: 26, deviation: 2) },
              op: { $0.gelu($1) }, reference: GradientReference.gelu),
        Unary(name: "square", input: { GradientCheck.normal($0, seed: 27) },
              op: { $0.square($1) }, reference: { $0 * $0 }),
        Unary(name: "scale by -2.5", input: { GradientCheck.normal($0, seed: 28) },
              op: { $0.scale($1, by: -2.5) }, reference: { -2.5 * $0 }),
        Unary(name: "scale by 3", input: { GradientCheck.normal($0, seed: 29) },
              op: { $0.scale($1, by: 3) }, reference: { 3 * $0 }),
    ]

    @Test("exp, log, tanh, sigmoid, relu, gelu, square, scale", arguments: unaryCases)
    func unary(_ unary: Unary) {
        let shape = [2, 3, 5]
        GradientCheck.check(unary.name, [unary.input(shape)], shape: shape) { tape, x in
            unary.op(&tape, x[0])
        } reference: { x in
            x[0].map(unary.reference)
        }
    }
}
