import Foundation

/// The times of one row's steps, in seconds.
struct Samples: Sendable {
    var seconds: [Double] = []

    /// The middle sample (the mean of the two middle ones for an even count).
    var median: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The fastest sample.
    var best: Double { seconds.min() ?? .nan }
}

/// What a sample measures.
enum StepClock: String {
    /// Elapsed time (the default): what a user waits for.
    case wall
    /// The calling thread's CPU time, user plus system (`CLOCK_THREAD_CPUTIME_ID`): leaves
    /// out the time a busy machine keeps the thread waiting for a core.
    case thread

    /// The time `body` takes on this clock, in seconds.
    func seconds(_ body: () -> Void) -> Double {
        let start = now
        body()
        return now - start
    }

    private var now: Double {
        var time = timespec()
        clock_gettime(self == .wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
