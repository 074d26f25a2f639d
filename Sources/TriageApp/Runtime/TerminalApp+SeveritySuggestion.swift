import Foundation
import TriageCore
import TriageUI

extension TerminalApp {
    /// `P`: sets the severity the Incident pane suggests (as shown on the last frame), recorded as
    /// any severity change. Nothing sets it without this key.
    mutating func acceptSuggestedSeverity() {
        guard needIncident() else { return }
        guard let suggestion = lastModel?.severitySuggestion else {
            ui.flash = StyledLine("no severity suggested: the outage matches the declared one, or no rule holds", CellStyle(.muted))
            return
        }
        session.setSeverity(suggestion.severity)
        ui.flash = StyledLine("severity \(TerminalText.clean(suggestion.severity)): \(TerminalText.clean(suggestion.reason))", CellStyle(.accent))
    }
}
