import Foundation
import Training

/// The committed numpy oracle `Oracle/monitor.json`, written by `Oracle/monitor.py`.
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/monitor.py` from anywhere (it makes or
/// reuses `.venv-torch/` with the pinned numpy), then commit the JSON. The tests read the file
/// from the source tree via `#filePath`; `swift test` never runs Python.
struct MonitorOracle: OracleFile {
    /// One array and numpy's percentiles of it at several q.
    struct PercentileCase: Decodable, Sendable {
        let name: String
        let values: String
        let q: String
        let results: String
        enum CodingKeys: String, CodingKey { case name, values = "values_f64", q = "q_f64", results = "results_f64" }
    }

    /// The statistics of one norm sequence's finite values.
    struct Statistics: Decodable, Sendable {
        let finiteCount: Int
        let nonFiniteCount: Int
        let mean: String, numpyMean: String, min: String, max: String
        let p50: String, p90: String, p99: String, spikeRatio: String
        let updateRatioMedian: String?

        enum CodingKeys: String, CodingKey {
            case finiteCount = "finite_count", nonFiniteCount = "nonfinite_count"
            case mean = "mean_f64", numpyMean = "numpy_mean_f64", min = "min_f64", max = "max_f64"
            case p50 = "p50_f64", p90 = "p90_f64", p99 = "p99_f64", spikeRatio = "spike_ratio_f64"
            case updateRatioMedian = "update_ratio_median_f64"
        }
    }

    struct NormCase: Decodable, Sendable {
        let name: String
        let norms: String
        let statistics: Statistics

        enum CodingKeys: String, CodingKey { case name, norms = "norms_f32" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            norms = try container.decode(String.self, forKey: .norms)
            statistics = try Statistics(from: decoder)
        }
    }

    /// Columns of a synthetic run, and the report's fields as the script computes them.
    struct ReportCase: Decodable, Sendable {
        struct Records: Decodable, Sendable {
            let firstStep: Int
            let parameterNames: [String]
            let loss: String, gradientNorm: String, updateRatio: String
            let clipped: [Bool], skipped: [Bool]
            let tensorGradientNorms: String, tensorUpdateRatios: String

            enum CodingKeys: String, CodingKey {
                case clipped, skipped
                case firstStep = "first_step", parameterNames = "parameter_names", loss = "loss_f32"
                case gradientNorm = "gradient_norm_f32", updateRatio = "update_ratio_f32"
                case tensorGradientNorms = "tensor_gradient_norms_f32", tensorUpdateRatios = "tensor_update_ratios_f32"
            }

            /// The columns as `StepRecord`s.
            func stepRecords() throws -> [StepRecord] {
                let losses = MonitorOracle.floats(hex: loss), norms = MonitorOracle.floats(hex: gradientNorm)
                let ratios = MonitorOracle.floats(hex: updateRatio)
                let tensorNorms = MonitorOracle.floats(hex: tensorGradientNorms)
                let tensorRatios = MonitorOracle.floats(hex: tensorUpdateRatios)
                let width = parameterNames.count
                return try losses.indices.map { i in
                    try RecordBuilder.record(
                        step: firstStep + i, loss: losses[i], gradientNorm: norms[i], clipped: clipped[i],
                        skipped: skipped[i], updateRatio: ratios[i],
                        tensorGradientNorms: Array(tensorNorms[i * width ..< (i + 1) * width]),
                        tensorUpdateRatios: Array(tensorRatios[i * width ..< (i + 1) * width]))
                }
            }
        }

        struct Expected: Decodable, Sendable {
            let steps: Int, finiteSteps: Int, skippedSteps: Int, nonFiniteLossSteps: Int
            let firstNonFiniteLossStep: Int?
            let unskippedNonFiniteGradientSteps: Int, clippedSteps: Int
            let clipRate: String, skipRate: String, updateRatioMedian: String
            let norms: Statistics
            let parameters: [Statistics]

            enum CodingKeys: String, CodingKey {
                case steps, norms, parameters
                case finiteSteps = "finite_steps", skippedSteps = "skipped_steps"
                case nonFiniteLossSteps = "nonfinite_loss_steps", firstNonFiniteLossStep = "first_nonfinite_loss_step"
                case unskippedNonFiniteGradientSteps = "unskipped_nonfinite_gradient_steps"
                case clippedSteps = "clipped_steps", clipRate = "clip_rate_f64", skipRate = "skip_rate_f64"
                case updateRatioMedian = "update_ratio_median_f64"
            }
        }

        let name: String
        let records: Records
        let expected: Expected
    }

    let source: String
    let percentile: [PercentileCase]
    let norms: [NormCase]
    let reports: [ReportCase]

    static let fileName = "monitor.json"

    /// The file, decoded once; `nil` if it is missing or malformed (a test reports why).
    static let shared: MonitorOracle? = try? load()

    static var normCaseNames: [String] { shared?.norms.map(\.name) ?? [] }
    static var reportCaseNames: [String] { shared?.reports.map(\.name) ?? [] }

    /// Bit-identical, or both NaN (numpy and Swift may pick different NaN payloads).
    static func identical(_ a: Double, _ b: Double) -> Bool {
        a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
    }
}

/// `StepRecord`s for tests. The type has no public initializer, so records are made through
/// its `Codable` conformance, with non-finite numbers as strings (as checkpoints store them).
enum RecordBuilder {
    private struct Fields: Encodable {
        let step: Int, loss: Float, gradientNorm: Float, clipped: Bool, skipped: Bool
        let scale: Float, learningRate: Float, updateRatio: Float
        let tensorGradientNorms: [Float], tensorUpdateRatios: [Float]
        let forwardStatistics: ForwardStatistics?
    }

    static func record(step: Int, loss: Float = 1, gradientNorm: Float, clipped: Bool = false,
                       skipped: Bool = false, updateRatio: Float = 1e-3,
                       tensorGradientNorms: [Float] = [], tensorUpdateRatios: [Float] = [],
                       forwardStatistics: ForwardStatistics? = nil) throws -> StepRecord {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let fields = Fields(step: step, loss: loss, gradientNorm: gradientNorm, clipped: clipped, skipped: skipped,
                            scale: 1, learningRate: 1e-3, updateRatio: updateRatio,
                            tensorGradientNorms: tensorGradientNorms, tensorUpdateRatios: tensorUpdateRatios,
                            forwardStatistics: forwardStatistics)
        return try decoder.decode(StepRecord.self, from: encoder.encode(fields))
    }
}
