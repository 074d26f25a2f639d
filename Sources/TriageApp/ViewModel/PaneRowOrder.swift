import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// The order the Services, Containers and Pods panes show their rows in: the picture's
/// (``OutageEntity/outageOrder(_:_:)``: worst first, the newest change first within a state), so a
/// pane lists its failures as the wall does. The pane builders and ``SelectedEntity`` both sort
/// here, so the highlighted row is the one a detail view opens. `b` (only broken) and a `/` filter
/// narrow the rows first; `beforeFilter` is how many `b` left, for the filter's "3 of 12".
enum PaneRowOrder {
    static func services(_ snapshot: DashboardSnapshot, picture: OutageEntities, ui: UIState) -> [ServiceRow] {
        servicesCounted(snapshot, picture: picture, ui: ui).rows
    }

    static func containers(_ hosts: [DockerSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> [ContainerInfo] {
        containersCounted(hosts, picture: picture, ui: ui, now: now).rows
    }

    static func pods(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date) -> [PodInfo] {
        podsCounted(contexts, picture: picture, ui: ui, now: now).rows
    }

    /// The Pods pane's node rows, after its pods: worst first, then by name (as its nodes line);
    /// `b` keeps the nodes that are not all ok, a `/` filter matches the name and the status.
    static func nodes(_ contexts: [KubeSnapshot], ui: UIState) -> [NodeInfo] {
        var nodes = contexts.flatMap(\.nodes)
        if ui.brokenOnly.contains(.pods) { nodes = nodes.filter { $0.healthState != .ok } }
        nodes = ui.filtered(nodes, in: .pods) { [$0.name, $0.context, PodsPaneBuilder.conditionsText($0)] }
        // Each node's state worked out once, not per comparison (its conditions read again each
        // time): the same comparisons, so the same order.
        let keys = nodes.map { (state: $0.healthState, name: $0.name, context: $0.context) }
        return nodes.indices.sorted { a, b in
            (keys[a].state, keys[b].name, keys[b].context) > (keys[b].state, keys[a].name, keys[a].context)
        }.map { nodes[$0] }
    }

    /// The checks and the Alertmanagers' alerts together (``ServiceRow``), in the picture's order.
    static func servicesCounted(_ snapshot: DashboardSnapshot, picture: OutageEntities, ui: UIState) -> (rows: [ServiceRow], beforeFilter: Int) {
        var rows = snapshot.serviceOrder.compactMap { snapshot.services[$0].map(ServiceRow.check) }
        rows += picture.of(source: "alertmanager:").map(ServiceRow.alert)
        if ui.brokenOnly.contains(.services) { rows = rows.filter { $0.state != .ok } }
        let beforeFilter = rows.count
        rows = ui.filtered(rows, in: .services, fields: \.filterFields)
        // Each key looked up once, not per comparison: ten thousand checks are sorted every frame.
        // Stable: equal ranks (a picture without these checks) keep the config order.
        let keyed = rows.enumerated().map { (rank: picture.rank[$0.element.key] ?? Int.max, offset: $0.offset, row: $0.element) }
        let sorted = keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.row.state != b.row.state { return a.row.state > b.row.state }
            return a.offset < b.offset
        }.map(\.row)
        return (sorted, beforeFilter)
    }

    /// Where a container is in the docker hosts' arrays: its host's slot and its index there.
    struct ContainerPlace: Equatable {
        var slot: Int
        var index: Int
    }

    /// - Returns: also where each row is in `hosts` when the order is the picture's alone (the
    ///   severity sort with every row ranked apart; nil otherwise), and whether the order asked the
    ///   time (``ContainersPaneRows``): only the severity sort's tie-break does, for rows the
    ///   picture does not rank apart.
    static func containersCounted(
        _ hosts: [DockerSnapshot], picture: OutageEntities, ui: UIState, now: Date
    ) -> (rows: [ContainerInfo], places: [ContainerPlace]?, beforeFilter: Int, askedTheTime: Bool) {
        var all = hosts.enumerated().flatMap { slot, host in
            host.containers.indices.map { (host.host, host.containers[$0], ContainerPlace(slot: slot, index: $0)) }
        }
        if ui.brokenOnly.contains(.containers) { all = all.filter { $0.1.healthState != .ok } }
        let beforeFilter = all.count
        all = ui.filtered(all, in: .containers) { TableFilter.fields($0.1) }
        let key: ContainerSortKey = switch ui.containerSort {
        case .severity: .severity
        case .cpu: .cpu
        case .memory: .memory
        case .name: .name
        }
        guard key == .severity else { return (key.sorted(all.map(\.1), now: now), nil, beforeFilter, false) }
        let ranks = all.map { picture.rank["container:\($0.0)/\($0.1.name)"] ?? Int.max }
        // Every row ranked apart (the picture holds each of them): its order alone, which the
        // tie-break below could never change.
        if Set(ranks).count == ranks.count {
            let order = all.indices.sorted { ranks[$0] < ranks[$1] }
            return (order.map { all[$0].1 }, order.map { all[$0].2 }, beforeFilter, false)
        }
        // Ties (a picture without these rows) keep the severity sort's own order.
        let fallback = key.sorted(all.map(\.1), now: now)
        let position = Dictionary(fallback.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let keyed = all.indices.map { (rank: ranks[$0], position: position[all[$0].1.id] ?? 0, row: all[$0].1) }
        return (keyed.sorted { ($0.rank, $0.position) < ($1.rank, $1.position) }.map(\.row), nil, beforeFilter, true)
    }

    /// - Parameter inPictureOrder: where every pod of `contexts` is, in the picture's order, no two
    ///   with the same key (``PodEntityIndex``): with the severity order, the rows are those pods as
    ///   they are, grouped, with no rank looked up; the same rows as the ranks give.
    static func podsCounted(
        _ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date, inPictureOrder: [PodEntityIndex.Origin]? = nil
    ) -> (rows: [PodInfo], beforeFilter: Int) {
        if ui.podSort == .severity, let inPictureOrder {
            let (places, beforeFilter) = podPlaces(contexts, places: inPictureOrder, ui: ui, now: now)
            return (places.map { contexts[$0.slot].pods[$0.index] }, beforeFilter)
        }
        var pods = contexts.flatMap(\.pods)
        if ui.brokenOnly.contains(.pods) { pods = pods.filter { $0.isBroken(now: now) } }
        let beforeFilter = pods.count
        pods = ui.filtered(pods, in: .pods, fields: TableFilter.fields)
        // Sorted as positions, each pod's rank looked up once: sorting the pods themselves copied
        // every pod's fields at each step, a frame's largest cost with 5,000 pods.
        let ranks = pods.map { picture.rank[OutageEntities.podKey($0)] ?? Int.max }
        // `o` orders other than severity are the person's choice; severity is the picture's order.
        let rows: [PodInfo] = ui.podSort != .severity ? ui.podSort.sorted(pods, now: now) : pods.indices.sorted { a, b in
            if ranks[a] != ranks[b] { return ranks[a] < ranks[b] }
            return (pods[a].context, pods[a].namespace, pods[a].name) < (pods[b].context, pods[b].namespace, pods[b].name)
        }.map { pods[$0] }
        guard contexts.count > 1 else { return (rows, beforeFilter) }
        // Several contexts: grouped by context, the group with the worst pod first (the groups with
        // failures before the healthy ones), each group in the order above.
        var worst: [String: Int] = [:]
        for (index, pod) in pods.enumerated() { worst[pod.context] = min(worst[pod.context] ?? Int.max, ranks[index]) }
        let groupRank = rows.map { worst[$0.context] ?? Int.max }
        let grouped = rows.indices.sorted { a, b in
            if groupRank[a] != groupRank[b] { return groupRank[a] < groupRank[b] }
            if rows[a].context != rows[b].context { return rows[a].context < rows[b].context }
            return a < b
        }
        return (grouped.map { rows[$0] }, beforeFilter)
    }

    /// The Pods pane's rows in ``podsCounted(_:picture:ui:now:inPictureOrder:)``'s order: with the
    /// severity order and the picture's order of pods, their places, no pod copied (``PodRowList``).
    static func podRows(
        _ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date, inPictureOrder: [PodEntityIndex.Origin]? = nil
    ) -> (rows: PodRowList, beforeFilter: Int) {
        guard ui.podSort == .severity, let inPictureOrder else {
            let (rows, beforeFilter) = podsCounted(contexts, picture: picture, ui: ui, now: now)
            return (PodRowList(rows), beforeFilter)
        }
        let (places, beforeFilter) = podPlaces(contexts, places: inPictureOrder, ui: ui, now: now)
        return (PodRowList(contexts, places: places), beforeFilter)
    }

    /// The severity order of pods already in the picture's order: narrowed, then, with several
    /// contexts, grouped by context, the group whose first pod comes first in the picture first
    /// (the one with the worst pod), each group in the picture's order. Worked on the pods' places:
    /// a pod's copy is most of the cost with 5,000.
    private static func podPlaces(
        _ contexts: [KubeSnapshot], places: [PodEntityIndex.Origin], ui: UIState, now: Date
    ) -> (places: [PodEntityIndex.Origin], beforeFilter: Int) {
        var places = places
        if ui.brokenOnly.contains(.pods) { places = places.filter { contexts[$0.slot].pods[$0.index].isBroken(now: now) } }
        let beforeFilter = places.count
        places = ui.filtered(places, in: .pods) { TableFilter.fields(contexts[$0.slot].pods[$0.index]) }
        if contexts.count > 1 {
            // One group per context (no two share a name, each pod names its own: the caller's promise),
            // in the order their first pods come, each in its pods' order: counted, then each place
            // written where its group's next one goes (appending 5,000 places to growing groups and
            // joining them was 0.48 M instructions of a data frame).
            // Through the buffers: with 5,000 places, the checks on each subscript were most of
            // the 0.25 M instructions this took in a frame with a restarted pod (docs/PERFORMANCE.md (n)).
            var counts = [Int](repeating: 0, count: contexts.count)
            var order: [Int] = []
            var slotsInRange = true
            counts.withUnsafeMutableBufferPointer { counts in
                places.withUnsafeBufferPointer { places in
                    for place in places {
                        guard place.slot >= 0, place.slot < counts.count else { slotsInRange = false; return }
                        if counts[place.slot] == 0 { order.append(place.slot) }
                        counts[place.slot] &+= 1
                    }
                }
            }
            precondition(slotsInRange, "a pod's place names a context that is not there")
            var next = [Int](repeating: 0, count: contexts.count)
            var start = 0
            for slot in order {
                next[slot] = start
                start += counts[slot]
            }
            let grouped = [PodEntityIndex.Origin](unsafeUninitializedCapacity: places.count) { buffer, initialized in
                next.withUnsafeMutableBufferPointer { next in
                    places.withUnsafeBufferPointer { places in
                        for place in places {
                            (buffer.baseAddress! + next[place.slot]).initialize(to: place)
                            next[place.slot] &+= 1
                        }
                    }
                }
                initialized = places.count
            }
            places = grouped
        }
        return (places, beforeFilter)
    }
}
