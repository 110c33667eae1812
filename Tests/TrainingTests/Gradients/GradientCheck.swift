import Precision
import Testing
import Training

/// The project's gradient check: an op's FP32 tape gradient against Float64 central finite
/// differences of an independent Float64 reference of its forward computation.
///
/// For an op `y = f(x₁, …, xₙ)` the objective is `L = Σ r ⊙ f(x)` with a fixed random
/// weighting `r` whose entries all have magnitude in [0.5, 1.5], so every output element
/// contributes and a wrong derivative of any one of them shows. The tape computes `∂L/∂xᵢ`
/// with `backward`; the reference gets it from `(L(x + h eⱼ) − L(x − h eⱼ)) / 2h` in `Double`.
enum GradientCheck {
    /// The forward bound, relative to the largest reference output. Each output element is
    /// a short chain of FP32 operations (at most a few dozen for the reductions here, several
    /// accumulated in `Double`), each rounding by at most half an ulp, u = 2⁻²⁴ ≈ 6·10⁻⁸; the
    /// inputs are well conditioned, so the error is a few ulps, orders of magnitude below
    /// 10⁻⁵ ≈ 170 u. A wrong kernel is off by O(1).
    static let forwardTolerance = 1e-5

    /// The gradient bound, relative to the largest finite-difference gradient. The tape
    /// computes in FP32, so its gradient carries FP32 rounding from the forward values it
    /// reuses and from its own sums (softmax and layer-norm gradients subtract nearly equal
    /// terms, which turns a few ulps of their inputs into a larger relative error of a small
    /// result); the finite differences, in `Double` with a step of 10⁻⁴, are accurate to about
    /// h² ≈ 10⁻⁸ (truncation) plus 10⁻¹⁶/h ≈ 10⁻¹² (rounding). 10⁻³ is far above both, and far
    /// below the O(1) error of a wrong rule: a missing factor, a sign, a transposed product.
    static let gradientTolerance = 1e-3

    /// The relative finite-difference step: `h = step · max(1, |x|)`.
    static let step = 1e-4

    // MARK: Inputs

    /// Values from N(0, deviation²), drawn by a seeded generator.
    static func normal(_ shape: [Int], seed: UInt64, deviation: Float = 1) -> Tensor {
        var generator = SplitMix64(seed: seed)
        return Initialization.normal(shape, deviation: deviation, using: &generator)
    }

