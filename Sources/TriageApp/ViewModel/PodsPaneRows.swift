import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// What the Pods pane works out over every pod of a picture: the rows' order, the table's rows
/// (a context's header before its group), which rows are stale, how many must come before the
/// events, and the badge's counts. ``PictureCache`` keeps it across the frames that show the same
/// picture the same way (``Key``), so a clock frame does none of it: with 5,000 pods it was most of
/// a frame's cost (docs/PERFORMANCE.md (a)).
///
/// It depends on the time only through the pods' recent restarts, which the picture's own window
/// covers (``OutageEntities/nextChange(of:after:)``): a new picture makes a new one.
struct PodsPaneRows {
    /// The person's view of the pods: what narrows and orders them.
    struct Key: Equatable {
        var brokenOnly: Bool
        var filter: String?
        var sort: PodSortKey

        init(_ ui: UIState) {
            brokenOnly = ui.brokenOnly.contains(.pods)
            filter = ui.filters[.pods]?.text
            sort = ui.podSort
        }
    }

    /// A row of the table: a context's header (by its slot in the contexts), a pod (by its index in
    /// ``pods``), the nodes' header, or a node (by its index in ``nodes``).
    enum Entry: Sendable { case header(Int), pod(Int), nodesHeader, node(Int) }

    /// The pods shown, in the pane's order (``PaneRowOrder/podsCounted(_:picture:ui:now:)``).
    let pods: [PodInfo]
    /// How many `b` left, before the `/` filter.
    let beforeFilter: Int
    /// The nodes shown after the pods, worst first (``PaneRowOrder/nodes(_:ui:)``).
    let nodes: [NodeInfo]
    let entries: [Entry]
    /// The table row of each pod in ``pods``, then of each node in ``nodes``: the cursor counts
    /// pods, then nodes (``SelectedEntity``).
    let tableIndex: [Int]
    /// Keys of the pods judged from old data.
    let stale: Set<String>
    /// The rows that come before the events with the severity order: up to the last failing pod.
    let priorityRows: Int?
    /// The picture's pods and contexts that did not answer: the badge's counts.
    let counts: [Span]
    let worstCounted: HealthState?
    /// The picture's Kubernetes entities judged from old data (the badge's "stale 42s").
    let staleEntities: [OutageEntity]

    /// - Parameter inPictureOrder: where every pod of `contexts` is, in the picture's order, when
    ///   the caller keeps it and no two pods share a key (``PodEntityIndex``): the severity order
    ///   without a rank looked up per pod.
    init(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date, inPictureOrder: [PodEntityIndex.Origin]? = nil) {
        let entities = picture.of(source: "kube:")
        let (pods, beforeFilter) = PaneRowOrder.podsCounted(contexts, picture: picture, ui: ui, now: now, inPictureOrder: inPictureOrder)
        self.pods = pods
        self.beforeFilter = beforeFilter
        staleEntities = entities.filter { $0.staleSince != nil }
        stale = Set(staleEntities.filter { $0.kind == .pod }.map(\.key))
        let counted = entities.filter { $0.kind == .pod || $0.kind == .source }
        counts = PaneBadge.counts(counted)
        worstCounted = counted.map(\.state).max()
        // Several contexts: one group per context under a header row that names it.
        let grouped = contexts.count > 1
        var entries: [Entry] = []
        var tableIndex: [Int] = []
        entries.reserveCapacity(pods.count + (grouped ? contexts.count : 0))
        tableIndex.reserveCapacity(pods.count)
        for index in pods.indices {
            if grouped, index == 0 || pods[index - 1].context != pods[index].context,
               let slot = contexts.firstIndex(where: { $0.context == pods[index].context }) {
                entries.append(.header(slot))
            }
            tableIndex.append(entries.count)
            entries.append(.pod(index))
        }
        let nodes = PaneRowOrder.nodes(contexts, ui: ui)
        self.nodes = nodes
        if !nodes.isEmpty {
            entries.append(.nodesHeader)
            for index in nodes.indices {
                tableIndex.append(entries.count)
                entries.append(.node(index))
            }
        }
        self.entries = entries
        self.tableIndex = tableIndex
        // Worst first: the failing pods are the top rows, and they come before the events. In
        // groups, the groups with failures come first: up to the last failing pod.
        if ui.podSort == .severity {
            priorityRows = grouped ? pods.lastIndex { $0.healthState(now: now) != .ok }.map { tableIndex[$0] + 1 } ?? 0
                : pods.prefix { $0.healthState(now: now) != .ok }.count
        } else {
            priorityRows = nil
        }
    }
}
