import Foundation
import Testing
import Training

/// Gradients of reductions, softmaxes, layer norm and the losses against Float64 finite
/// differences (see `GradientCheck`).
@Suite("Gradients: reductions, normalisation, losses")
struct ReductionGradientTests {
    struct Axes: Sendable, CustomTestStringConvertible {
        /// nil: every axis (the tape's default).
        var axes: [Int]?
        var result: [Int]
        var testDescription: String { axes.map { "axes \($0)" } ?? "all axes" }
    }

    static let shape = [2, 3, 4]
    static let axes = [
        Axes(axes: [1], result: [2, 4]),
        Axes(axes: [2], result: [2, 3]),
        Axes(axes: [-1], result: [2, 3]),
        Axes(axes: [0, 2], result: [3]),
        Axes(axes: [0, 1, 2], result: []),
        Axes(axes: nil, result: []),
    ]

    @Test("sum over one, several and all axes", arguments: axes)
    func sum(_ axes: Axes) {
        let x = GradientCheck.normal(Self.shape, seed: 31)
        GradientCheck.check("sum \(axes.testDescription)", [x], shape: axes.result) { tape, x in
            tape.sum(x[0], axes: axes.axes)
        } reference: { x in
            GradientReference.sum(x[0], shape: Self.shape, axes: axes.axes ?? [0, 1, 2])
        }
    }

    @Test("mean over one, several and all axes", arguments: axes)
    func mean(_ axes: Axes) {
        let x = GradientCheck.normal(Self.shape, seed: 32)
        GradientCheck.check("mean \(axes.testDescription)", [x], shape: axes.result) { tape, x in
            tape.mean(x[0], axes: axes.axes)
        } reference: { x in
            GradientReference.mean(x[0], shape: Self.shape, axes: axes.axes ?? [0, 1, 2])
        }
    }

    @Test("softmax along the last axis")
    func softmax() {
        // A spread of 2 makes the rows far from uniform, so y(g − Σ g⊙y) is not near zero.
        let x = GradientCheck.normal([2, 3, 5], seed: 33, deviation: 2)
        GradientCheck.check("softmax", [x], shape: [2, 3, 5]) { tape, x in
            tape.softmax(x[0])
        } reference: { x in
            GradientReference.softmax(x[0], width: 5)
        }
    }

    @Test("logSoftmax along the last axis")
    func logSoftmax() {
        let x = GradientCheck.normal([2, 3, 5], seed: 34, deviation: 2)
        GradientCheck.check("logSoftmax", [x], shape: [2, 3, 5]) { tape, x in
            tape.logSoftmax(x[0])
        } reference: { x in
            GradientReference.logSoftmax(x[0], width: 5)
        }
    }

    @Test("layerNorm: x, weight and bias")
    func layerNorm() {
        let x = GradientCheck.normal([2, 3, 6], seed: 35, deviation: 2)
        // Weights away from 1 and a nonzero bias, so a rule that ignores either shows.
        let weight = GradientCheck.uniform([6], seed: 36, in: 0.5...2)
        let bias = GradientCheck.normal([6], seed: 37)
        GradientCheck.check("layerNorm", [x, weight, bias], shape: [2, 3, 6]) { tape, x in
            tape.layerNorm(x[0], weight: x[1], bias: x[2])
        } reference: { x in
            GradientReference.layerNorm(x[0], weight: x[1], bias: x[2])
        }
    }

    @Test("crossEntropy over [2, 3, 5] logits with one target ignored (-100)")
    func crossEntropy() {
        let logits = GradientCheck.normal([2, 3, 5], seed: 38, deviation: 2)
        let targets = [4, 0, -100, 2, 2, 1]
        GradientCheck.check("crossEntropy", [logits], shape: []) { tape, x in
            tape.crossEntropy(x[0], targets: targets)
        } reference: { x in
            [GradientReference.crossEntropy(x[0], classes: 5, targets: targets)]
        }
    }

    @Test("crossEntropy gives an ignored row exactly zero gradient")
    func crossEntropyIgnoredRow() throws {
        // The finite-difference check above bounds the ignored row only relative to the
        // largest gradient; PyTorch gives it exact zeros, and so must the tape.
        let logits = GradientCheck.normal([3, 4], seed: 39)
        var tape = Tape()
        let x = tape.input(logits)
        let loss = tape.crossEntropy(x, targets: [1, -100, 3])
        let g = try #require(tape.backward(from: loss)[x])
        #expect(g.scalars[4..<8].allSatisfy { $0 == 0 })
        #expect(g.scalars[0..<4].contains { $0 != 0 } && g.scalars[8..<12].contains { $0 != 0 })
    }

    @Test("zLoss over [2, 3, 5] logits with one target ignored (-100), log Z far from 0")
    func zLoss() {
        // Logits around 2 put log Z near 3.6, so the rows' weights 2 log Z differ from 0 and
        // from one another; a rule missing the factor log Z or the softmax shows.
        let logits = GradientCheck.normal([2, 3, 5], seed: 42, deviation: 2)
        let shifted = Tensor(shape: logits.shape, scalars: logits.scalars.map { $0 + 2 })
        let targets = [4, 0, -100, 2, 2, 1]
        GradientCheck.check("zLoss", [shifted], shape: []) { tape, x in
            tape.zLoss(x[0], targets: targets)
        } reference: { x in
            [GradientReference.zLoss(x[0], classes: 5, targets: targets)]
        }
    }

    @Test("zLoss gives an ignored row exactly zero gradient and is NaN when every row is")
    func zLossIgnoredRows() throws {
        let logits = GradientCheck.normal([3, 4], seed: 43)
        var tape = Tape()
        let x = tape.input(logits)
        let loss = tape.zLoss(x, targets: [1, -100, 3])
        let g = try #require(tape.backward(from: loss)[x])
        #expect(g.scalars[4..<8].allSatisfy { $0 == 0 })
        #expect(g.scalars[0..<4].contains { $0 != 0 } && g.scalars[8..<12].contains { $0 != 0 })
        let none = tape.zLoss(x, targets: [-100, -100, -100])
        #expect(tape.value(none).scalar.isNaN)
    }

    @Test("zLoss is stable: logits of 1e4 give log Z near 1e4, not infinity")
    func zLossIsStable() {
        var tape = Tape()
        let x = tape.input(Tensor(shape: [1, 3], scalars: [10_000, 10_000, -10_000]))
        let logZ = Double(10_000) + Foundation.log(2.0)
        let loss = tape.zLoss(x, targets: [0])
        let z = tape.value(loss).scalar
        #expect(z.isFinite)
        #expect(abs(Double(z) - logZ * logZ) <= Double(z.ulp) * 4)
    }

    @Test("meanSquaredError: prediction and target")
    func meanSquaredError() {
        let prediction = GradientCheck.normal([2, 3], seed: 40)
        let target = GradientCheck.normal([2, 3], seed: 41)
        GradientCheck.check("meanSquaredError", [prediction, target], shape: []) { tape, x in
            tape.meanSquaredError(x[0], x[1])
        } reference: { x in
            [GradientReference.meanSquaredError(x[0], x[1])]
        }
    }
}
