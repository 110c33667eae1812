import Precision

/// Block quantization (OCP MX: 32 elements sharing an E8M0 scale) of the whole input, and
/// the way back, on one thread: the best times over the run.
struct BlockMeasurement {
    let format: BlockFormat
    var quantizeSeconds = Double.infinity
    var dequantizeSeconds = Double.infinity

    /// MXFP8 (E4M3 elements) and MXFP4 (E2M1), each under both scale rules.
    static let formats: [BlockFormat] = [.mx(.e4m3fn), .mx(.e4m3fn, rule: .rceil), .mx(.e2m1fn), .mx(.e2m1fn, rule: .rceil)]

    /// Quantizes `values` and dequantizes the result once each, keeping the better times.
    mutating func measure(_ values: [Float]) {
        var stored: BlockScaledTensor?
        quantizeSeconds = min(quantizeSeconds, bestSeconds(repeats: 1) { stored = format.quantize(values) })
        dequantizeSeconds = min(dequantizeSeconds, bestSeconds(repeats: 1) { _ = stored!.dequantized() })
    }
}
