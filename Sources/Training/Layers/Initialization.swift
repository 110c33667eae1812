import Foundation
import Precision

/// Deterministic random initial values from a seeded generator.
///
/// The draws use only `SplitMix64.next()` and fixed arithmetic, so the same seed gives the
/// same bits on every machine and every Swift version.
public enum Initialization {
    /// A uniform value in `[0, 1)` with 24 random bits.
    static func unit(_ generator: inout SplitMix64) -> Float {
        Float(generator.next() >> 40) * 0x1p-24
    }

    /// Values drawn uniformly from `[-bound, bound)` (PyTorch's default for `Linear` and
    /// `RNN`, with bound `1/√fan_in`).
    public static func uniform(_ shape: [Int], bound: Float, using generator: inout SplitMix64) -> Tensor {
        let scalars = (0..<shape.reduce(1, *)).map { _ in (2 * unit(&generator) - 1) * bound }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Values drawn from a normal distribution with mean 0 and standard deviation
    /// `deviation` (Box–Muller in `Double`).
    public static func normal(_ shape: [Int], deviation: Float, using generator: inout SplitMix64) -> Tensor {
        let scalars = (0..<shape.reduce(1, *)).map { _ -> Float in
            let u1 = (Double(generator.next() >> 11) + 1) * 0x1p-53
            let u2 = Double(generator.next() >> 11) * 0x1p-53
            let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
            return Float(z) * deviation
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// A random `n × n` orthogonal matrix, row-major, in `Double`: Gram–Schmidt, done twice
    /// per row for accuracy, on the rows of a matrix of standard normal entries drawn by
    /// ``normal(_:deviation:using:)``. Returned in `Double` so a caller can scale it (e.g.
    /// `1.5 Q`) before rounding into a tensor.
    public static func orthogonal(_ n: Int, using generator: inout SplitMix64) -> [Double] {
        var q = normal([n, n], deviation: 1, using: &generator).scalars.map(Double.init)
        func dot(_ i: Int, _ j: Int) -> Double { (0..<n).reduce(0.0) { $0 + q[i * n + $1] * q[j * n + $1] } }
        for i in 0..<n {
            for _ in 0..<2 {
                for j in 0..<i {
                    let d = dot(i, j)
                    for c in 0..<n { q[i * n + c] -= d * q[j * n + c] }
                }
            }
            let length = dot(i, i).squareRoot()
            for c in 0..<n { q[i * n + c] /= length }
        }
        return q
    }
}
