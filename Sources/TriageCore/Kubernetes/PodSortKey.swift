import Foundation

/// The orders the Pods pane offers (`o` cycles them, as in Containers): worst first, most
/// restarts, youngest, or by name.
public enum PodSortKey: String, Sendable, CaseIterable {
    case severity, restarts, age, name

    /// The next order `o` moves to.
    public var next: PodSortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Sorts pods; ties fall back to namespace, name and context, so rows do not jump between
    /// refreshes. By severity, a pod that restarted in the last minutes comes first among pods of
    /// its severity, newest first: that is news. By age, the youngest first (a pod just replaced is
    /// the one to look at); pods without a creation time go last.
    public func sorted(_ pods: [PodInfo], now: Date) -> [PodInfo] {
        pods.sorted { a, b in
            switch self {
            case .severity:
                let sa = a.healthState(now: now), sb = b.healthState(now: now)
                if sa != sb { return sa > sb }
                let ra = Self.recentRestart(a, now: now), rb = Self.recentRestart(b, now: now)
                if (ra != nil) != (rb != nil) { return ra != nil }
                if let ra, let rb, ra != rb { return ra > rb }
            case .restarts:
                if a.restarts != b.restarts { return a.restarts > b.restarts }
            case .age:
                let x = a.creationTimestamp ?? .distantPast, y = b.creationTimestamp ?? .distantPast
                if x != y { return x > y }
            case .name:
                break
            }
            return (a.namespace, a.name, a.context) < (b.namespace, b.name, b.context)
        }
    }

    /// When the pod last restarted, if within `ContainerInfo.recentChangeWindow` of `now`.
    public static func recentRestart(_ pod: PodInfo, now: Date) -> Date? {
        guard pod.restarts > 0, let last = pod.columns.lastRestartAt,
              now.timeIntervalSince(last) < ContainerInfo.recentChangeWindow else { return nil }
        return last
    }
}
