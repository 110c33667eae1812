// Times one training step (forward, backward, clip, AdamW) of the lesson-sized MLP, RNN
// and tiny Transformer under fp32 and autocast, and with --pytorch the same steps in
// PyTorch eager on CPU. See Benchmarks/README.md.
import Foundation
import Precision
import Training

// OpenBLAS reads OPENBLAS_NUM_THREADS when it is loaded, before any Swift code runs, so
// set it (and OMP_NUM_THREADS, for the PyTorch child) and start again when it is not 1.
// BLAS.swift also calls openblas_set_num_threads(1) before the first product. glibc's
// allocator settings are read at start-up too: they are the ones lesson processes run with
// (see `ChildProcess.reproducibleEnvironment`), and the PyTorch child inherits them.
#if os(Linux)
if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] != "1" {
    setenv("OPENBLAS_NUM_THREADS", "1", 1)
    setenv("OMP_NUM_THREADS", "1", 1)
    setenv("MALLOC_MMAP_THRESHOLD_", "33554432", 1)
    setenv("MALLOC_TRIM_THRESHOLD_", "1073741824", 1)
    let arguments = CommandLine.unsafeArgv
    execv("/proc/self/exe", arguments)
    // execv returns only on failure: carry on with openblas_set_num_threads(1) alone.
}
#endif

let options: Options
switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed): options = parsed
case .failure(let error):
    if !error.message.isEmpty { print("error: \(error.message)") }
    print(Options.usage)
    exit(error.message.isEmpty ? 0 : 2)
}

let workloads = (options.models.isEmpty ? Workload.names : options.models).compactMap(Workload.named)
let policies = options.policies.isEmpty ? Options.policyNames : options.policies
var runs = workloads.flatMap { workload in
    policies.map { Run(workload, policy: Options.policy(named: $0)!) }
}
var samples = [Samples](repeating: Samples(), count: runs.count)

// Warm up every row, then go round the rows once per repeat, so that a busy moment on a
// shared machine spoils one sample of many rows rather than every sample of one row.
for index in runs.indices {
    for _ in 0..<options.warmup { runs[index].step() }
}
for _ in 0..<options.repeats {
    for index in runs.indices {
        samples[index].seconds.append(options.clock.seconds { runs[index].step() })
    }
}

var pytorch: PyTorchBaseline?
if options.pytorch {
    do { pytorch = try PyTorchBaseline.run(models: workloads.map(\.name), repeats: options.repeats,
                                              warmup: options.warmup, clock: options.clock) }
    catch { print("PyTorch baseline failed: \(error)") }
}

let rows = runs.indices.map { index in
    let model = runs[index].workload.name, policy = policies[index % policies.count]
    return Row(model: model, policy: policy, ours: samples[index], torch: pytorch?.samples(model: model, policy: policy))
}
print(Report(options: options, workloads: workloads, rows: rows, pytorch: pytorch).text)
