import Precision
import Training

/// The test's own reading of a scaled product: its operands quantised line by line with
/// Precision's quantisers (``BlockFormat``, ``NVFP4Tensor``, ``CurrentScaling``), then
/// multiplied in Float64.
///
/// Independent of how the tape splits a tensor into rows (it quantises whole buffers when
/// rows are whole blocks, and transposes for column-wise operands); here every line of the
/// reduction dimension is gathered and quantised on its own.
enum QuantisedProductReference {
    /// A row-major stack of `batch` matrices `[rows, columns]`, quantised along each row
    /// (`alongRows`) or each column, and dequantised.
    static func dequantized(_ values: [Float], batch: Int = 1, rows: Int, columns: Int, alongRows: Bool,
                            _ quantization: OperandQuantization) -> [Float] {
        precondition(values.count == batch * rows * columns)
        if case .tensor(let element, .current) = quantization {
            return CurrentScaling().quantize(values, as: element).dequantized()
        }
        let tensorScale = NVFP4Tensor.tensorScale(amax: NVFP4Tensor.finiteAmax(values))
        var result = values
        let (lines, length) = alongRows ? (rows, columns) : (columns, rows)
        for matrix in 0..<batch {
            for line in 0..<lines {
                let indices = (0..<length).map { t in
                    matrix * rows * columns + (alongRows ? line * columns + t : t * columns + line)
                }
                let quantised = dequantizedLine(indices.map { values[$0] }, quantization, tensorScale: tensorScale)
                for (index, value) in zip(indices, quantised) { result[index] = value }
            }
        }
        return result
    }

    /// One line of the reduction dimension, quantised and dequantised.
    private static func dequantizedLine(_ line: [Float], _ quantization: OperandQuantization, tensorScale: Float) -> [Float] {
        switch quantization {
        case .tiles(let element, let size):
            return stride(from: 0, to: line.count, by: size).flatMap { start in
                CurrentScaling().quantize(Array(line[start..<min(start + size, line.count)]), as: element).dequantized()
            }
        case .mx(let element, let rule):
            return BlockFormat.mx(element, rule: rule).quantize(line).dequantized()
        case .nvfp4:
            return NVFP4Tensor(quantizing: line, tensorScale: tensorScale).dequantized()
        case .tensor:
            preconditionFailure("per-tensor scaling is quantised whole")
        }
    }

    /// `Σ_t a(i, t) · b(t, j)` in Float64 for `i < m`, `j < n`, `t < k`, row-major `[m, n]`,
    /// with the bound on what any FP32 summation order may add to it.
    static func product(m: Int, n: Int, k: Int, _ a: (Int, Int) -> Float, _ b: (Int, Int) -> Float) -> [Product] {
        (0..<(m * n)).map { index in
            let (i, j) = (index / n, index % n)
            var sum = 0.0, magnitudes = 0.0
            for t in 0..<k {
                let term = Double(a(i, t)) * Double(b(t, j))
                sum += term
                magnitudes += abs(term)
            }
            return Product(value: sum, bound: FP32Accumulation.gamma(k) * magnitudes)
        }
    }

    /// One element of a Float64 product.
    struct Product {
        /// The exact sum (Float64 rounding is far below the bound).
        let value: Double
        /// `γ_k Σ|a_t b_t|`.
        let bound: Double

        /// Whether `computed` is within the bound of the value.
        func admits(_ computed: Float) -> Bool { abs(Double(computed) - value) <= bound }
    }
}

/// The error bound of FP32 summation in any order (Higham, "Accuracy and Stability of
/// Numerical Algorithms", 2nd ed., §3.1, eq. 3.5): a computed dot product of `k` terms
/// differs from the exact one by at most `γ_k Σ|a_t b_t|`, with `γ_k = k·u / (1 − k·u)`
/// and `u = 2^-24`. It covers OpenBLAS's blocked, FMA-using order (an FMA rounds once where
/// a multiply and an add round twice), whatever that order is.
enum FP32Accumulation {
    static func gamma(_ k: Int) -> Double {
        let ku = Double(k) * 0x1p-24
        return ku / (1 - ku)
    }
}
