import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Median, p99 and max of a set of timings in milliseconds.
///
/// Percentiles are nearest-rank on the sorted sample, so p99 of 1,000 frames is the 990th slowest:
/// one frame in a hundred is slower than it.
struct Stats {
    let sorted: [Double]

    init(_ milliseconds: [Double]) { sorted = milliseconds.sorted() }

    var count: Int { sorted.count }
    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var max: Double { sorted.last ?? 0 }
    var min: Double { sorted.first ?? 0 }

    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((Double(sorted.count) * p).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }
}

/// Elapsed time of `body` in milliseconds, on the monotonic clock.
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return Report.ms(clock.now - start)
}

/// CPU time this thread has used, in milliseconds: separates a frame's own cost from time it
/// spent preempted on a busy machine.
func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
}
