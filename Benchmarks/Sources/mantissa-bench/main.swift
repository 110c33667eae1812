// Times bulk rounding of 16 Mi Float values per format and mode against memcpy of the same
// buffer (and, with --numpy, numpy/ml_dtypes round trips). See Benchmarks/README.md.
import Foundation
import Precision

let options: Options
switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed): options = parsed
case .failure(let error):
    if !error.message.isEmpty { print("error: \(error.message)") }
    print(Options.usage)
    exit(error.message.isEmpty ? 0 : 2)
}

let buffers = Buffers(count: options.count)
let formats = options.formats.isEmpty ? FloatFormat.all : options.formats.compactMap(FloatFormat.named)
let modes = Rounding.deterministic + [.stochastic(seed: 1)]

// The repeats go round the whole table rather than row by row, so that each row's samples
// are spread over the run and a busy moment on a shared machine spoils one sample of many
// rows instead of every sample of one row. Each row keeps its best time.
var memcpySeconds = Double.infinity
var results = formats.flatMap { format in
    modes.flatMap { rounding in
        options.kernels.map { kernels in
            Measurement(format: format, rounding: rounding, kernels: kernels.resolved,
                        inPlaceSeconds: .infinity, copySeconds: .infinity)
        }
    }
}
for _ in 0..<options.repeats {
    memcpySeconds = min(memcpySeconds, bestSeconds(repeats: 1) {
        copy(from: UnsafeBufferPointer(buffers.input), to: buffers.destination, threads: options.threads)
    })
    for (index, row) in results.enumerated() {
        let inPlace = bestSeconds(repeats: 1, before: buffers.reset) {
            row.format.round(UnsafeBufferPointer(buffers.work), into: buffers.work, rounding: row.rounding,
                             threads: options.threads, kernels: row.kernels)
        }
        let copied = bestSeconds(repeats: 1) {
            row.format.round(UnsafeBufferPointer(buffers.input), into: buffers.destination,
                             rounding: row.rounding, threads: options.threads, kernels: row.kernels)
        }
        results[index].inPlaceSeconds = min(row.inPlaceSeconds, inPlace)
        results[index].copySeconds = min(row.copySeconds, copied)
    }
}

// Block quantization allocates its result, as a user's call does; it runs on one thread.
let values = Array(buffers.input)
var blocks = BlockMeasurement.formats.map { BlockMeasurement(format: $0) }
for _ in 0..<options.repeats {
    for index in blocks.indices { blocks[index].measure(values) }
}

var numpy: NumpyBaseline?
if options.numpy {
    do { numpy = try NumpyBaseline.run(count: options.count, repeats: options.repeats) }
    catch { print("numpy baseline failed: \(error)") }
}

let report = Report(options: options, memcpySeconds: memcpySeconds, results: results, blocks: blocks, numpy: numpy)
print(report.text)
buffers.deallocate()
