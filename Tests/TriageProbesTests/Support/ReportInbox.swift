import Synchronization
import TriageCore

/// Collects a probe loop's reports so a test can await them one by one, with a real-time bound.
final class ReportInbox<Value: Sendable>: Sendable {
    private struct State {
        var reports: [ProbeReport<Value>] = []
        var taken = 0
    }

    private let state = Mutex(State())

    var deliver: @Sendable (ProbeReport<Value>) async -> Void {
        { report in self.state.withLock { $0.reports.append(report) } }
    }

    var count: Int { state.withLock { $0.reports.count } }

    /// The next report not yet taken, or nil when none arrives within `limit` of real time.
    func next(within limit: Duration = .seconds(5)) async -> ProbeReport<Value>? {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while clock.now < end {
            let report = state.withLock { state -> ProbeReport<Value>? in
                guard state.taken < state.reports.count else { return nil }
                state.taken += 1
                return state.reports[state.taken - 1]
            }
            if let report { return report }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }
}
