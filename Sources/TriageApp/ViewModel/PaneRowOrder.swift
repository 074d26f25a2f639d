import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// The order the Services, Containers and Pods panes show their rows in: the picture's
/// (``OutageEntity/outageOrder(_:_:)``: worst first, the newest change first within a state), so a
/// pane lists its failures as the wall does. The pane builders and ``SelectedEntity`` both sort
/// here, so the highlighted row is the one a detail view opens.
enum PaneRowOrder {
    static func services(_ snapshot: DashboardSnapshot, picture: OutageEntities, ui: UIState) -> [ServiceCheckTrack] {
        var tracks = snapshot.serviceOrder.compactMap { snapshot.services[$0] }
        if ui.brokenOnly.contains(.services) { tracks = tracks.filter { $0.state != .ok } }
        // Each key looked up once, not per comparison: ten thousand checks are sorted every frame.
        // Stable: equal ranks (a picture without these checks) keep the config order.
        let keyed = tracks.enumerated().map { (rank: picture.rank["service:" + $0.element.name] ?? Int.max, offset: $0.offset, track: $0.element) }
        return keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.track.state != b.track.state { return a.track.state > b.track.state }
            return a.offset < b.offset
        }.map(\.track)
    }

    static func containers(_ hosts: [DockerSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> [ContainerInfo] {
        var all = hosts.flatMap { host in host.containers.map { (host.host, $0) } }
        if ui.brokenOnly.contains(.containers) { all = all.filter { $0.1.healthState != .ok } }
        let key: ContainerSortKey = switch ui.containerSort {
        case .severity: .severity
        case .cpu: .cpu
        case .memory: .memory
        case .name: .name
        }
        guard key == .severity else { return key.sorted(all.map(\.1), now: now) }
        // Ties (a picture without these rows) keep the severity sort's own order.
        let fallback = key.sorted(all.map(\.1), now: now)
        let position = Dictionary(fallback.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let keyed = all.map { (rank: picture.rank["container:\($0.0)/\($0.1.name)"] ?? Int.max, position: position[$0.1.id] ?? 0, row: $0.1) }
        return keyed.sorted { ($0.rank, $0.position) < ($1.rank, $1.position) }.map(\.row)
    }

    static func pods(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> [PodInfo] {
        var pods = contexts.flatMap(\.pods)
        if ui.brokenOnly.contains(.pods) { pods = pods.filter { $0.isBroken(now: now) } }
        let keyed = pods.map { (rank: picture.rank[OutageEntities.podKey($0)] ?? Int.max, pod: $0) }
        return keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            return (a.pod.context, a.pod.namespace, a.pod.name) < (b.pod.context, b.pod.namespace, b.pod.name)
        }.map(\.pod)
    }
}
