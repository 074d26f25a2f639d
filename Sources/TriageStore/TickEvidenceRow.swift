import Foundation
import GRDB
import TriageCore

/// The `tickEvidence` table's row: what one tick of one item recorded about the outage.
struct TickEvidenceRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tickEvidence"

    var incidentID: String
    var itemKey: String
    var time: Date
    var entityKey: String?
    var entityName: String?
    var state: String?
    var reason: String?
    var figures: String?
    var since: Date?
    var summary: String?

    /// Every text passes the redactor, as timeline texts do: a reason can quote an error that holds a token.
    init(incidentID: String, itemKey: String, evidence: TickEvidence) {
        self.incidentID = incidentID
        self.itemKey = itemKey
        time = evidence.at
        entityKey = evidence.entityKey
        entityName = evidence.entityName.map(SecretRedactor.redact)
        state = evidence.state?.rawValue
        reason = evidence.reason.map(SecretRedactor.redact)
        figures = evidence.figures.map(SecretRedactor.redact)
        since = evidence.since
        summary = evidence.summary.map(SecretRedactor.redact)
    }

    var evidence: TickEvidence {
        TickEvidence(
            entityKey: entityKey, entityName: entityName, state: state.flatMap(HealthState.init(rawValue:)), reason: reason,
            figures: figures, since: since, summary: summary, at: time)
    }
}
