import Foundation

/// The orders the Containers pane offers: worst first, busiest CPU, biggest memory, or by name.
public enum ContainerSortKey: String, Sendable, CaseIterable {
    case severity, cpu, memory, name

    /// Sorts rows; ties (and rows without figures, which go last) fall back to host then name, so rows
    /// do not jump around between refreshes. By severity with `now`, a row whose state changed
    /// recently comes first among rows of its severity, the most recent first: a container that
    /// died 5 seconds ago is news, one dead for a day is not.
    public func sorted(_ rows: [ContainerInfo], now: Date? = nil) -> [ContainerInfo] {
        rows.sorted { a, b in
            switch self {
            case .severity:
                if a.healthState != b.healthState { return a.healthState > b.healthState }
                if let now {
                    let recentA = a.changedRecently(now: now), recentB = b.changedRecently(now: now)
                    if recentA != recentB { return recentA }
                    if recentA, let x = a.stateSince, let y = b.stateSince, x != y { return x > y }
                }
            case .cpu:
                let x = a.stats?.cpuPercent ?? -1, y = b.stats?.cpuPercent ?? -1
                if x != y { return x > y }
            case .memory:
                let x = a.stats?.memoryUsageBytes ?? -1, y = b.stats?.memoryUsageBytes ?? -1
                if x != y { return x > y }
            case .name:
                break
            }
            return (a.name, a.host, a.containerID) < (b.name, b.host, b.containerID)
        }
    }
}
