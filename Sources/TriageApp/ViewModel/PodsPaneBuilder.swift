import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// Kubernetes snapshots → the Pods pane: pods as kubectl shows them, node pressure, warning events.
///
/// The pod rows come first and always get rows; a failing context takes one row (all of it when
/// zoomed), the nodes one row, and the warning events whatever is left. Counts, order and staleness
/// are the picture's (``OutageEntities``), as the wall and `triage check` show them.
enum PodsPaneBuilder {
    /// Events drawn at most (a zoomed pane on a tall terminal); the badge counts them all.
    static let eventLimit = 200

    /// - Parameter picture: the session's ``OutageEntities``; the badge counts and the row order are
    ///   its own (built from `contexts` alone when not given).
    /// - Parameter rows: the rows worked out for this picture and view, when kept from the last
    ///   frame (``PictureCache``); worked out here when not given.
    /// - Parameter events: the warning events of `contexts`, when kept from the last frame
    ///   (``PictureCache``); sorted and cleaned here when not given.
    /// - Parameter headers: each context's header counts, in the order of `contexts`, when kept
    ///   from the last frame (``PictureCache``); counted for the headers on screen when not given.
    static func build(
        _ contexts: [KubeSnapshot], ui: UIState, now: Date, picture: OutageEntities? = nil, rows: PodsPaneRows? = nil,
        events kept: PodsPaneEvents? = nil, headers: [PodsContextHeader]? = nil
    ) -> (PaneModel, rows: Int) {
        let worked = rows ?? PodsPaneRows(contexts, picture: picture ?? OutageEntities(kubernetes: contexts, now: now), ui: ui, now: now)
        let pods = worked.pods, nodes = worked.nodes, beforeFilter = worked.beforeFilter, stale = worked.stale
        let tableIndex = worked.tableIndex
        // Several contexts: one group per context under a header row that names it (no CONTEXT column).
        let grouped = contexts.count > 1
        let columns: [Table.Column] = [
            .init("NAMESPACE", .flex(min: 9, weight: 2), droppable: true),
            .init("NAME", .flex(min: 14, weight: 4)),
            .init("READY", .fixed(5), align: .right),
            .init("STATUS", .flex(min: 16, weight: 2)),
            .init("RESTARTS", .fixed(12), align: .right, droppable: true),
            .init("AGE", .fixed(5), align: .right),
            .init("NODE", .flex(min: 6, weight: 1), droppable: true),
        ]
        // Only the rows on screen are made (``Table/LazyRows``): with 5,000 pods, making every
        // row's seven cells each frame was most of a frame's cost (`VisibleRowsTests`).
        let entries = worked.entries
        let rows = Table.LazyRows(count: entries.count) { row in
            switch entries[row] {
            case .header(let slot): .header((headers?[slot] ?? PodsContextHeader(contexts[slot], now: now)).line(contexts[slot], now: now))
            case .pod(let index): Self.row(pods[index], stale: stale.contains(OutageEntities.podKey(pods[index])), now: now)
            case .nodesHeader: Self.nodesHeader(nodes)
            case .node(let index): Self.row(nodes[index], context: grouped)
            }
        }
        let zoomed = ui.zoomed && ui.focus == .pods
        var body: [PaneBlock] = []
        for context in contexts where context.failure != nil {
            let age = context.lastGoodAt.map { " · data from \(DurationText.age(.seconds(max(0, now.timeIntervalSince($0))))) ago" } ?? ""
            // One row, cut, in the grid (wrapped, a refused context took three rows and every pod
            // row at 100x30); the whole text when the pane is zoomed.
            body.append(.message(StyledLine(TerminalText.clean(context.failure ?? "") + age, CellStyle(.crit, [.bold])), maxRows: zoomed ? 8 : 1))
        }
        if contexts.isEmpty {
            body.append(.line(StyledLine("first kubectl round running…", CellStyle(.muted))))
        } else if pods.isEmpty {
            let empty = beforeFilter > 0 ? "no pod matches (Esc clears the filter)"
                : ui.brokenOnly.contains(.pods) ? "nothing broken (b shows all)" : "no pods"
            body.append(.line(StyledLine(empty, CellStyle(.muted))))
        }
        if rows.count > 0 {
            let sortIndex: Int? = switch ui.podSort {
            case .severity: nil
            case .restarts: 4
            case .age: 5
            case .name: 1
            }
            var table = Table(columns: columns, lazyRows: rows,
                              selected: ui.focus == .pods ? tableIndex[min(ui.selection[.pods] ?? 0, tableIndex.count - 1)] : nil,
                              sortColumn: sortIndex, sortAscending: ui.podSort == .name)
            table.priorityRows = worked.priorityRows
            body.append(.table(table))
        }
        let allNodes = contexts.flatMap(\.nodes)
        var nodeState = HealthState.ok
        if !allNodes.isEmpty {
            var spans = [Span("nodes ", CellStyle(.muted))]
            // The worst first, then by name. Each node's state is judged once and positions are
            // sorted, not nodes: judging in the comparisons and moving whole nodes cost 40 nodes
            // 125,000 instructions a frame (docs/PERFORMANCE.md (m)).
            let states = allNodes.map(\.healthState)
            let order = allNodes.indices.sorted { a, b in
                states[a] != states[b] ? states[a] > states[b] : allNodes[a].name < allNodes[b].name
            }
            for index in order.prefix(6) {
                let (state, node) = (states[index], allNodes[index])
                nodeState = max(nodeState, state)
                spans.append(Span("\(state.symbol) \(TerminalText.clean(node.name)) \(conditionsText(node))  ", CellStyle(state.styleRole)))
            }
            if allNodes.count > 6 { spans.append(Span("+\(allNodes.count - 6)", CellStyle(.muted))) }
            body.append(.line(StyledLine(spans)))
        }
        let events = kept ?? PodsPaneEvents(contexts)
        // Events get the rows the pods leave (the pod rows come first), every one of them when zoomed.
        let eventLines = events.lines(now: now)
        if !eventLines.isEmpty { body.append(.overflow(eventLines, more: "events")) }
        // Pods and the contexts that did not answer ("?1": the context's own row above): the picture's counts.
        var badge = worked.counts
        if events.count > 0 { badge.append(Span(" ⚠\(events.count)", CellStyle(.warn))) }
        badge += PaneBadge.stale(worked.staleEntities, now: now, named: contexts.count > 1)
        var state = max(worked.worstCounted ?? .unknown, nodeState)
        if !worked.staleEntities.isEmpty { state = max(state, .unknown) }
        var footerSpans = [Span("sort: \(ui.podSort.rawValue)", CellStyle(.muted))]
        if ui.brokenOnly.contains(.pods) { footerSpans.append(Span(" · only broken", CellStyle(.accent))) }
        let footer = ui.borderLine(.pods, matching: pods.count, of: beforeFilter, other: StyledLine(footerSpans))
        let summary = StyledLine(badge.isEmpty ? [Span("no pods", CellStyle(.muted))] : badge)
        return (PaneModel(id: .pods, state: state, badge: StyledLine(badge), footer: footer, body: body, summary: summary), tableIndex.count)
    }

