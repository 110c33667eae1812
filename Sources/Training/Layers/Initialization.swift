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
}
