import Precision
import Training

/// The committed PyTorch oracle `Oracle/optimizers.json`, written by `Oracle/optimizers.py`.
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/optimizers.py` from anywhere (it makes
/// `.venv-torch/` with pinned torch and numpy on first use), then commit the JSON. The tests
/// read the file from the source tree via `#filePath`; `swift test` never runs Python.
struct OptimizerOracle: OracleFile {
    /// A tensor as the oracle stores it: float32 bit patterns, 8 hex digits each.
    struct TensorRecord: Decodable, Sendable {
        let name: String
        let shape: [Int]
        let f32: String
        /// The dtype, where the record carries its own (clipping); otherwise the case's.
        let format: String?

        var values: [Float] { OptimizerOracle.floats(hex: f32) }

        func tensor(format fallback: FloatFormat) -> Tensor {
            Tensor(shape: shape, scalars: values, format: format.flatMap(FloatFormat.named) ?? fallback)
        }
    }

    struct Trajectory: Decodable, Sendable {
        struct Config: Decodable, Sendable {
            let momentum: Double?, dampening: Double?, weightDecay: Double?, nesterov: Bool?
            let beta1: Double?, beta2: Double?, eps: Double?
            enum CodingKeys: String, CodingKey {
                case momentum, dampening, nesterov, beta1, beta2, eps, weightDecay = "weight_decay"
            }
        }

        struct Step: Decodable, Sendable {
            let grads: [TensorRecord]
            /// PyTorch's parameters after the step.
            let params: [TensorRecord]
            /// FP32 Adam/AdamW only: PyTorch's parameters with IEEE (correctly rounded)
            /// square roots in place of its MKL ones (see `ieee_sqrt` in the script).
            let paramsIEEESqrt: [TensorRecord]?

            enum CodingKeys: String, CodingKey { case grads, params, paramsIEEESqrt = "params_ieee_sqrt" }
        }

        let name: String
        let optimizer: String
        let format: String
        let config: Config
        let learningRate: String
        let initial: [TensorRecord]
        let steps: [Step]

        enum CodingKeys: String, CodingKey {
            case name, optimizer, format, config, initial, steps, learningRate = "lr_f32"
        }
    }

    struct ClipNormCase: Decodable, Sendable {
        let name: String
        let maxNorm: String
        let normType: String
        let errorIfNonFinite: Bool
        let raised: Bool
        let grads: [TensorRecord]
        let clipped: [TensorRecord]
        let totalNorm: String?
        let totalNormFormat: String?

        enum CodingKeys: String, CodingKey {
            case name, raised, grads, clipped
            case maxNorm = "max_norm_f32", normType = "norm_type", errorIfNonFinite = "error_if_nonfinite"
            case totalNorm = "total_norm_f32", totalNormFormat = "total_norm_format"
        }

        /// The norm `normType` names ("inf", "2", "0.5", ...); `nil` if it is not a positive order.
        var clipNorm: ClipNorm? {
            guard let order = Float(normType), order > 0 else { return nil }
            return .p(order)
        }
    }

    struct ClipValueCase: Decodable, Sendable {
        let name: String
        let format: String
        let clipValue: String
        let grad: TensorRecord
        let clipped: TensorRecord
        enum CodingKeys: String, CodingKey { case name, format, grad, clipped, clipValue = "clip_value_f32" }
    }

    struct ScalerTrace: Decodable, Sendable {
        struct Config: Decodable, Sendable {
            let growthFactor: Double, backoffFactor: Double, growthInterval: Int
            enum CodingKeys: String, CodingKey {
                case growthFactor = "growth_factor", backoffFactor = "backoff_factor", growthInterval = "growth_interval"
            }
        }

        struct Step: Decodable, Sendable {
            let scaleBefore: String
            let scaledGrads: [TensorRecord]
            let clipMaxNorm: String?
            let stepped: Bool
            let foundInf: Bool
            let optimizerSteps: Int
            let scaleAfter: String
            let growthTracker: Int
            let params: [TensorRecord]
            let paramsIEEESqrt: [TensorRecord]

            enum CodingKeys: String, CodingKey {
                case stepped, params, paramsIEEESqrt = "params_ieee_sqrt"
                case scaleBefore = "scale_before_f32", scaledGrads = "scaled_grads", clipMaxNorm = "clip_max_norm_f32"
                case foundInf = "found_inf", optimizerSteps = "optimizer_steps", scaleAfter = "scale_after_f32"
                case growthTracker = "growth_tracker"
            }
        }

        let name: String
        let learningRate: String
        let config: Config
        let initialScale: String
        let initial: [TensorRecord]
        let steps: [Step]

        enum CodingKeys: String, CodingKey {
            case name, config, initial, steps, learningRate = "lr_f32", initialScale = "init_scale_f32"
        }
    }

    struct ScaledLossCase: Decodable, Sendable {
        let name: String
        let format: String
        let loss: TensorRecord
        let scaled: TensorRecord
        let scaledFormat: String
        let scale: String
        enum CodingKeys: String, CodingKey {
            case name, format, loss, scaled, scaledFormat = "scaled_format", scale = "scale_f32"
        }
    }

    struct Schedule: Decodable, Sendable {
        let peak: String, minimum: String
        let warmup: Int, total: Int
        let rates: String
        enum CodingKeys: String, CodingKey {
            case warmup, total, peak = "peak_f32", minimum = "minimum_f32", rates = "rates_f32"
        }
    }

    let source: String
    let optimizers: [Trajectory]
    let clipNorm: [ClipNormCase]
    let clipNormRandom: [ClipNormCase]
    let clipValue: [ClipValueCase]
    let gradScaler: [ScalerTrace]
    let scaledLoss: [ScaledLossCase]
    let schedules: [Schedule]

    enum CodingKeys: String, CodingKey {
        case source, optimizers, schedules
        case clipNorm = "clip_norm", clipNormRandom = "clip_norm_random", clipValue = "clip_value", gradScaler = "grad_scaler", scaledLoss = "scaled_loss"
    }

    static let fileName = "optimizers.json"  // about 0.5 MB

    /// The file, decoded once; `nil` if it is missing or malformed (a test reports why).
    static let shared: OptimizerOracle? = try? load()

    /// Case names for parameterised tests (empty if the file failed to load, which the
    /// oracle-file test reports).
    static var trajectoryNames: [String] { shared?.optimizers.map(\.name) ?? [] }
    static var clipNormNames: [String] { shared?.clipNorm.map(\.name) ?? [] }
    static var scalerTraceNames: [String] { shared?.gradScaler.map(\.name) ?? [] }

    /// Named tensors in the records' order.
    static func namedTensors(_ records: [TensorRecord], format: FloatFormat) -> NamedTensors {
        NamedTensors(records.map { ($0.name, $0.tensor(format: format)) })
    }
}
