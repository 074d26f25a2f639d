import Foundation
import TriageCore
import TriageUI

/// Service checks → the Services pane: one row per HTTP, DNS, TCP or TLS check, command check and
/// Prometheus query, and one per Alertmanager alert (an Alertmanager that cannot be read is one
/// `? UNKNOWN` row with the reason).
///
/// Rows are in the picture's order (``PaneRowOrder``): worst first (critical, warning, unknown, ok),
/// the newest change first within a state, so the failing thing is at the top during an outage. Error text comes from outside (curl, a command's
/// output, Prometheus labels) and is cleaned to one safe line.
enum ServicesPaneBuilder {
    /// - Parameter notice: a standing warning shown above the table (an untrusted config's withheld commands).
    /// - Parameter picture: the session's ``OutageEntities``; the badge counts and the row order are
    ///   its own (built from `snapshot` when not given).
    /// - Parameter sparklines: the charts last drawn (``ServiceSparklines``), kept by the dashboard.
    static func build(
        _ snapshot: DashboardSnapshot, ui: UIState, now: Date, notice: String? = nil, picture: OutageEntities? = nil,
        sparklines: ServiceSparklines? = nil
    ) -> (PaneModel, rows: Int) {
        let picture = picture ?? OutageEntities(snapshot, now: now)
        // Before the broken-only filter: a shared curl failure is judged on every check.
        let sharedFailure = sharedCurlFailure(snapshot.serviceOrder.lazy.compactMap { snapshot.services[$0] })
        let (tracks, beforeFilter) = PaneRowOrder.servicesCounted(snapshot, picture: picture, ui: ui)
        // Rows are made only for what is on screen: with thousands of checks, building every row
        // every frame kept keys waiting (the TerminalFaultEndToEndTests 10,000-service test).
        let rows = Table.LazyRows(count: tracks.count) { index in
            switch tracks[index] {
            case .check(let track): row(for: track, now: now, sparklines: sparklines)
            case .alert(let entity): AlertRow.row(for: entity, now: now)
            }
        }
        // As wide as its longest word: "? UNKNOWN" (curl missing, first failures) read "? UNKN…" at 7.
        let stateWidth = tracks.contains { row in
            if case .check(let track) = row { return track.state == .unknown && !track.isFlapping }
            return row.state == .unknown
        } ? 9 : 7
        let table = Table(
            columns: [
                .init("NAME", .flex(min: 12, weight: 3)),
                .init("STATE", .fixed(stateWidth)),
                .init("CODE", .fixed(5), align: .right),
                .init("LATENCY", .fixed(8), align: .right),
                // Newest sample at the right edge, whatever the width: cut on the right, the
                // chart stopped short of now and looked frozen while the check was failing.
                .init("LAST 60", .flex(min: 10, weight: 2), droppable: true, keepsEnd: true),
                .init("CHANGED", .fixed(7), align: .right, droppable: true),
                .init("REASON", .flex(min: 10, weight: 3), droppable: true),
            ],
            lazyRows: rows, selected: ui.focus == .services ? min(ui.selection[.services] ?? 0, max(0, rows.count - 1)) : nil)
        let entities = picture.of(source: "services") + picture.of(source: "alertmanager:")
        let worst = entities.map(\.state).max() ?? .unknown
        let badge = PaneBadge.counts(entities)
        var body: [PaneBlock] = [.table(table)]
        if let shared = sharedFailure {
            body.insert(.message(StyledLine([Span("? HTTP checks: ", CellStyle(HealthState.unknown.styleRole, [.bold])),
                                             Span(TerminalText.clean(shared), CellStyle(HealthState.unknown.styleRole))]), maxRows: 2), at: 0)
        }
        if tracks.isEmpty {
            let empty = beforeFilter > 0 ? "no check matches (Esc clears the filter)"
                : ui.brokenOnly.contains(.services) ? "nothing failing (b shows all)" : "waiting for the first round…"
            body = [.line(StyledLine(empty, CellStyle(.muted)))]
        }
        if let notice {
            body.insert(.message(StyledLine([Span("? ", CellStyle(.warn, [.bold])), Span(TerminalText.clean(notice), CellStyle(.warn, [.bold]))]), maxRows: 2), at: 0)
        }
        let footer = ui.borderLine(.services, matching: tracks.count, of: beforeFilter,
                                   other: ui.brokenOnly.contains(.services) ? StyledLine("only failing", CellStyle(.accent)) : nil)
        let summary = StyledLine(badge.isEmpty ? [Span("waiting…", CellStyle(.muted))] : badge)
        return (PaneModel(id: .services, state: worst, badge: StyledLine(badge), footer: footer, body: body, summary: summary), rows.count)
    }

