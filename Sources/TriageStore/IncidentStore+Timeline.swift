import Foundation
import GRDB
import TriageCore

extension IncidentStore {
    /// Kinds that `appendEvent` records; the others change incident state and have their own methods.
    public static let appendableKinds: Set<TimelineKind> = [.note, .probe, .command, .timer, .export, .notify]

    /// Records a timeline event that changes no incident state: probe transitions, timers crossed,
    /// runbook commands run, exports issued, notes. The text is redacted before it is stored.
    ///
    /// - Throws: `.kindNeedsItsOwnMethod` for tick, untick, severity, status, commander and ack, whose
    ///   events must be written together with the state they describe.
    @discardableResult
    public func appendEvent(
        incidentID: String, kind: TimelineKind, text: String, actor: String, at time: Date = Date(),
        automatic: Bool = false
    ) throws(StoreError) -> TimelineEvent {
        guard Self.appendableKinds.contains(kind) else { throw .kindNeedsItsOwnMethod(kind: kind) }
        let row = try write { db in
            try Self.requireIncident(db, id: incidentID)
            return try Self.insertEvent(
                db, incidentID: incidentID, kind: kind, text: text, actor: actor, time: time, automatic: automatic)
        }
        return try row.event(path: path)
    }

    /// The incident's timeline, newest first (ties in time: last recorded first).
    /// - Parameter limit: at most this many events (the wall shows five).
    public func events(incidentID: String, limit: Int? = nil) throws(StoreError) -> [TimelineEvent] {
        let rows = try access {
            try pool.read { db in
                try Self.requireIncident(db, id: incidentID)
                var request = TimelineEventRow
                    .filter(Column("incidentID") == incidentID)
                    .order(Column("time").desc, Column("id").desc)
                if let limit { request = request.limit(limit) }
                return try request.fetchAll(db)
            }
        }
        return try rows.map { row throws(StoreError) in try row.event(path: path) }
    }

    /// The latest state of every item ever ticked in the incident, by item key (unticks included).
    public func ticks(incidentID: String) throws(StoreError) -> [String: ChecklistTick] {
        let rows = try access {
            try pool.read { db in
                try Self.requireIncident(db, id: incidentID)
                return try ChecklistTickRow.filter(Column("incidentID") == incidentID).fetchAll(db)
            }
        }
        return Dictionary(rows.map { ($0.itemKey, $0.tick) }, uniquingKeysWith: { _, last in last })
    }

    /// The evidence of each item's latest tick, by item key (items ticked without any: absent).
    /// A database whose writer has not added the table yet (read-only, older triage) has none.
    public func tickEvidence(incidentID: String) throws(StoreError) -> [String: TickEvidence] {
        let rows = try access {
            try pool.read { db -> [TickEvidenceRow] in
                try Self.requireIncident(db, id: incidentID)
                guard try db.tableExists(TickEvidenceRow.databaseTableName) else { return [] }
                return try TickEvidenceRow.filter(Column("incidentID") == incidentID).order(Column("time")).fetchAll(db)
            }
        }
        return Dictionary(rows.map { ($0.itemKey, $0.evidence) }, uniquingKeysWith: { _, last in last })
    }

    /// Inserts one event inside the caller's transaction; every stored text passes the redactor.
    @discardableResult
    static func insertEvent(
        _ db: Database, incidentID: String, kind: TimelineKind, text: String, actor: String, time: Date,
        automatic: Bool = false
    ) throws -> TimelineEventRow {
        var row = TimelineEventRow(
            id: nil, incidentID: incidentID, time: time, actor: actor, kind: kind.rawValue,
            text: SecretRedactor.redact(text), automatic: automatic)
        try row.insert(db)
        // Read back so the caller gets the time exactly as stored (millisecond precision).
        return try TimelineEventRow.fetchOne(db, key: row.id) ?? row
    }
}
