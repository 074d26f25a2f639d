import Foundation
import TriageCore
import TriageUI

/// An Alertmanager's alert as a Services-pane row, in the check rows' columns: the name with its
/// labels, the state, `alert` where a check has its code, how long it has fired, and the summary.
enum AlertRow {
    static func row(for entity: OutageEntity, now: Date) -> Table.Row {
        let state = entity.state
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
