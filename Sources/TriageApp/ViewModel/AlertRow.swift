import Foundation
import TriageCore
import TriageUI

/// An Alertmanager's alert as a Services-pane row, in the check rows' columns: the name with its
/// labels, the state, `alert` where a check has its code, how long it has fired, and the summary.
///
/// An Alertmanager that could not be read (its source entity) is one `? UNKNOWN` row whose reason
/// runs from the CODE column to the pane's edge, as a kube context that is down is one row of the
/// Pods pane: no REASON column to lose in a narrow pane, no rows above the table.
enum AlertRow {
    static func row(for entity: OutageEntity, now: Date) -> Table.Row {
        let state = entity.state
        if entity.kind == .source {
            // The probe's reason starts with the row's own name ("alertmanager main: …"): said once.
            var reason = TerminalText.clean(entity.reason ?? "")
            let name = TerminalText.clean(entity.name)
            if reason.hasPrefix(name + ": ") { reason.removeFirst(name.count + 2) }
            let age = entity.since.map { " · answered " + DurationText.age(.milliseconds(Int64(max(0, now.timeIntervalSince($0)) * 1000))) + " ago" } ?? ""
            var row = Table.Row([
                StyledLine(name),
                StyledLine("\(state.symbol) \(state.label)", CellStyle(state.styleRole, state >= .warn ? [.bold] : [])),
                StyledLine(reason + age, CellStyle(state.styleRole)),
            ], baseRole: entity.staleSince != nil ? .stale : nil)
            row.spansFrom = 2
            return row
        }
        let since = entity.since.map { DurationText.age(.milliseconds(Int64(max(0, now.timeIntervalSince($0)) * 1000))) } ?? ""
        return Table.Row([
            StyledLine(TerminalText.clean(entity.name)),
            StyledLine("\(state.symbol) \(state.label)", CellStyle(state.styleRole, state >= .warn ? [.bold] : [])),
            StyledLine(entity.kind == .alert ? "alert" : "", CellStyle(.muted)),
            StyledLine(""),
            StyledLine(""),
            StyledLine(since, CellStyle(.muted)),
            StyledLine(TerminalText.clean(entity.reason ?? ""), CellStyle(state == .ok ? .muted : state.styleRole)),
        ], baseRole: entity.staleSince != nil ? .stale : nil)
    }
}
