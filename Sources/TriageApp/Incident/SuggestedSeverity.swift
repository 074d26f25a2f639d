import Foundation
import TriageCore

/// The severity the outage suggests for the open incident, as the Incident pane and the wall show
/// it: the config's `severity_rules:`, else the default rules from the incident's runbook.
enum SuggestedSeverity {
    /// Nil with no open incident, when no rule holds, or when it is the severity already declared.
    static func current(session: IncidentSession?, picture: OutageEntities, rules: [SeverityRule]?, now: Date) -> SeveritySuggestion? {
        guard let session, let incident = session.incident, incident.isOpen else { return nil }
        let rules = rules ?? SeveritySuggestion.defaultRules(for: session.runbook.severities)
        guard let suggestion = SeveritySuggestion.evaluate(rules, entities: picture.all, now: now),
              !SeverityLevel.sameName(suggestion.severity, incident.severity) else { return nil }
        return suggestion
    }
}
