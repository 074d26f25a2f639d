import TriageCore
@testable import TriageProbes

extension ProbeLoop {
    /// Waits (real time, bounded) until no round runs. A round hands its report to `deliver` before
    /// it clears `isRoundRunning`, so a test that has the report and then moves the clock must wait
    /// for this first: a tick that lands in between is skipped (single-flight) instead of starting
    /// the next round, and the test then waits in vain for that round's report.
    func waitUntilIdle(within limit: Duration = .seconds(10)) async -> Bool {
        let real = ContinuousClock()
        let end = real.now + limit
        while isRoundRunning {
            if real.now >= end { return false }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return true
    }
}
