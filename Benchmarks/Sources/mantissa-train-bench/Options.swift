import Precision
import Training

/// The command line (see ``usage``).
struct Options {
    var pytorch = false
    var repeats = 30
    var warmup = 5
    var clock = StepClock.wall
    /// `--model` filters; empty means every workload.
    var models: [String] = []
    /// `--policy` filters (`fp32`, `autocast-bf16`, `autocast-fp16`, or a scaled recipe);
    /// empty means the first three.
    var policies: [String] = []

    /// The policies timed by default.
    static let policyNames = ["fp32", "autocast-bf16", "autocast-fp16"]
    /// Scaled-product recipes, timed only when asked for (PyTorch has no peer for them).
    static let scaledPolicyNames = ["fp8-current", "mxfp8", "nvfp4", "mxfp8-limited"]

    static let usage = """
        usage: mantissa-train-bench [--pytorch] [--repeats N] [--warmup N] [--clock wall|thread]
                                    [--model NAME]... [--policy NAME]...

          --pytorch       also time the same steps in PyTorch eager on CPU (creates .venv-torch)
          --repeats N     timed steps per row; median and best are reported (default 30)
          --warmup N      untimed steps per row first (default 5)
          --clock thread  time each step by the thread's CPU time instead of the wall clock
                          (on both sides): steadier on a busy machine
          --model NAME    only this model (mlp|rnn|transformer); repeatable
          --policy NAME   only this policy (fp32|autocast-bf16|autocast-fp16), or a scaled
                          recipe not timed by default: fp8-current (E4M3/E5M2, per-tensor
                          current scaling), mxfp8 (rceil), nvfp4, mxfp8-limited (with
                          DeepSeek-V3's limited accumulator: slow); repeatable
        """

    /// The policy a CLI name stands for.
    static func policy(named name: String) -> PrecisionPolicy? {
        switch name {
        case "fp32": .fp32
        case "autocast-bf16": .autocast(.bf16)
        case "autocast-fp16": .autocast(.fp16)
        case "fp8-current": .scaled(.hybrid(.current))
        case "mxfp8": .scaled(.mxfp8())
        case "nvfp4": .scaled(.nvfp4)
        case "mxfp8-limited": .scaled(LowPrecisionRecipe.mxfp8().accumulating(in: LimitedAccumulator()))
        default: nil
        }
    }

    /// Parses the arguments after the program name; a failure carries a message for the user
    /// (empty for `--help`).
    static func parse(_ arguments: [String]) -> Result<Options, OptionsError> {
        var options = Options()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--pytorch":
                options.pytorch = true
            case "--repeats", "--warmup":
                guard let text = remaining.popFirst(), let value = Int(text),
                      value >= (argument == "--repeats" ? 1 : 0) else {
                    return .failure(OptionsError(message: "\(argument) needs a \(argument == "--repeats" ? "positive" : "non-negative") integer"))
                }
                if argument == "--repeats" { options.repeats = value } else { options.warmup = value }
            case "--clock":
                guard let name = remaining.popFirst(), let clock = StepClock(rawValue: name) else {
                    return .failure(OptionsError(message: "--clock needs wall or thread"))
                }
                options.clock = clock
            case "--model":
                guard let name = remaining.popFirst(), Workload.names.contains(name) else {
                    return .failure(OptionsError(message: "--model needs one of \(Workload.names.joined(separator: ", "))"))
                }
                options.models.append(name)
            case "--policy":
                guard let name = remaining.popFirst(), policy(named: name) != nil else {
                    return .failure(OptionsError(message: "--policy needs one of \((policyNames + scaledPolicyNames).joined(separator: ", "))"))
                }
                options.policies.append(name)
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
