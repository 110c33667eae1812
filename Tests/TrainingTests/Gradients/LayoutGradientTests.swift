import Testing
import Training

/// Gradients of the layout ops (embedding, reshape, permute, slice, concat, causal mask)
/// against Float64 finite differences (see `GradientCheck`).
@Suite("Gradients: layout ops")
struct LayoutGradientTests {
    @Test("embedding: the table, with repeated indices adding up")
    func embedding() {
        let table = GradientCheck.normal([5, 3], seed: 61)
        // Row 3 is read three times, row 1 twice, row 2 and 4 never (their gradient is 0).
        let indices = [1, 3, 1, 0, 3, 3]
        GradientCheck.check("embedding", [table], shape: [2, 3, 3]) { tape, x in
            tape.embedding(x[0], indices: indices, shape: [2, 3])
        } reference: { x in
            GradientReference.embedding(x[0], width: 3, indices: indices)
        }
    }

    @Test("reshape", arguments: [[6, 4], [4, 6], [24], [2, 2, 3, 2]])
    func reshape(to shape: [Int]) {
        let x = GradientCheck.normal([2, 3, 4], seed: 62)
        GradientCheck.check("reshape to \(shape)", [x], shape: shape) { tape, x in
            tape.reshape(x[0], shape)
        } reference: { x in
            x[0]
        }
    }

    @Test("permute of a 4-D tensor", arguments: [[0, 2, 1, 3], [3, 1, 0, 2], [1, 2, 3, 0], [0, 1, 2, 3]])
    func permute(_ axes: [Int]) {
        let shape = [2, 3, 4, 5]
        let x = GradientCheck.normal(shape, seed: 63)
        GradientCheck.check("permute \(axes)", [x], shape: axes.map { shape[$0] }) { tape, x in
            tape.permute(x[0], axes)
        } reference: { x in
            GradientReference.permute(x[0], shape: shape, axes: axes)
        }
    }

    struct Slice: Sendable, CustomTestStringConvertible {
        var axis: Int, range: Range<Int>, result: [Int]
        var testDescription: String { "axis \(axis), \(range)" }
    }

    @Test("slice", arguments: [
        Slice(axis: 0, range: 1..<2, result: [1, 5, 3]),
        Slice(axis: 1, range: 1..<4, result: [2, 3, 3]),
        Slice(axis: 2, range: 0..<2, result: [2, 5, 2]),
        Slice(axis: 2, range: 2..<3, result: [2, 5, 1]),
    ])
    func slice(_ slice: Slice) {
        let shape = [2, 5, 3]
        let x = GradientCheck.normal(shape, seed: 64)
        GradientCheck.check("slice \(slice.testDescription)", [x], shape: slice.result) { tape, x in
            tape.slice(x[0], axis: slice.axis, slice.range)
        } reference: { x in
            GradientReference.slice(x[0], shape: shape, axis: slice.axis, slice.range)
        }
    }

    struct Concat: Sendable, CustomTestStringConvertible {
        var parts: [[Int]], axis: Int, result: [Int]
        var testDescription: String { "\(parts) along axis \(axis)" }
    }

    @Test("concat: every part", arguments: [
        Concat(parts: [[2, 3, 4], [1, 3, 4]], axis: 0, result: [3, 3, 4]),
        Concat(parts: [[2, 3, 4], [2, 3, 2], [2, 3, 1]], axis: 2, result: [2, 3, 7]),
        Concat(parts: [[2, 1, 4], [2, 3, 4]], axis: 1, result: [2, 4, 4]),
    ])
    func concat(_ concat: Concat) {
        let parts = concat.parts.enumerated().map { GradientCheck.normal($1, seed: 65 + UInt64($0)) }
        GradientCheck.check("concat \(concat.testDescription)", parts, shape: concat.result) { tape, x in
            tape.concat(x, axis: concat.axis)
        } reference: { x in
            GradientReference.concat(Array(zip(x, concat.parts)), axis: concat.axis)
        }
    }

    @Test("causalMask followed by softmax: masked scores get zero gradient")
    func causalMaskedSoftmax() {
        let x = GradientCheck.normal([2, 4, 4], seed: 68, deviation: 2)
        GradientCheck.check("causalMask + softmax", [x], shape: [2, 4, 4]) { tape, x in
            tape.softmax(tape.causalMask(x[0]))
        } reference: { x in
            GradientReference.causalSoftmax(x[0], length: 4)
        }
    }

    @Test("causalMask's gradient is exactly zero above the diagonal and g on and below it")
    func causalMaskExactZeros() throws {
        // The check above bounds masked entries only relative to the largest gradient. Here
        // L = Σ r ⊙ mask(x) straight away: L itself is not finite (it adds ±∞), but the
        // backward pass does not read it, and ∂L/∂x must be r where visible and 0 where masked.
        let shape = [2, 3, 3]
        let r = GradientCheck.weights(shape, seed: 70)
        var tape = Tape()
        let input = tape.input(GradientCheck.normal(shape, seed: 69))
        let loss = tape.sum(tape.multiply(tape.causalMask(input), tape.constant(r)))
        let g = try #require(tape.backward(from: loss)[input])
        for flat in 0..<g.count {
            let (i, j) = ((flat / 3) % 3, flat % 3)
            #expect(g.scalars[flat] == (j > i ? 0 : r.scalars[flat]), "element \(flat): row \(i), column \(j)")
        }
    }
}
