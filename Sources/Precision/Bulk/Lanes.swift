// The bulk kernels work on four `Float`s at a time as `SIMD4<UInt32>` bit patterns: one
// 128-bit register, SSE2 on every x86-64 and NEON on every ARM64, so the baseline path needs
// nothing newer (the eight-lane AVX2 copies, chosen at run time, are in WideKernels.swift).
// Conditions are all-ones/zero lane masks, combined with plain bit logic.

typealias Lanes = SIMD4<UInt32>

extension Lanes {
    /// The lanes as `Float`s (same bits).
    @inline(__always)
    var floats: SIMD4<Float> { unsafeBitCast(self, to: SIMD4<Float>.self) }

    /// The lanes as `Int32`s (same bits), for signed comparisons.
    @inline(__always)
    var signed: SIMD4<Int32> { unsafeBitCast(self, to: SIMD4<Int32>.self) }

    /// Each lane's sign bit spread over the lane: all ones for negative values.
    @inline(__always)
    var signMask: Lanes { unsafeBitCast(signed &>> 31, to: Lanes.self) }
}

extension SIMD4<Int32> {
    /// The lanes' bit patterns.
    @inline(__always)
    var bits: Lanes { unsafeBitCast(self, to: Lanes.self) }
}

extension SIMD4<Float> {
    /// The lanes' bit patterns.
    @inline(__always)
    var bits: Lanes { unsafeBitCast(self, to: Lanes.self) }
}

/// All ones in the lanes where `condition` holds.
@inline(__always)
func mask(_ condition: SIMDMask<SIMD4<Int32>>) -> Lanes {
    unsafeBitCast(condition, to: Lanes.self)
}

/// `a` in the lanes of `mask`, `b` elsewhere.
@inline(__always)
func select(_ mask: Lanes, _ a: Lanes, _ b: Lanes) -> Lanes {
    (a & mask) | (b & ~mask)
}