    /// Values uniform in `range`, drawn by a seeded generator.
    static func uniform(_ shape: [Int], seed: UInt64, in range: ClosedRange<Float>) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let unit = Initialization.uniform(shape, bound: 1, using: &generator)
        let width = range.upperBound - range.lowerBound
        return Tensor(shape: shape, scalars: unit.scalars.map { range.lowerBound + ($0 + 1) / 2 * width })
    }

    /// Normal values pushed at least `margin` away from zero (keeping their sign): inputs for
    /// a kink at 0 (relu) or a pole there (a divisor), far from it compared with the step.
    static func awayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.5) -> Tensor {
        let x = normal(shape, seed: seed)
        return Tensor(shape: shape, scalars: x.scalars.map { $0 < 0 ? $0 - margin : $0 + margin })
    }

    /// The weighting `r`: signs and magnitudes in [0.5, 1.5].
    static func weights(_ shape: [Int], seed: UInt64) -> Tensor {
        let magnitude = uniform(shape, seed: seed, in: 0.5...1.5)
        let sign = uniform(shape, seed: seed ^ 0x5EED, in: -1...1)
        return Tensor(shape: shape, scalars: zip(magnitude.scalars, sign.scalars).map { $1 < 0 ? -$0 : $0 })
    }

    static func doubles(_ tensor: Tensor) -> [Double] { tensor.scalars.map(Double.init) }

    // MARK: Comparison

    /// `max |actual − expected| / max |expected|`: the error relative to the largest
    /// magnitude, not element by element (an element near zero is a difference of larger
    /// terms and carries their rounding). Infinity when the counts differ or `actual` is
    /// not finite; 0 when both are all zeros.
    static func relativeError(_ actual: [Float], _ expected: [Double]) -> Double {
        guard actual.count == expected.count, actual.allSatisfy(\.isFinite) else { return .infinity }
        let scale = expected.reduce(0) { max($0, abs($1)) }
        let error = zip(actual, expected).reduce(0) { max($0, abs(Double($1.0) - $1.1)) }
        return error == 0 ? 0 : error / scale
    }

    /// Expects `actual` within `tolerance` of `expected`, relative to the largest expected
    /// magnitude (see ``relativeError(_:_:)``), and `expected` not all zero, so that the
    /// comparison cannot pass vacuously.
    static func expectClose(_ actual: [Float], _ expected: [Double], tolerance: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let error = relativeError(actual, expected)
        #expect(expected.contains { $0 != 0 }, "\(what): the reference is all zeros", sourceLocation: sourceLocation)
        #expect(error <= tolerance, "\(what): relative error \(error) > \(tolerance)", sourceLocation: sourceLocation)
    }

    // MARK: Finite differences

    /// `∂objective/∂inputs[index]` by central differences in `Double`.
    static func finiteDifferences(_ objective: ([[Double]]) -> Double, at inputs: [[Double]], input index: Int,
                                  step: Double = step) -> [Double] {
        var shifted = inputs
        return inputs[index].indices.map { j in
            let x = inputs[index][j]
            let h = step * max(1, abs(x))
            shifted[index][j] = x + h
            let plus = objective(shifted)
            shifted[index][j] = x - h
            let minus = objective(shifted)
            shifted[index][j] = x
            return (plus - minus) / ((x + h) - (x - h))
        }
    }

    /// `Σ r ⊙ reference(inputs)`.
    static func weightedObjective(_ reference: @escaping ([[Double]]) -> [Double],
                                  _ r: Tensor) -> ([[Double]]) -> Double {
        let weights = doubles(r)
        return { inputs in
            let y = reference(inputs)
            precondition(y.count == weights.count, "reference gave \(y.count) values for \(weights.count) weights")
            return zip(y, weights).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    // MARK: The check

    /// The errors of one op: its forward value and the gradient of each input.
    struct Report {
        var outputShape: [Int]
        var forwardError: Double
        /// Per input that takes a gradient: the relative error, infinity if the tape gave none.
        var gradientErrors: [Double]
        /// Per input that takes a gradient: the largest finite-difference magnitude.
        var gradientScales: [Double]
    }

    /// Runs `op` on a tape over `inputs` (each recorded with ``Tape/input(_:)``), compares
    /// the result with `reference` and the gradients of the inputs listed in
    /// `differentiable` (all by default) with finite differences of it.
    static func measure(_ inputs: [Tensor], differentiable: [Int]? = nil, seed: UInt64 = 0xC0FFEE,
                        op: (inout Tape, [Variable]) -> Variable,
                        reference: @escaping ([[Double]]) -> [Double]) -> Report {
        var tape = Tape()
        let variables = inputs.map { tape.input($0) }
        let y = op(&tape, variables)
        let output = tape.value(y)
        let x = inputs.map(doubles)
        let forwardError = relativeError(output.scalars, reference(x))
        let r = weights(output.shape, seed: seed)
        let loss = tape.sum(tape.multiply(y, tape.constant(r)))
        let gradients = tape.backward(from: loss)
        let objective = weightedObjective(reference, r)
        var errors: [Double] = [], scales: [Double] = []
        for index in differentiable ?? Array(inputs.indices) {
            let expected = finiteDifferences(objective, at: x, input: index)
            scales.append(expected.reduce(0) { max($0, abs($1)) })
            guard let g = gradients[variables[index]], g.shape == inputs[index].shape else {
                errors.append(.infinity)
                continue
            }
            errors.append(relativeError(g.scalars, expected))
        }
        return Report(outputShape: output.shape, forwardError: forwardError, gradientErrors: errors, gradientScales: scales)
    }

    /// ``measure(_:differentiable:seed:op:reference:)`` with expectations: the output has
    /// `shape`, the forward value is within ``forwardTolerance`` and every gradient within
    /// ``gradientTolerance`` (and not all zero).
    static func check(_ name: String, _ inputs: [Tensor], shape: [Int], differentiable: [Int]? = nil,
                      seed: UInt64 = 0xC0FFEE, sourceLocation: SourceLocation = #_sourceLocation,
                      op: (inout Tape, [Variable]) -> Variable,
                      reference: @escaping ([[Double]]) -> [Double]) {
        let report = measure(inputs, differentiable: differentiable, seed: seed, op: op, reference: reference)
        #expect(report.outputShape == shape, "\(name): output shape", sourceLocation: sourceLocation)
        #expect(report.forwardError <= forwardTolerance,
                "\(name): forward relative error \(report.forwardError) > \(forwardTolerance)",
                sourceLocation: sourceLocation)
        for (k, index) in (differentiable ?? Array(inputs.indices)).enumerated() {
            #expect(report.gradientScales[k] > 0, "\(name): ∂L/∂input\(index) is zero by finite differences",
                    sourceLocation: sourceLocation)
            #expect(report.gradientErrors[k] <= gradientTolerance,
                    "\(name): ∂L/∂input\(index) relative error \(report.gradientErrors[k]) > \(gradientTolerance)",
                    sourceLocation: sourceLocation)
        }
    }
}
