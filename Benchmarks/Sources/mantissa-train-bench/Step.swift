import Precision
import Training

/// One row of the table: a workload under a policy, with its own parameters and optimizer
/// state, advanced one training step at a time.
struct Run {
    let workload: Workload
    let policy: PrecisionPolicy
    private(set) var parameters: NamedTensors
    private var optimizer = AdamW(learningRate: 1e-3, betas: (0.9, 0.95), weightDecay: 0.1)

    init(_ workload: Workload, policy: PrecisionPolicy) {
        self.workload = workload
        self.policy = policy
        parameters = workload.parameters
    }

    /// Forward, backward, clip by global norm 1.0, AdamW: what the benchmark times.
    mutating func step() {
        var gradients = backward()
        // Without errorIfNonFinite nothing throws; a non-finite norm would show in the loss.
        _ = try? GradientClipping.clipGradientNorm(&gradients, maxNorm: 1)
        optimizer.step(&parameters, gradients: gradients)
    }

    /// The parameter gradients of the workload's loss. The tape ends here, so the
    /// optimizer then holds the only reference to each parameter buffer and updates it in
    /// place, as `optimizer.step()` does.
    private func backward() -> NamedTensors {
        var tape = Tape(parameters: parameters, policy: policy)
        let loss = workload.loss(&tape)
        return tape.backward(from: loss).parameters
    }
}
