import Foundation
import TriageCore
import TriageProbes
import TriageUI

/// Docker snapshots → the Containers pane: every container of every host, worst first by default.
///
/// A host whose engine cannot be reached keeps its last rows, muted as stale, with the CLI's own
/// words and the data's age above the table. Counts, severity order and staleness are the picture's
/// (``OutageEntities``), as the wall and `triage check` show them.
enum ContainersPaneBuilder {
    /// - Parameter picture: the session's ``OutageEntities``; the badge counts and the severity order
    ///   are its own (built from `hosts` alone when not given).
    /// - Parameter rows: the rows worked out for this picture and view, when kept from the last
    ///   frame (``PictureCache``); worked out here when not given.
    static func build(
        _ hosts: [DockerSnapshot], ui: UIState, now: Date, picture: OutageEntities? = nil, rows kept: ContainersPaneRows? = nil
    ) -> (PaneModel, rows: Int) {
        let worked = kept ?? ContainersPaneRows(hosts, picture: picture ?? OutageEntities(docker: hosts, now: now), ui: ui, now: now)
        let entities = worked.entities, staleKeys = worked.staleKeys, sorted = worked.containers, beforeFilter = worked.beforeFilter
        let multiHost = hosts.count > 1
        var columns: [Table.Column] = []
        if multiHost { columns.append(.init("HOST", .flex(min: 6, weight: 1), droppable: true)) }
        columns += [
            .init("NAME", .flex(min: 12, weight: 3)),
            .init("STATE", .flex(min: 12, weight: 4)),
            .init("SINCE", .fixed(6), align: .right),
            .init("RST", .fixed(3), align: .right),
            .init("CPU%", .fixed(6), align: .right),
            .init("MEM", .fixed(11), align: .right, droppable: true),
            .init("HEALTH", .fixed(9), droppable: true),
        ]
        let sortIndex: Int? = switch ui.containerSort {
        case .severity: nil
        case .cpu: multiHost ? 5 : 4
        case .memory: multiHost ? 6 : 5
        case .name: multiHost ? 1 : 0
        }
        let statsFailures = Dictionary(hosts.compactMap { host in host.statsFailure.map { (host.host, $0) } }, uniquingKeysWith: { a, _ in a })
        // Only the rows on screen are made (``Table/LazyRows``), as in the Pods pane.
        let rows = Table.LazyRows(count: sorted.count) { index in
            let c = sorted[index]
            return Self.row(c, multiHost: multiHost, stale: staleKeys.contains("container:\(c.host)/\(c.name)"), statsFailure: statsFailures[c.host] != nil,
                       now: now)
        }
        let table = Table(columns: columns, lazyRows: rows,
                          selected: ui.focus == .containers ? min(ui.selection[.containers] ?? 0, max(0, rows.count - 1)) : nil,
                          sortColumn: sortIndex, sortAscending: ui.containerSort == .name)
        var body: [PaneBlock] = []
        for host in hosts where host.failure != nil {
            let age = host.lastGoodAt.map { " · data from \(DurationText.age(.seconds(max(0, now.timeIntervalSince($0))))) ago" } ?? ""
            let tag = TerminalText.clean(host.host)
            let reason = TerminalText.clean(host.failure ?? "")
            // The CLI's own words often name the engine already ("Cannot connect to the Docker daemon
            // at unix://…"): the address is said once, so the reason fits a half-width pane.
            let lead = reason.contains(tag) ? "✖ " : "✖ \(tag): "
            body.append(.message(StyledLine([Span(lead, CellStyle(.crit, [.bold])), Span(reason + age, CellStyle(.crit))]), maxRows: 3))
        }
        // Figures missing because the stats stream failed: "?" in the cells, and why, once.
        for host in hosts where host.failure == nil {
            guard let failure = host.statsFailure,
                  host.containers.contains(where: { ($0.state == .running || $0.state == .paused) && $0.stats?.hasFigures != true }) else { continue }
            body.append(.message(StyledLine([Span("? figures: ", CellStyle(.unknown, [.bold])), Span(TerminalText.clean(failure), CellStyle(.unknown))]), maxRows: 1))
        }
        if hosts.isEmpty {
            body.append(.line(StyledLine("first docker round running…", CellStyle(.muted))))
        } else if rows.count == 0 {
            let empty = beforeFilter > 0 ? "no container matches (Esc clears the filter)"
                : ui.brokenOnly.contains(.containers) ? "nothing broken (b shows all)" : "no containers"
            body.append(.line(StyledLine(empty, CellStyle(.muted))))
        } else {
            body.append(.table(table))
        }
        // Containers and the hosts that did not answer ("?1": the host's own line above): the picture's counts.
        var badge = worked.counts
        badge += PaneBadge.stale(entities, now: now, named: multiHost)
        var state = worked.worstCounted ?? .unknown
        if entities.contains(where: { $0.staleSince != nil }) { state = max(state, .unknown) }
        var footerSpans = [Span("sort: \(ui.containerSort.rawValue)", CellStyle(.muted))]
        if ui.brokenOnly.contains(.containers) { footerSpans.append(Span(" · only broken", CellStyle(.accent))) }
        let summary = StyledLine(badge.isEmpty ? [Span("no containers", CellStyle(.muted))] : badge)
        let footer = ui.borderLine(.containers, matching: rows.count, of: beforeFilter, other: StyledLine(footerSpans))
        return (PaneModel(id: .containers, state: state, badge: StyledLine(badge), footer: footer, body: body, summary: summary), rows.count)
    }

