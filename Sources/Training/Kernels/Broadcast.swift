/// Broadcasting of two shapes, NumPy's rule: align from the right; an axis of size 1 (or a
/// missing axis) stretches to the other's size.
struct Broadcast {
    let shape: [Int]
    /// Element strides of each input over `shape` (0 along a stretched axis).
    let leftStrides: [Int]
    let rightStrides: [Int]

    init(_ left: [Int], _ right: [Int]) {
        let rank = max(left.count, right.count)
        let l = Array(repeating: 1, count: rank - left.count) + left
        let r = Array(repeating: 1, count: rank - right.count) + right
        var shape = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            precondition(l[axis] == r[axis] || l[axis] == 1 || r[axis] == 1,
                         "shapes \(left) and \(right) cannot be broadcast together")
            shape[axis] = l[axis] == 1 ? r[axis] : l[axis]
        }
        self.shape = shape
        leftStrides = Self.strides(l)
        rightStrides = Self.strides(r)
    }

    /// Row-major strides, 0 for axes of size 1.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = shape[axis] == 1 ? 0 : step
            step *= shape[axis]
        }
        return strides
    }

    /// The offsets into the left and right inputs of every output element, in order.
    func forEachOffset(_ body: (Int, Int, Int) -> Void) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        var index = [Int](repeating: 0, count: shape.count)
        var left = 0, right = 0
        for out in 0..<count {
            body(out, left, right)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                left += leftStrides[axis]
                right += rightStrides[axis]
                if index[axis] < shape[axis] { break }
                left -= leftStrides[axis] * shape[axis]
                right -= rightStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}

extension Tensor {
    /// `self` summed down to `shape`, the inverse of broadcasting `shape` up to `self.shape`:
    /// the gradient of a broadcast input.
    func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        let count = target.reduce(1, *)
        var result = [Float](repeating: 0, count: count)
        if count == 1 {
            result[0] = Kernels.sum(scalars)
        } else if shape.count >= target.count, Array(shape.suffix(target.count)) == target {
            // A bias-like input: add up the rows. Eight columns at a time stay in a register
            // while the rows are added; each column still adds its rows in order, from zero.
            let rows = scalars.count / count
            scalars.withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { sum in
                    guard rows > 0, let rowsStart = source.baseAddress, let sumStart = sum.baseAddress else { return }
                    let first = UnsafeRawPointer(rowsStart)
                    var column = 0
                    while column + 8 <= count {
                        var lanes = SIMD8<Float>()
                        for row in 0..<rows {
                            lanes += first.loadUnaligned(fromByteOffset: (row * count + column) * 4, as: SIMD8<Float>.self)
                        }
                        UnsafeMutableRawPointer(sumStart + column).storeBytes(of: lanes, as: SIMD8<Float>.self)
                        column += 8
                    }
                    for i in column..<count {
                        for row in 0..<rows { sum[i] += source[row * count + i] }
                    }
                }
            }
        } else {
            let plan = Broadcast(shape, target)
            scalars.withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { sum in
                    plan.forEachOffset { out, _, offset in sum[offset] += source[out] }
                }
            }
        }
        return Tensor(shape: target, scalars: result, format: format)
    }
}
