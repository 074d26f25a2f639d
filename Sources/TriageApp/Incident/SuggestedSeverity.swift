import Foundation
import TriageCore

/// The severity the outage suggests for the open incident, as the Incident pane and the wall show
/// it: the config's `severity_rules:`, else the default rules from the incident's runbook.
enum SuggestedSeverity {
    /// Nil with no open incident, when no rule holds, or when it is the severity already declared.
    /// - Parameter pictureCache: the cache `picture` was last returned by, which keeps the rules'
    ///   tallies with it (``PictureCache/severityTallies(_:picture:now:)``); nil counts them here.
    static func current(
        session: IncidentSession?, picture: OutageEntities, rules: [SeverityRule]?, now: Date, pictureCache: PictureCache? = nil
    ) -> SeveritySuggestion? {
        guard let session, let incident = session.incident, incident.isOpen else { return nil }
        let rules = rules ?? SeveritySuggestion.defaultRules(for: session.runbook.severities)
        let evaluated = if let pictureCache {
            SeveritySuggestion.evaluate(rules, tallies: pictureCache.severityTallies(rules, picture: picture, now: now), entities: picture.all, now: now)
        } else {
            SeveritySuggestion.evaluate(rules, entities: picture.all, now: now)
        }
        guard let suggestion = evaluated,
              !SeverityLevel.sameName(suggestion.severity, incident.severity) else { return nil }
        return suggestion
    }
}
