import Foundation

/// Forward kernels. Each takes and returns `Float`s; the tape rounds results into the
/// policy's format afterwards.
enum Kernels {
    /// `transform` applied to every element.
    @inline(__always)
    static func map(_ x: Tensor, _ transform: (Float) -> Float) -> Tensor {
        let result = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.scalars.withUnsafeBufferPointer { source in
                for i in 0..<source.count { out[i] = transform(source[i]) }
            }
            initialized = x.count
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    /// `combine` applied to two tensors of the same shape, element by element.
    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
        let result = [Float](unsafeUninitializedCapacity: a.count) { out, initialized in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    for i in 0..<x.count { out[i] = combine(x[i], y[i]) }
                }
            }
            initialized = a.count
        }
        return Tensor(shape: a.shape, scalars: result)
    }

    /// `combine` applied with NumPy broadcasting.
    @inline(__always)
    static func broadcast(_ a: Tensor, _ b: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape { return zip(a, b, combine) }
        let plan = Broadcast(a.shape, b.shape)
        let count = plan.shape.reduce(1, *)
        let result = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    if b.count == 1 {
                        for i in 0..<count { out[i] = combine(x[i], y[0]) }
                    } else if a.shape.count >= b.shape.count, Array(a.shape.suffix(b.shape.count)) == b.shape {
                        let inner = b.count
                        for i in 0..<count { out[i] = combine(x[i], y[i % inner]) }
                    } else {
                        plan.forEachOffset { o, l, r in out[o] = combine(x[l], y[r]) }
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: plan.shape, scalars: result)
    }

    /// The sum of `values`, accumulated in `Double` (deterministic: one pass in order).
    static func sum(_ values: [Float]) -> Float {
        values.withUnsafeBufferPointer { buffer in
            var total = 0.0
            for value in buffer { total += Double(value) }
            return Float(total)
        }
    }

    /// The exact GELU, `x Φ(x)` with the normal CDF through `erf` (PyTorch's default).
    @inline(__always)
    static func gelu(_ x: Float) -> Float {
        gelu(x, erf: geluErf(x))
    }

    /// `erf(x/√2)`, from which GELU and its derivative are computed.
    @inline(__always)
    static func geluErf(_ x: Float) -> Float {
        Foundation.erf(x * Float(0.5).squareRoot())
    }

    /// GELU of `x` given `erf = erf(x/√2)`.
    @inline(__always)
    static func gelu(_ x: Float, erf: Float) -> Float {
        0.5 * x * (1 + erf)
    }

    /// The derivative of ``gelu(_:)``: `Φ(x) + x φ(x)`.
    @inline(__always)
    static func geluDerivative(_ x: Float) -> Float {
        geluDerivative(x, erf: geluErf(x))
    }

    /// The derivative of GELU at `x` given `erf = erf(x/√2)`.
    @inline(__always)
    static func geluDerivative(_ x: Float, erf: Float) -> Float {
        let cdf = 0.5 * (1 + erf)
        let density = Foundation.exp(-0.5 * x * x) * Float(0.3989422804014327)
        return cdf + x * density
    }

    /// GELU of every element of `x`, and the `erf(x/√2)` of each, which the backward pass
    /// reuses instead of computing it again.
    static func gelu(_ x: Tensor) -> (Tensor, erf: [Float]) {
        var erf = [Float](repeating: 0, count: x.count)
        let value = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.scalars.withUnsafeBufferPointer { source in
                erf.withUnsafeMutableBufferPointer { e in
                    for i in 0..<source.count {
                        e[i] = geluErf(source[i])
                        out[i] = gelu(source[i], erf: e[i])
                    }
                }
            }
            initialized = x.count
        }
        return (Tensor(shape: x.shape, scalars: value), erf)
    }

    /// `g ⊙ gelu′(x)` given the forward pass's `erf(x/√2)`.
    static func geluGradient(_ g: Tensor, x: Tensor, erf: [Float]) -> Tensor {
        precondition(g.shape == x.shape && erf.count == x.count,
                     "gradient \(g.shape), input \(x.shape) and \(erf.count) saved values differ")
        let result = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            g.scalars.withUnsafeBufferPointer { gradient in
                x.scalars.withUnsafeBufferPointer { input in
                    erf.withUnsafeBufferPointer { e in
                        for i in 0..<input.count { out[i] = gradient[i] * geluDerivative(input[i], erf: e[i]) }
                    }
                }
            }
            initialized = x.count
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    /// The logistic function, written so that neither tail overflows.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }
}
