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
    static func build(_ contexts: [KubeSnapshot], ui: UIState, now: Date, picture: OutageEntities? = nil) -> (PaneModel, rows: Int) {
        let picture = picture ?? OutageEntities(kubernetes: contexts, now: now)
        let entities = picture.of(source: "kube:")
        let (pods, beforeFilter) = PaneRowOrder.podsCounted(contexts, picture: picture, ui: ui, now: now)
        let stale = Set(entities.filter { $0.kind == .pod && $0.staleSince != nil }.map(\.key))
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
        let podRows = pods.map { pod -> Table.Row in
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
            return Table.Row(cells, baseRole: stale.contains(OutageEntities.podKey(pod)) ? .stale : nil)
        }
        // The table's row of each pod (headers come between the groups), then of each node under
        // a header of their own: the cursor counts pods, then nodes (``SelectedEntity``).
        let nodeRows = PaneRowOrder.nodes(contexts, ui: ui)
        var rows: [Table.Row] = []
        var tableIndex: [Int] = []
        rows.reserveCapacity(podRows.count + (grouped ? contexts.count : 0) + nodeRows.count + 1)
        for (index, row) in podRows.enumerated() {
            if grouped, index == 0 || pods[index - 1].context != pods[index].context,
               let context = contexts.first(where: { $0.context == pods[index].context }) {
                rows.append(.header(PodsContextHeader.line(context, now: now)))
            }
            tableIndex.append(rows.count)
            rows.append(row)
        }
        if !nodeRows.isEmpty {
            let failing = nodeRows.count { $0.healthState != .ok }
            rows.append(.header(StyledLine([Span("▾ nodes", CellStyle(.header, [.bold])),
                                            Span("  \(nodeRows.count)" + (failing > 0 ? " · \(failing) not ok" : ""), CellStyle(.muted))])))
            for node in nodeRows {
                tableIndex.append(rows.count)
                rows.append(Self.row(node, context: grouped))
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
        } else if podRows.isEmpty {
            let empty = beforeFilter > 0 ? "no pod matches (Esc clears the filter)"
                : ui.brokenOnly.contains(.pods) ? "nothing broken (b shows all)" : "no pods"
            body.append(.line(StyledLine(empty, CellStyle(.muted))))
        }
        if !rows.isEmpty {
            let sortIndex: Int? = switch ui.podSort {
            case .severity: nil
            case .restarts: 4
            case .age: 5
            case .name: 1
            }
            var table = Table(columns: columns, rows: rows,
                              selected: ui.focus == .pods ? tableIndex[min(ui.selection[.pods] ?? 0, tableIndex.count - 1)] : nil,
                              sortColumn: sortIndex, sortAscending: ui.podSort == .name)
            // Worst first: the failing pods are the top rows, and they come before the events. In
            // groups, the groups with failures come first: up to the last failing pod.
            if ui.podSort == .severity {
                table.priorityRows = grouped ? pods.lastIndex { $0.healthState(now: now) != .ok }.map { tableIndex[$0] + 1 } ?? 0
                    : pods.prefix { $0.healthState(now: now) != .ok }.count
            }
            body.append(.table(table))
        }
        let nodes = contexts.flatMap(\.nodes)
        var nodeState = HealthState.ok
        if !nodes.isEmpty {
            var spans = [Span("nodes ", CellStyle(.muted))]
            for node in nodes.sorted(by: { ($0.healthState, $1.name) > ($1.healthState, $0.name) }).prefix(6) {
                nodeState = max(nodeState, node.healthState)
                spans.append(Span("\(node.healthState.symbol) \(TerminalText.clean(node.name)) \(conditionsText(node))  ", CellStyle(node.healthState.styleRole)))
            }
            if nodes.count > 6 { spans.append(Span("+\(nodes.count - 6)", CellStyle(.muted))) }
            body.append(.line(StyledLine(spans)))
        }
        let events = contexts.flatMap(\.events).filter(\.isWarning).sorted { ($0.lastSeen ?? .distantPast) > ($1.lastSeen ?? .distantPast) }
        // Events get the rows the pods leave (the pod rows come first), every one of them when zoomed.
        let eventLines = events.prefix(Self.eventLimit).map { event in
            let age = event.lastSeen.map { DurationText.age(.seconds(max(0, now.timeIntervalSince($0)))) } ?? "?"
            return StyledLine([
                Span("⚠ \(age) ", CellStyle(.warn)),
                Span(TerminalText.clean(event.object) + " ", CellStyle(.normal, [.bold])),
                Span(TerminalText.clean(event.reason) + ": ", CellStyle(.warn)),
                Span(TerminalText.clean(event.message) + (event.count > 1 ? " (×\(event.count))" : ""), CellStyle(.muted)),
            ])
        }
        if !eventLines.isEmpty { body.append(.overflow(Array(eventLines), more: "events")) }
        // Pods and the contexts that did not answer ("?1": the context's own row above): the picture's counts.
        var badge = PaneBadge.counts(entities.filter { $0.kind == .pod || $0.kind == .source })
        if !events.isEmpty { badge.append(Span(" ⚠\(events.count)", CellStyle(.warn))) }
        badge += PaneBadge.stale(entities, now: now, named: contexts.count > 1)
        let counted = entities.filter { $0.kind == .pod || $0.kind == .source }
        var state = max(counted.map(\.state).max() ?? .unknown, nodeState)
        if entities.contains(where: { $0.staleSince != nil }) { state = max(state, .unknown) }
        var footerSpans = [Span("sort: \(ui.podSort.rawValue)", CellStyle(.muted))]
        if ui.brokenOnly.contains(.pods) { footerSpans.append(Span(" · only broken", CellStyle(.accent))) }
        let footer = ui.borderLine(.pods, matching: podRows.count, of: beforeFilter, other: StyledLine(footerSpans))
        let summary = StyledLine(badge.isEmpty ? [Span("no pods", CellStyle(.muted))] : badge)
        return (PaneModel(id: .pods, state: state, badge: StyledLine(badge), footer: footer, body: body, summary: summary), tableIndex.count)
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
