import Precision

/// The command line (see ``usage``).
struct Options {
    var numpy = false
    var threads = 1
    var count = 16 << 20
    var repeats = 5
    /// `--format` filters (CLI names); empty means every standard format.
    var formats: [String] = []
    /// Which bulk loops to time: `--kernels automatic|baseline|wide|both`.
    var kernels: [BulkKernels] = [.automatic]

    static let usage = """
        usage: mantissa-bench [--numpy] [--threads N] [--count N] [--repeats N] [--format NAME]...
                             [--kernels automatic|baseline|wide|both]

          --numpy       also time numpy/ml_dtypes astype round trips (creates .venv-bench)
          --threads N   threads for the rounding loops and for memcpy (default 1)
          --count N     elements per buffer (default 16777216 = 16 Mi)
          --repeats N   runs per measurement; the best is reported (default 5)
          --format NAME only this format (fp32|tf32|bf16|fp16|e4m3fn|e5m2, or e2m3fn|e3m2fn|e2m1fn|e8m0); repeatable
          --kernels K   the bulk loops: automatic (default: the widest this CPU has),
                        baseline (4 lanes: SSE2/NEON), wide (8 lanes: AVX2), or both
        """

    /// Parses the arguments after the program name; a failure carries a message for the user
    /// (empty for `--help`).
    static func parse(_ arguments: [String]) -> Result<Options, OptionsError> {
        var options = Options()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--numpy":
                options.numpy = true
            case "--threads", "--count", "--repeats":
                guard let text = remaining.popFirst(), let value = Int(text), value >= 1 else {
                    return .failure(OptionsError(message: "\(argument) needs a positive integer"))
                }
                switch argument {
                case "--threads": options.threads = value
                case "--count": options.count = value
                default: options.repeats = value
                }
            case "--format":
                guard let name = remaining.popFirst(), FloatFormat.named(name) != nil else {
                    return .failure(OptionsError(
                        message: "--format needs one of \(FloatFormat.names.joined(separator: ", "))"))
                }
                options.formats.append(name)
            case "--kernels":
                switch remaining.popFirst() {
                case "automatic": options.kernels = [.automatic]
                case "baseline": options.kernels = [.baseline]
                case "wide" where BulkKernels.isWideAvailable: options.kernels = [.wide]
                case "both" where BulkKernels.isWideAvailable: options.kernels = [.baseline, .wide]
                case "wide", "both":
                    return .failure(OptionsError(message: "this CPU has no AVX2: only --kernels baseline runs"))
                default:
                    return .failure(OptionsError(message: "--kernels needs automatic, baseline, wide or both"))
                }
            case "--help", "-h":
                return .failure(OptionsError(message: ""))
            default:
                return .failure(OptionsError(message: "unknown argument \(argument)"))
            }
        }
        return .success(options)
    }
}

struct OptionsError: Error {
    let message: String
}
