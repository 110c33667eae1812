import COpenBLAS

/// Matrix products through OpenBLAS: the only file that talks to its C API.
///
/// ## Reproducibility
/// OpenBLAS picks a kernel for the CPU it runs on and may split a product across threads;
/// both change the order of the additions, and so the last bits of the result. Mantissa
/// runs OpenBLAS on one thread (set here, before the first product), and lesson processes
/// are started with `OPENBLAS_CORETYPE=Haswell` on x86-64, so every x86-64 machine with
/// AVX2 computes the same bits. ``coreName`` reports the kernel in use.
public enum BLAS {
    private static let configured: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// The name of the CPU kernel OpenBLAS chose (for example `Haswell`).
    public static var coreName: String {
        _ = configured
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// `C = A·B` (or `C += A·B` when `accumulate`), row-major, with optional transposes:
    /// `A` is `m×k` (stored `k×m` when `transposeA`), `B` is `k×n` (stored `n×k` when
    /// `transposeB`), `C` is `m×n`. Single precision throughout; the accumulation order is
    /// OpenBLAS's.
    static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool,
        _ b: UnsafePointer<Float>, transposeB: Bool,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, accumulate: Bool = false
    ) {
        _ = configured
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            1, a, blasint(transposeA ? m : k),
            b, blasint(transposeB ? k : n),
            accumulate ? 1 : 0, c, blasint(n)
        )
    }
}