    /// One pod's row: kubectl's columns, muted when its context's data is stale.
    static func row(_ pod: PodInfo, stale: Bool, now: Date) -> Table.Row {
        let state = pod.healthState(now: now)
        let cells = [
            StyledLine(TerminalText.clean(pod.namespace), CellStyle(.muted)),
            StyledLine(TerminalText.clean(pod.name)),
            StyledLine(pod.readyText, CellStyle(pod.readyContainers < pod.totalContainers ? .warn : .normal)),
            StyledLine("\(state.symbol) " + TerminalText.clean(pod.status), CellStyle(state.styleRole, state >= .warn ? [.bold] : [])),
            StyledLine(pod.columns.restartsText(now: now), CellStyle(pod.restartedRecently(now: now) ? .warn : .normal)),
            StyledLine(pod.ageText(now: now), CellStyle(.muted)),
            StyledLine(TerminalText.clean(pod.node ?? ""), CellStyle(.muted)),
        ]
        return Table.Row(cells, baseRole: stale ? .stale : nil)
    }

    /// The header over the node rows: how many, and how many are not ready or under pressure.
    static func nodesHeader(_ nodes: [NodeInfo]) -> Table.Row {
        let failing = nodes.count { $0.healthState != .ok }
        return .header(StyledLine([Span("▾ nodes", CellStyle(.header, [.bold])),
                                   Span("  \(nodes.count)" + (failing > 0 ? " · \(failing) not ok" : ""), CellStyle(.muted))]))
    }

    /// A node's row, in the pods' columns: its name, and as STATUS what its nodes-line entry says
    /// (``conditionsText(_:)``); with several contexts its context where a pod has its namespace.
    static func row(_ node: NodeInfo, context: Bool) -> Table.Row {
        let state = node.healthState
        return Table.Row([
            StyledLine(context ? TerminalText.clean(node.context) : "", CellStyle(.muted)),
            StyledLine(TerminalText.clean(node.name)),
            StyledLine(""),
            StyledLine("\(state.symbol) " + TerminalText.clean(conditionsText(node)), CellStyle(state.styleRole, state >= .warn ? [.bold] : [])),
            StyledLine(node.unschedulable ? "cordoned" : "", CellStyle(.warn)),
            StyledLine(""),
            StyledLine(""),
        ])
    }

    /// What a node line says: kubectl's STATUS for a node that is not ready ("NotReady", "Unknown":
    /// its other conditions are moot), else the failing conditions by their Kubernetes names
    /// ("MemoryPressure,DiskPressure", "SchedulingDisabled"), which "Ready" alone hid; "Ready" when
    /// nothing fails.
    static func conditionsText(_ node: NodeInfo) -> String {
        guard node.isReady else { return node.statusText }
        var failing = node.pressures
        if node.unschedulable { failing.append("SchedulingDisabled") }
        return failing.isEmpty ? node.statusText : failing.joined(separator: ",")
    }
}
