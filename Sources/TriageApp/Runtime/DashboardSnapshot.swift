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

    public init(startedAt: Date) { self.startedAt = startedAt }

    public mutating func record(host sample: HostSnapshot) {
        host = sample
        lastUpdate = sample.time
        cpuHistory.append(sample.cpuPercent)
        memoryHistory.append(sample.memory?.usedPercent)
        loadHistory.append(sample.load?.one)
    }
}
