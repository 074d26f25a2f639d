/// The orders the Containers pane offers: worst first, busiest CPU, biggest memory, or by name.
public enum ContainerSortKey: String, Sendable, CaseIterable {
    case severity, cpu, memory, name

    /// Sorts rows; ties (and rows without figures, which go last) fall back to host then name, so rows
    /// do not jump around between refreshes.
    public func sorted(_ rows: [ContainerInfo]) -> [ContainerInfo] {
        rows.sorted { a, b in
            switch self {
            case .severity:
                if a.healthState != b.healthState { return a.healthState > b.healthState }
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
