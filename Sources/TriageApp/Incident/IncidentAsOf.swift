import Foundation
import TriageCore

/// An incident as it stood at a moment of its past: what a replay's Incident pane shows at the
/// replay clock's position. The store keeps the incident as it is now; its timeline says when each
/// change was made, so everything made after the moment is taken back out.
///
/// Severity, status and commander come from the newest event of their kind at or before the
/// moment; before the first change of its kind, a field has the value the declaration gave it
/// (the declaration is a status event, "Declared "TITLE" (SEVERITY, STATUS)"), and without one of
/// either, the stored value stays.
struct IncidentAsOf {
    var incident: Incident?
    var ticks: [String: ChecklistTick]
    var evidence: [String: TickEvidence]
    /// Newest first, as the store gives them.
    var events: [TimelineEvent]

    init(incident: Incident?, ticks: [String: ChecklistTick], evidence: [String: TickEvidence], events: [TimelineEvent], at moment: Date) {
        let shownTicks = ticks.filter { $0.value.time <= moment }
        self.ticks = shownTicks
        self.evidence = evidence.filter { shownTicks[$0.key]?.checked == true }
        let shown = events.filter { $0.time <= moment }
        self.events = shown
        guard var incident else {
            self.incident = nil
            return
        }
        let oldestFirst = shown.reversed()
        let declared = events.last { $0.kind == .status && $0.text.hasPrefix("Declared ") }.flatMap { Self.declaration($0.text) }
        if let severity = oldestFirst.last(where: { $0.kind == .severity })?.text ?? declared?.severity {
            incident.severity = severity
        }
        let statusText = oldestFirst.last(where: { $0.kind == .status && !$0.text.hasPrefix("Declared ") })?.text ?? declared?.status
        if let statusText, let status = IncidentStatus.allCases.first(where: { $0.displayName == statusText }) {
            incident.status = status
        }
        if let commander = oldestFirst.last(where: { $0.kind == .commander }) {
            incident.commander = commander.text == "(none)" ? nil : commander.text
        } else if events.contains(where: { $0.kind == .commander }) {
            incident.commander = nil
        }
        if let acknowledged = incident.acknowledgedAt, acknowledged > moment { incident.acknowledgedAt = nil }
        if let mitigated = incident.mitigatedAt, mitigated > moment { incident.mitigatedAt = nil }
        if let resolved = incident.resolvedAt, resolved > moment { incident.resolvedAt = nil }
        self.incident = incident
    }

    /// The severity and status a declaration event names: `Declared "TITLE" (P2, Investigating)`,
    /// optionally followed by `, commander NAME`. The title may hold anything, so the figures are
    /// read from the last " (" on.
    static func declaration(_ text: String) -> (severity: String, status: String)? {
        guard let open = text.range(of: " (", options: .backwards), let close = text[open.upperBound...].firstIndex(of: ")") else { return nil }
        let parts = text[open.upperBound..<close].split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return nil }
        return (parts[0], parts[1])
    }
}
