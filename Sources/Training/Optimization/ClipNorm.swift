/// Which vector norm gradient clipping measures: the p-norm (Σ|x|ᵖ)^(1/p) for an order
/// p > 0, or the largest magnitude for p = +∞ (PyTorch's `norm_type`).
///
/// ```swift
/// try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1, normType: .infinity)
/// try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1, normType: .p(3))
/// ```
///
/// One value per norm: `.p(2) == .two` and `.p(.infinity) == .infinity`, and they compute the
/// same bits, because the norm is chosen by its order as PyTorch chooses its kernel.
///
/// ## Orders p ≤ 0 are rejected
/// `torch.linalg.vector_norm` also accepts p = 0 (the count of non-zero elements), negative p
/// and −∞ (the smallest magnitude). None of them is a norm, and clipping by one is useless
/// (a single zero gradient element makes a negative-order "norm" 0, so nothing is ever
/// clipped), so ``p(_:)`` traps on them, as on NaN, rather than carry PyTorch's semantics
/// into a clipper.
public struct ClipNorm: Hashable, Sendable, CustomStringConvertible {
    /// The order p: positive, possibly `+infinity`.
    public let order: Float

    private init(checked order: Float) {
        self.order = order
    }

    /// The sum of magnitudes, Σ|x| (PyTorch's `norm_type=1.0`).
    public static let one = ClipNorm(checked: 1)
    /// The Euclidean norm, √(Σ x²) (PyTorch's `norm_type=2.0`).
    public static let two = ClipNorm(checked: 2)
    /// The largest magnitude (PyTorch's `norm_type=inf`).
    public static let infinity = ClipNorm(checked: .infinity)

    /// The p-norm of order `order` (PyTorch's `norm_type=order`).
    ///
    /// - Precondition: `order > 0` (so not NaN); `+infinity` is the largest magnitude.
    public static func p(_ order: Float) -> ClipNorm {
        precondition(order > 0, "norm order \(order) is not positive; clipping measures p-norms with p > 0 or p = inf")
        return ClipNorm(checked: order)
    }

    /// How ``TorchVectorNorm`` computes this norm: PyTorch's CPU kernel for the order.
    enum Kernel: Equatable {
        /// Σ|x|, one running sum.
        case one
        /// √(Σ x²), with the vectorised FP32 and BF16 kernels.
        case two
        /// max |x|.
        case infinity
        /// (Σ|x|ᵖ)^(1/p) through the C library's `pow`, one running sum.
        case power(Float)
    }

    var kernel: Kernel {
        switch order {
        case 1: .one
        case 2: .two
        case .infinity: .infinity
        default: .power(order)
        }
    }

    /// The order as PyTorch's `norm_type` reads: "1", "2", "inf", "0.5", "3", "4.5".
    public var description: String {
        if order == .infinity { return "inf" }
        if order == order.rounded(), order < 0x1p24 { return String(Int(order)) }
        return order.description
    }
}
