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
        let rank = picture.rank
        // Stable: equal ranks (a picture without these checks) keep the config order.
        return tracks.enumerated().sorted { a, b in
            let x = rank["service:" + a.element.name] ?? Int.max, y = rank["service:" + b.element.name] ?? Int.max
            if x != y { return x < y }
            if a.element.state != b.element.state { return a.element.state > b.element.state }
            return a.offset < b.offset
        }.map(\.element)
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
        let rank = picture.rank
        let fallback = key.sorted(all.map(\.1), now: now)
        let position = Dictionary(fallback.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return all.sorted { a, b in
            let x = rank["container:\(a.0)/\(a.1.name)"] ?? Int.max, y = rank["container:\(b.0)/\(b.1.name)"] ?? Int.max
            if x != y { return x < y }
            return (position[a.1.id] ?? 0) < (position[b.1.id] ?? 0)
        }.map(\.1)
    }

    static func pods(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> [PodInfo] {
        var pods = contexts.flatMap(\.pods)
        if ui.brokenOnly.contains(.pods) { pods = pods.filter { $0.isBroken(now: now) } }
        let rank = picture.rank
        return pods.sorted { a, b in
            let x = rank[OutageEntities.podKey(a)] ?? Int.max, y = rank[OutageEntities.podKey(b)] ?? Int.max
            if x != y { return x < y }
            return (a.context, a.namespace, a.name) < (b.context, b.namespace, b.name)
        }
    }
}
