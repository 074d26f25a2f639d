import Foundation
import GRDB
import TriageCore

/// The `incident` table's row; kept apart from `Incident` so Core stays free of GRDB.
struct IncidentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "incident"

    var id: String
    var title: String
    var severity: String
    var status: String
    var commander: String?
    var runbookPath: String?
    var runbookHash: String?
    var startedAt: Date
    var detectedAt: Date?
    var acknowledgedAt: Date?
    var mitigatedAt: Date?
    var resolvedAt: Date?

    init(_ incident: Incident) {
        id = incident.id
        title = incident.title
        severity = incident.severity
        status = incident.status.rawValue
        commander = incident.commander
        runbookPath = incident.runbookPath
        runbookHash = incident.runbookHash
        startedAt = incident.startedAt
        detectedAt = incident.detectedAt
        acknowledgedAt = incident.acknowledgedAt
        mitigatedAt = incident.mitigatedAt
        resolvedAt = incident.resolvedAt
    }

    func incident(path: String) throws(StoreError) -> Incident {
        guard let status = IncidentStatus(rawValue: status) else {
            throw .incompatible(path: path, reason: "unknown incident status \"\(status)\" in \(id)")
        }
        return Incident(
            id: id, title: title, severity: severity, status: status, commander: commander,
            runbookPath: runbookPath, runbookHash: runbookHash, startedAt: startedAt, detectedAt: detectedAt,
            acknowledgedAt: acknowledgedAt, mitigatedAt: mitigatedAt, resolvedAt: resolvedAt)
    }
}