    /// The reason every HTTP check (and Prometheus query) shares when curl itself could not run them
    /// ("curl: not found on PATH", curl killed at its deadline): all of them UNKNOWN with one reason.
    /// It is a fault of the probe, not of the services, and is said once above the table, where it
    /// is read whole even when the pane is too narrow for the REASON column.
    /// One pass over the tracks the frame already has, stopping at the first that is not failing
    /// the same way: with thousands of checks and most of them OK this costs one look per frame.
    static func sharedCurlFailure(_ tracks: some Sequence<ServiceCheckTrack>) -> String? {
        var shared: String?
        var sawHTTP = false
        for track in tracks where track.kind == .http || track.kind == .prometheus {
            guard track.state == .unknown, let reason = track.latest?.reason else { return nil }
            if let shared, shared != reason { return nil }
            shared = reason
            if track.kind == .http { sawHTTP = true }
        }
        return sawHTTP ? shared : nil
    }

    /// A check's LAST 60 chart: its latencies in milliseconds, a missing answer as a gap.
    static func sparkline(_ latencies: [Duration?], role: StyleRole) -> StyledLine {
        let values = latencies.map { $0.map { $0.seconds * 1000 } }
        return StyledLine(Sparkline(values: values).text(width: 60), CellStyle(role))
    }

    static func row(for track: ServiceCheckTrack, now: Date, sparklines: ServiceSparklines? = nil) -> Table.Row {
        let state = track.state
        let latest = track.latest
        var name = TerminalText.clean(track.name)
        if track.isFlapping { name += " ↯" }
        var stateText = "\(state.symbol) \(state.label)"
        if track.isFlapping { stateText = "↯ FLAP" }
        var code = ""
        var latency = ""
        var spark = StyledLine("")
        switch latest?.detail {
        case .http(let http):
            code = http.statusCode.map(String.init) ?? "—"
            latency = http.timings.total.map(format) ?? "—"
            // Marked by the check's own cert_warn/cert_crit, the thresholds its state was judged by.
            if let level = http.certificateState, level >= .warn { code += "!" }
        case .command(let command):
            code = command.exitCode.map(String.init) ?? "—"
            latency = format(command.duration)
        case .prometheus(let result):
            let values = result.samples.prefix(3).map { sampleText($0) }
            code = ""
            latency = result.samples.first.map { compact($0.value) } ?? "—"
            spark = StyledLine(values.joined(separator: "  "), CellStyle(state.styleRole))
        case .dns(let network):
            code = network.dnsStatus.map { String($0.prefix(5)) } ?? "—"
            latency = network.duration.map(format) ?? "—"
        case .tcp(let network):
            code = network.state == .crit ? "—" : "open"
            latency = network.duration.map(format) ?? "—"
        case .tls(let network):
            code = network.certificate.map { "\($0.daysLeft(now: now))d" } ?? "—"
            if let level = network.certificateState, level >= .warn { code += "!" }
            latency = network.duration.map(format) ?? "—"
        case nil:
            break
        }
        if track.kind != .prometheus {
            let role = state == .ok ? StyleRole.accent : state.styleRole
            spark = sparklines?.line(name: track.name, latencies: track.latencies, role: role) ?? sparkline(track.latencies, role: role)
        }
        let changed = track.sinceLastChange(now: now).map(DurationText.age) ?? ""
        let reason = latest?.reason.map(TerminalText.clean) ?? ""
        let stale = latest.map { now.timeIntervalSince($0.checkedAt) > 120 } ?? false
        return Table.Row([
            StyledLine(name),
            StyledLine(stateText, CellStyle(track.isFlapping ? .warn : state.styleRole, state >= .warn ? [.bold] : [])),
            StyledLine(code, CellStyle(state == .ok ? .normal : state.styleRole)),
            StyledLine(latency),
            spark,
            StyledLine(changed, CellStyle(.muted)),
            StyledLine(reason, CellStyle(state == .ok ? .muted : state.styleRole)),
        ], baseRole: stale ? .stale : nil, textCells: track.kind == .prometheus ? [4] : [])
    }

    static func sampleText(_ sample: PrometheusSample) -> String {
        let labels = sample.labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let prefix = labels.isEmpty ? "" : labels.joined(separator: ",") + " "
        return TerminalText.clean(prefix + compact(sample.value))
    }

    static func compact(_ value: Double) -> String {
        NumberText.si(value)
    }

    static func format(_ duration: Duration) -> String {
        let ms = Double(duration.milliseconds)
        // Under a millisecond (loopback) reads as such, not as a suspicious 0ms.
        if duration < .milliseconds(1) { return "<1ms" }
        if ms < 1000 { return "\(Int(ms))ms" }
        return String(format: "%.2fs", ms / 1000)
    }
}
