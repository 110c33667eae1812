import Testing
import Training

/// ``ClipNorm`` as a value: one value per norm, PyTorch's spelling, and no orders ≤ 0.
@Suite("Optimization: ClipNorm orders")
struct ClipNormTests {
    @Test("one value per norm: the named norms are their orders")
    func namedNorms() {
        #expect(ClipNorm.p(1) == .one && ClipNorm.p(2) == .two && ClipNorm.p(.infinity) == .infinity)
        #expect(ClipNorm.one.order == 1 && ClipNorm.two.order == 2 && ClipNorm.infinity.order == .infinity)
        #expect(ClipNorm.p(3) != .two && ClipNorm.p(3) == .p(3))
    }

    @Test("described as PyTorch writes norm_type", arguments: [
        (ClipNorm.one, "1"), (.two, "2"), (.infinity, "inf"), (.p(0.5), "0.5"), (.p(3), "3"), (.p(4.5), "4.5"),
    ])
    func description(norm: ClipNorm, expected: String) {
        #expect(norm.description == expected)
    }

    @Test("the non-finite error names the order")
    func errorNamesOrder() {
        var gradients = NamedTensors([("a", Tensor(shape: [2], scalars: [.nan, 1]))])
        let error = #expect(throws: GradientClippingError.self) {
            try GradientClipping.clipGradientNorm(&gradients, maxNorm: 1, normType: .p(4.5), errorIfNonFinite: true)
        }
        #expect(error?.normType == .p(4.5) && error?.totalNorm.isNaN == true)
        #expect(error?.description.hasPrefix("the total 4.5-norm of the gradients is nan") == true, "\(String(describing: error))")
    }

    @Test("the p-norms of one vector shrink as p grows, from the 1-norm down to the ∞-norm")
    func normsShrinkWithOrder() {
        let gradients = NamedTensors([("a", Tensor(shape: [5], scalars: [3, -4, 0.5, 12, -0.25])),
                                      ("b", Tensor(shape: [2], scalars: [1, 2]))])
        let orders: [ClipNorm] = [.p(0.5), .one, .p(1.5), .two, .p(3), .p(4.5), .p(7), .infinity]
        let norms = orders.map { GradientClipping.totalNorm(gradients, normType: $0) }
        #expect(zip(norms, norms.dropFirst()).allSatisfy { $0 > $1 }, "\(norms)")
        #expect(norms[1] == 22.75 && norms.last! == 12)
    }

    @Test("orders ≤ 0 and NaN trap: PyTorch's 0-, negative- and −∞-\"norms\" are not offered",
          arguments: [Float(0), -0.0, -1, -.infinity, .nan])
    func nonPositiveOrdersTrap(order: Float) async {
        // Captured as bits: the JSON that carries a capture to the child has no NaN or infinity.
        await #expect(processExitsWith: .failure) { [bits = order.bitPattern as UInt32] in
            _ = ClipNorm.p(Float(bitPattern: bits))
        }
    }
}
