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

    /// The pods shown, in the pane's order (``PaneRowOrder/podsCounted(_:picture:ui:now:)``): places
    /// in the contexts' arrays when the picture's order of pods was given, so no pod is copied
    /// until its row is drawn.
    let pods: PodRowList
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
    /// - Parameter nodes: the nodes in the pane's order (``PaneRowOrder/nodes(_:ui:)``) when the caller kept them.
    init(_ contexts: [KubeSnapshot], picture: OutageEntities, ui: UIState, now: Date, inPictureOrder: [PodEntityIndex.Origin]? = nil,
         nodes: [NodeInfo]? = nil) {
        let (pods, beforeFilter) = PaneRowOrder.podRows(contexts, picture: picture, ui: ui, now: now, inPictureOrder: inPictureOrder)
        self.pods = pods
        self.beforeFilter = beforeFilter
        // The picture's Kubernetes entities read where they stand: copying 5,000 of them into lists
        // for the badge was a large part of a new picture's rows.
        let all = picture.all
        var stalePositions: [Int] = []
        var ok = 0, unknown = 0, warn = 0, crit = 0
        all.withUnsafeBufferPointer { all in
            for positions in picture.positions(ofSource: "kube:") {
                for position in positions {
                    if all[position].staleSince != nil { stalePositions.append(position) }
                    guard all[position].kind == .pod || all[position].kind == .source else { continue }
                    switch all[position].state {
                    case .ok: ok += 1
                    case .unknown: unknown += 1
                    case .warn: warn += 1
                    case .crit: crit += 1
                    }
                }
            }
        }
        staleEntities = stalePositions.sorted().map { all[$0] }
        stale = Set(staleEntities.filter { $0.kind == .pod }.map(\.key))
        let byState: [HealthState: Int] = [.ok: ok, .unknown: unknown, .warn: warn, .crit: crit]
        counts = PaneBadge.counts(byState)
        worstCounted = crit > 0 ? .crit : warn > 0 ? .warn : unknown > 0 ? .unknown : ok > 0 ? .ok : nil
        // Several contexts: one group per context under a header row that names it.
        let grouped = contexts.count > 1
        let nodes = nodes ?? PaneRowOrder.nodes(contexts, ui: ui)
        self.nodes = nodes
        var entries: [Entry] = []
        var tableIndex: [Int] = []
        // Room for the nodes too: growing past 5,000 entries copied them all.
        entries.reserveCapacity(pods.count + (grouped ? contexts.count : 0) + (nodes.isEmpty ? 0 : nodes.count + 1))
        tableIndex.reserveCapacity(pods.count + nodes.count)
        if grouped, let runs = pods.slotRuns() {
            // Places name their slot: a header before each run of one context's places, then its
            // pods, appended run by run (per pod, asking each place's slot twice was 0.1 M
            // instructions of a frame with 5,000 pods).
            for (run, (start, slot)) in runs.enumerated() {
                let end = run + 1 < runs.count ? runs[run + 1].start : pods.count
                entries.append(.header(slot))
                for index in start..<end {
                    tableIndex.append(entries.count)
                    entries.append(.pod(index))
                }
            }
        } else {
            for index in pods.indices {
                // Copies are matched by their context's name.
                if grouped, index == 0 || pods.context(at: index - 1) != pods.context(at: index),
                   let slot = contexts.firstIndex(where: { $0.context == pods.context(at: index) }) {
                    entries.append(.header(slot))
                }
                tableIndex.append(entries.count)
                entries.append(.pod(index))
            }
        }
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
            priorityRows = grouped ? pods.indices.last { pods.healthState(at: $0, now: now) != .ok }.map { tableIndex[$0] + 1 } ?? 0
                : pods.indices.prefix { pods.healthState(at: $0, now: now) != .ok }.count
        } else {
            priorityRows = nil
        }
    }
}
