extension Kernels {
    /// `x` with its axes reordered: axis `i` of the result is axis `axes[i]` of `x`.
    static func permute(_ x: Tensor, _ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<x.rank), "\(axes) is not a permutation of \(x.rank) axes")
        let shape = axes.map { x.shape[$0] }
        var sourceStrides = [Int](repeating: 1, count: x.rank)
        for axis in stride(from: x.rank - 2, through: 0, by: -1) {
            sourceStrides[axis] = sourceStrides[axis + 1] * x.shape[axis + 1]
        }
        let strides = axes.map { sourceStrides[$0] }
        let rank = shape.count
        guard rank > 0, x.count > 0 else { return Tensor(shape: shape, scalars: x.scalars) }
        // One run along the last output axis at a time: a plain copy when that axis is
        // contiguous in `x` (as in attention's [0, 2, 1, 3]), a strided gather otherwise.
        let (runLength, runStride) = (shape[rank - 1], strides[rank - 1])
        let result = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.scalars.withUnsafeBufferPointer { source in
                var index = [Int](repeating: 0, count: rank)
                var offset = 0
                for start in stride(from: 0, to: x.count, by: runLength) {
                    if runStride == 1 {
                        (out.baseAddress! + start).initialize(from: source.baseAddress! + offset, count: runLength)
                    } else {
                        for j in 0..<runLength { out[start + j] = source[offset + j * runStride] }
                    }
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        offset += strides[axis]
                        if index[axis] < shape[axis] { break }
                        offset -= strides[axis] * shape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
            initialized = x.count
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// The inverse of permutation `axes`.
    static func inverse(_ axes: [Int]) -> [Int] {
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, axis) in axes.enumerated() { inverse[axis] = i }
        return inverse
    }

    /// `(outer, size, inner)`: the element counts before, along and after `axis`.
    static func split(_ shape: [Int], at axis: Int) -> (outer: Int, size: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// Elements `start..<start+count` along `axis`.
    static func slice(_ x: Tensor, axis: Int, start: Int, count: Int) -> Tensor {
        let (outer, size, inner) = split(x.shape, at: axis)
        precondition(start >= 0 && count >= 0 && start + count <= size,
                     "slice \(start)..<\(start + count) outside axis \(axis) of \(x.shape)")
        var shape = x.shape
        shape[axis] = count
        var result = [Float]()
        result.reserveCapacity(outer * count * inner)
        for o in 0..<outer {
            let base = (o * size + start) * inner
            result.append(contentsOf: x.scalars[base..<(base + count * inner)])
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// The tensors joined along `axis`; every other axis must agree.
    static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat of nothing")
        var shape = parts[0].shape
        shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        let outer = shape[..<axis].reduce(1, *)
        var result = [Float]()
        result.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for part in parts {
                precondition(part.rank == shape.count, "concat of ranks \(part.rank) and \(shape.count)")
                let (_, size, inner) = split(part.shape, at: axis)
                let base = o * size * inner
                result.append(contentsOf: part.scalars[base..<(base + size * inner)])
            }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// Rows of `table` (`[vocabulary, width]`) picked by `indices`, shaped `shape + [width]`.
    static func embedding(_ table: Tensor, indices: [Int], shape: [Int]) -> Tensor {
        let width = table.shape[1]
        var result = [Float]()
        result.reserveCapacity(indices.count * width)
        for index in indices {
            precondition((0..<table.shape[0]).contains(index), "token \(index) outside 0..<\(table.shape[0])")
            result.append(contentsOf: table.scalars[(index * width)..<((index + 1) * width)])
        }
        return Tensor(shape: shape + [width], scalars: result)
    }

    /// `x` (`[..., T, T]`) with every element above the diagonal (`j > i`) set to -∞.
    static func causalMask(_ x: Tensor) -> Tensor {
        masked(x, with: -.infinity)
    }

    /// `x` (`[..., T, T]`) with every element above the diagonal of the last two axes
    /// (`j > i`) set to `value`: the mask, and (with 0) its gradient.
    static func masked(_ x: Tensor, with value: Float) -> Tensor {
        var result = x.scalars
        let rows = x.shape[x.rank - 2], columns = x.shape[x.rank - 1]
        let matrices = x.shape.dropLast(2).reduce(1, *)
        result.withUnsafeMutableBufferPointer { out in
            for matrix in 0..<matrices {
                for i in 0..<rows where i + 1 < columns {
                    let row = (matrix * rows + i) * columns
                    (out.baseAddress! + row + i + 1).update(repeating: value, count: columns - i - 1)
                }
            }
        }
        return Tensor(shape: x.shape, scalars: result)
    }
}
