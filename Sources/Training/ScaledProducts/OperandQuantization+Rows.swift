import Precision

extension OperandQuantization {
    /// `values`, rows of `rowLength` elements along which a product reduces, quantised as
    /// this case says and dequantised into `Float`: the values the low-precision tensor
    /// represents. `delayedScale` is the scale of ``TensorScaling/delayed`` (unused by the
    /// other cases).
    func dequantized(_ values: [Float], rowLength: Int, delayedScale: Float) -> [Float] {
        switch self {
        case .tensor(let element, .current):
            return CurrentScaling().quantize(values, as: element).dequantized()
        case .tensor(let element, .delayed):
            return PerTensorScaledTensor(quantizing: values, as: element, scale: delayedScale).dequantized()
        case .tiles(let element, let size):
            return Self.blockwise(values, rowLength: rowLength, blockSize: size) { run in
                Self.consecutive(run, size) { CurrentScaling().quantize($0, as: element).dequantized() }
            }
        case .mx(let element, let rule):
            let format = BlockFormat.mx(element, rule: rule)
            return Self.blockwise(values, rowLength: rowLength, blockSize: format.blockSize) {
                format.quantize($0).dequantized()
            }
        case .nvfp4:
            let tensorScale = NVFP4Tensor.tensorScale(amax: NVFP4Tensor.finiteAmax(values))
            return Self.blockwise(values, rowLength: rowLength, blockSize: NVFP4Tensor.blockSize) {
                NVFP4Tensor(quantizing: $0, tensorScale: tensorScale).dequantized()
            }
        }
    }

    /// Whether the values do not depend on the direction of the rows (one scale for the
    /// whole tensor).
    var isPerTensor: Bool {
        if case .tensor = self { return true }
        return false
    }

    /// `quantize`, which quantises consecutive blocks of `blockSize`, applied so that no block
    /// crosses a row: to all of `values` at once when a row is whole blocks, else row by row.
    private static func blockwise(_ values: [Float], rowLength: Int, blockSize: Int,
                                  _ quantize: ([Float]) -> [Float]) -> [Float] {
        rowLength % blockSize == 0 ? quantize(values) : consecutive(values, rowLength, quantize)
    }

    /// `transform` applied to consecutive runs of `length` elements (the last may be
    /// shorter), joined.
    private static func consecutive(_ values: [Float], _ length: Int, _ transform: ([Float]) -> [Float]) -> [Float] {
        var result: [Float] = []
        result.reserveCapacity(values.count)
        for start in stride(from: 0, to: values.count, by: length) {
            result += transform(Array(values[start..<min(start + length, values.count)]))
        }
        return result
    }
}
