import Precision
import Training

/// The committed oracle `Oracle/adaptive_clipping.json`, written by `Oracle/adaptive_clipping.py`.
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/adaptive_clipping.py` from anywhere
/// (it makes or reuses `.venv-torch/` with pinned torch, numpy, timm and zclip), then commit
/// the JSON. The tests read the file from the source tree via `#filePath`; `swift test` never
/// runs Python. Tensors are encoded as in ``OptimizerOracle`` (whose record type this reuses).
struct AdaptiveClippingOracle: OracleFile {
    typealias TensorRecord = OptimizerOracle.TensorRecord

    /// A named sequence of gradient sets, one per step (FP32).
    struct Sequence: Decodable, Sendable {
        struct Step: Decodable, Sendable { let grads: [TensorRecord] }
        let name: String
        let steps: [Step]

        /// The gradients of step `index`.
        func gradients(_ index: Int) -> NamedTensors {
            OptimizerOracle.namedTensors(steps[index].grads, format: .fp32)
        }
    }

    /// One global-norm method (window, autoclip, zclip) run over a sequence.
    struct GlobalCase: Decodable, Sendable {
        /// The method's settings, with the script's names; absent ones take the defaults.
        struct Config: Decodable, Sendable {
            let window: Int?, deviations: Double?, warmup: Int?
            let percentile: Double?, historyLimit: Int?
            let alpha: Double?, zThreshold: Double?, warmupSteps: Int?, epsilon: Double?, mode: String?, maxNorm: Double?

            enum CodingKeys: String, CodingKey {
                case window, deviations, warmup, percentile, alpha, mode
                case historyLimit = "history_limit", zThreshold = "z_thresh", warmupSteps = "warmup_steps"
                case epsilon = "eps", maxNorm = "max_norm"
            }
        }

        struct Step: Decodable, Sendable {
            let norm: String
            let thresholdF64: String?
            let thresholdF32: String?
            let clipped: Bool
            /// The gradients after the step; `nil` when they are the step's input, bit for bit.
            let grads: [TensorRecord]?
            let meanF64: String?
            let varianceF64: String?

            enum CodingKeys: String, CodingKey {
                case clipped, grads
                case norm = "norm_f32", thresholdF64 = "threshold_f64", thresholdF32 = "threshold_f32"
                case meanF64 = "mean_f64", varianceF64 = "variance_f64"
            }
        }

        let name: String
        let method: String
        let sequence: String
        let config: Config
        let steps: [Step]
    }

    /// timm's `adaptive_clip_grad` on fixed parameters, step after step.
    struct AGCCase: Decodable, Sendable {
        struct Step: Decodable, Sendable {
            let grads: [TensorRecord]
            let clippedGrads: [TensorRecord]
            let norm: String
            let clipped: Bool
            enum CodingKeys: String, CodingKey {
                case grads, clipped, clippedGrads = "clipped_grads", norm = "norm_f32"
            }
        }

        let name: String
        let format: String
        let clipping: String
        let epsilon: String
        let excluded: [String]
        let params: [TensorRecord]
        let steps: [Step]

        enum CodingKeys: String, CodingKey {
            case name, format, excluded, params, steps, clipping = "clipping_f32", epsilon = "epsilon_f32"
        }
    }

    let source: String
    let sequences: [Sequence]
    let global: [GlobalCase]
    let agc: [AGCCase]

    static let fileName = "adaptive_clipping.json"  // about 0.5 MB

    /// The file, decoded once; `nil` if it is missing or malformed (a test reports why).
    static let shared: AdaptiveClippingOracle? = try? load()

    static var globalNames: [String] { shared?.global.map(\.name) ?? [] }
    static var agcNames: [String] { shared?.agc.map(\.name) ?? [] }

    func sequence(named name: String) -> Sequence? { sequences.first { $0.name == name } }
}

/// A clipper built from an oracle case's settings, with the type's defaults for the rest.
enum OracleClipper {
    case window(WindowClipper)
    case auto(AutoClipper)
    case z(ZClipper)

    init(_ global: AdaptiveClippingOracle.GlobalCase) {
        let c = global.config
        switch global.method {
        case "window":
            self = .window(WindowClipper(window: c.window!, deviations: c.deviations!, warmup: c.warmup!))
        case "autoclip":
            self = .auto(AutoClipper(percentile: c.percentile!, historyLimit: c.historyLimit))
        case "zclip":
            let mode = c.mode.map { ZClipper.Mode(rawValue: $0)! } ?? .reciprocal
            self = .z(ZClipper(alpha: c.alpha ?? 0.97, zThreshold: c.zThreshold ?? 2.5, warmupSteps: c.warmupSteps ?? 25,
                               epsilon: c.epsilon ?? 1e-6, mode: mode, maxNorm: c.maxNorm.map(Float.init)))
        default:
            preconditionFailure("unknown method \(global.method)")
        }
    }

    /// The wrapped clipper, for calls through the protocol.
    var clipper: any AdaptiveClipper {
        switch self {
        case .window(let c): c
        case .auto(let c): c
        case .z(let c): c
        }
    }
}