    /// The SINCE cell: how long the container has been in its state, "▸ 12s" when that is recent.
    static func since(_ c: ContainerInfo, now: Date) -> StyledLine {
        guard let since = c.stateSince else { return StyledLine("—", CellStyle(.muted)) }
        let age = DurationText.age(.seconds(max(0, now.timeIntervalSince(since))))
        guard c.changedRecently(now: now) else { return StyledLine(age, CellStyle(.muted)) }
        return StyledLine("▸ " + age, CellStyle(c.healthState == .ok ? .accent : c.healthState.styleRole, [.bold]))
    }

    /// CPU% and MEM cells. Never blank without a reason: "—" for a container that is not running,
    /// "…" before its first figures, "?" when the stats stream failed (said above the table), and
    /// figures older than `ContainerStats.freshFor` kept but marked "~" and muted.
    static func figures(_ c: ContainerInfo, statsFailure: Bool, now: Date) -> (cpu: StyledLine, memory: StyledLine) {
        guard c.state == .running || c.state == .paused else {
            return (StyledLine("—", CellStyle(.muted)), StyledLine("—", CellStyle(.muted)))
        }
        guard let stats = c.stats, stats.hasFigures else {
            let mark = statsFailure ? StyledLine("?", CellStyle(.unknown)) : StyledLine("…", CellStyle(.muted))
            return (mark, mark)
        }
        let old = stats.isOld(at: now)
        let prefix = old ? "~" : ""
        let cpu = stats.cpuPercent.map { StyledLine(prefix + FixedDecimal.text($0, digits: 1), CellStyle(old ? .stale : .normal)) }
            ?? StyledLine("…", CellStyle(.muted))
        var memory = StyledLine("…", CellStyle(.muted))
        if let usage = stats.memoryUsageBytes {
            var text = prefix + HostPaneBuilder.bytes(UInt64(max(0, usage)))
            var role = StyleRole.normal
            if let percent = stats.memoryPercentOfLimit {
                text += " " + FixedDecimal.text(percent, digits: 0, width: 3) + "%"
                role = percent >= ContainerInfo.memoryWarnPercent ? .warn : .normal
            }
            memory = StyledLine(text, CellStyle(old ? .stale : role))
        }
        return (cpu, memory)
    }

    static func row(_ c: ContainerInfo, multiHost: Bool, stale: Bool, statsFailure: Bool = false, now: Date) -> Table.Row {
        let state = c.healthState
        var cells: [StyledLine] = []
        if multiHost { cells.append(StyledLine(TerminalText.clean(c.host), CellStyle(.muted))) }
        cells.append(StyledLine(TerminalText.clean(c.name)))
        // Not ok: the state column says why (its reason), which is what a responder needs first.
        let stateText = state == .ok ? c.state.word : TerminalText.clean(c.reason ?? c.state.word)
        cells.append(StyledLine("\(state.symbol) \(stateText)", CellStyle(state.styleRole, state >= .warn ? [.bold] : [])))
        cells.append(since(c, now: now))
        cells.append(StyledLine(c.restarts.map(String.init) ?? "", CellStyle(c.restartedRecently ? .warn : .normal)))
        let (cpu, memory) = figures(c, statsFailure: statsFailure, now: now)
        cells.append(cpu)
        cells.append(memory)
        let healthRole: StyleRole = c.health == .unhealthy ? .crit : c.health == .starting ? .warn : c.health == .healthy ? .ok : .muted
        cells.append(StyledLine(c.health == .none ? "—" : c.health.rawValue, CellStyle(healthRole)))
        return Table.Row(cells, baseRole: stale ? .stale : nil)
    }
}
