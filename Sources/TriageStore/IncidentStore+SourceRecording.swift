import Foundation
import GRDB
import TriageCore

/// What the dashboard's panes were built from while an incident was open (``SourceRecording``):
/// source rows that changed, a key frame of every row now and then, and the log lines kept around
/// the picture's transitions. Written best effort by the recording writer, read by `triage replay`
/// and `triage drill`. Log lines are redacted again here, as every store write is; a row's body is
/// JSON that ``SnapshotSourceRows`` built from fields it redacted one by one, and its key went
/// through the redactor there too (rewriting JSON text with the redactor could break its syntax).
extension IncidentStore {
    /// Writes one round of the source recording in one transaction.
    public func recordSources(incidentID: String, _ batch: SourceBatch) throws(StoreError) {
        guard !batch.isEmpty else { return }
        try write { db in
            try Self.requireIncident(db, id: incidentID)
            for change in batch.changes {
                try db.execute(
                    sql: "INSERT INTO sourceRowChange (incidentID, time, source, key, body) VALUES (?, ?, ?, ?, ?)",
                    arguments: [incidentID, change.time, change.source, change.key, change.body])
            }
            for line in batch.logLines {
                try db.execute(
                    sql: "INSERT INTO sourceLogLine (incidentID, time, source, text) VALUES (?, ?, ?, ?)",
                    arguments: [incidentID, line.time, SecretRedactor.redact(line.source), SecretRedactor.redact(line.text)])
            }
            if let frame = batch.keyFrame {
                try db.execute(
                    sql: "INSERT INTO sourceKeyFrame (incidentID, time, frame) VALUES (?, ?, ?)",
                    arguments: [incidentID, frame.time, frame.rows.encoded()])
            }
        }
    }

    /// The incident's whole source recording (empty for an incident recorded before v4).
    /// - Throws: `.notFound` for an unknown incident, `.incompatible` for a key frame this build cannot read.
    public func sourceRecording(incidentID: String) throws(StoreError) -> SourceRecording {
        let path = self.path
        return try access {
            try pool.read { db in
                try Self.requireIncident(db, id: incidentID)
                let frames = try Row.fetchAll(
                    db, sql: "SELECT time, frame FROM sourceKeyFrame WHERE incidentID = ? ORDER BY time", arguments: [incidentID]
                ).map { row throws in
                    guard let rows = SourceRows.decoded(row["frame"]) else {
                        throw StoreError.incompatible(path: path, reason: "unreadable source key frame in \(incidentID)")
                    }
                    return SourceKeyFrame(time: row["time"], rows: rows)
                }
                let changes = try Row.fetchAll(
                    db, sql: "SELECT time, source, key, body FROM sourceRowChange WHERE incidentID = ? ORDER BY time, rowid",
                    arguments: [incidentID]
                ).map { row in SourceRowChange(time: row["time"], source: row["source"], key: row["key"], body: row["body"]) }
                let lines = try Row.fetchAll(
                    db, sql: "SELECT time, source, text FROM sourceLogLine WHERE incidentID = ? ORDER BY time, rowid",
                    arguments: [incidentID]
                ).map { row in RecordedLogLine(time: row["time"], source: row["source"], text: row["text"]) }
                return SourceRecording(keyFrames: frames, changes: changes, logLines: lines)
            }
        }
    }
}
