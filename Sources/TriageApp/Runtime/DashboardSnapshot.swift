import Foundation
import TriageCore

/// Everything the probes know right now: the one value the view model reads.
///
/// Probes never touch the UI; they write their results here through ``SnapshotStore``, and the
/// terminal thread takes the newest snapshot when it draws, so a slow frame skips stale data.
public struct DashboardSnapshot: Sendable {
    public var startedAt: Date
    public var lastUpdate: Date?
    public var host: HostSnapshot?
    public var cpuHistory = History()
    public var memoryHistory = History()
    public var loadHistory = History()
    /// Service checks by name, and their config order.
    public var services: [String: ServiceCheckTrack] = [:]
    public var serviceOrder: [String] = []

    public init(startedAt: Date) { self.startedAt = startedAt }

    /// Declares the configured checks so the pane lists them before their first round.
    public mutating func declareServices(_ names: [(String, ServiceCheckResult.Kind, CheckStateMachine.Policy)]) {
        for (name, kind, policy) in names where services[name] == nil {
            services[name] = ServiceCheckTrack(name: name, kind: kind, policy: policy)
            serviceOrder.append(name)
        }
    }

    /// Feeds a round's results into each check's track; returns the checks whose shown state changed.
    @discardableResult
    public mutating func record(services results: [ServiceCheckResult]) -> [(name: String, from: HealthState, to: HealthState, reason: String?)] {
        var transitions: [(String, HealthState, HealthState, String?)] = []
        for result in results {
            var track = services[result.name] ?? ServiceCheckTrack(name: result.name, kind: result.kind)
            if services[result.name] == nil { serviceOrder.append(result.name) }
            let before = track.state
            track.record(result)
            services[result.name] = track
            if before != track.state { transitions.append((result.name, before, track.state, result.reason)) }
            lastUpdate = result.checkedAt
        }
        return transitions
    }

    public mutating func record(host sample: HostSnapshot) {
        host = sample
        lastUpdate = sample.time
        cpuHistory.append(sample.cpuPercent)
        memoryHistory.append(sample.memory?.usedPercent)
        loadHistory.append(sample.load?.one)
    }
}
