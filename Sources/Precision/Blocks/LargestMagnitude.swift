/// The largest magnitude among some values, the `amax` every scaling rule starts from, and
/// whether a NaN was among them. Each rule then decides what a NaN or an infinity means
/// for its scale (``BlockFormat/scaleCode(amax:)``, ``NVFP4Tensor``,
/// ``PerTensorScaledTensor/amax(_:)``).
public struct LargestMagnitude: Equatable, Sendable {
    /// The largest magnitude of the values that are not NaN; infinity counts; 0 if there
    /// are none.
    public var value: Float
    /// Whether any value is NaN.
    public var hasNaN: Bool

    /// One pass over `values`.
    @inlinable
    public init(_ values: some Sequence<Float>) {
        var value: Float = 0, hasNaN = false
        for x in values {
            value = max(value, x.magnitude)
            hasNaN = hasNaN || x.isNaN
        }
        self.value = value
        self.hasNaN = hasNaN
    }

    /// ``value``, or NaN if any value was NaN.
    public var orNaN: Float { hasNaN ? .nan : value }
}
