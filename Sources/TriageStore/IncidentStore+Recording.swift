import Foundation
import GRDB
import TriageCore

/// The outage picture recorded while an incident is open, and drills.
///
/// Everything written here passed the redactor already (``PictureRecorder`` redacts every entity and
/// log line it hands over); it is redacted again here, as every store write is, so no caller can
/// store a secret by skipping the recorder.
extension IncidentStore {
    /// Writes one round of the recording (its transitions with their log lines, and its key frame)
    /// in one transaction.
    public func recordPicture(incidentID: String, _ batch: PictureBatch) throws(StoreError) {
        guard !batch.isEmpty else { return }
        try write { db in
            try Self.requireIncident(db, id: incidentID)
            for transition in batch.transitions {
                let entity = transition.entity.redacted
                let figures = TransitionFigures(
                    kind: transition.kind.rawValue, previous: transition.previousState, entity: entity)
                try db.execute(
                    sql: """
                        INSERT INTO pictureTransition (incidentID, time, key, kind, state, reason, figures)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [incidentID, transition.time, entity.key, transition.kind.rawValue,
                                transition.stateAfter?.rawValue, entity.reason, figures.encoded()])
                let id = db.lastInsertedRowID
                for (position, line) in transition.logLines.suffix(PictureTransition.logLineLimit).enumerated() {
                    try db.execute(
                        sql: "INSERT INTO pictureLogLine (transitionID, position, text) VALUES (?, ?, ?)",
                        arguments: [id, position, SecretRedactor.redact(line)])
                }
            }
            if let frame = batch.keyFrame {
                let redacted = PictureKeyFrame(time: frame.time, entities: frame.entities.map(\.redacted))
                try db.execute(
                    sql: "INSERT INTO pictureKeyFrame (incidentID, time, frame) VALUES (?, ?, ?)",
                    arguments: [incidentID, frame.time, redacted.encoded()])
            }
        }
    }

    /// The incident's whole recording (empty for an incident recorded before triage recorded pictures).
    /// - Throws: `.notFound` for an unknown incident, `.incompatible` for a row this build cannot read.
    public func pictureRecording(incidentID: String) throws(StoreError) -> PictureRecording {
        let path = self.path
        let (frames, transitions) = try access {
            try pool.read { db in
                try Self.requireIncident(db, id: incidentID)
                let frames = try Row.fetchAll(
                    db, sql: "SELECT time, frame FROM pictureKeyFrame WHERE incidentID = ? ORDER BY time", arguments: [incidentID]
                ).map { row throws in
                    guard let frame = PictureKeyFrame.decoded(row["frame"], time: row["time"]) else {
                        throw StoreError.incompatible(path: path, reason: "unreadable key frame in \(incidentID)")
                    }
                    return frame
                }
                var lines: [Int64: [String]] = [:]
                for row in try Row.fetchAll(
                    db, sql: """
                        SELECT l.transitionID, l.text FROM pictureLogLine l JOIN pictureTransition t ON t.id = l.transitionID
                        WHERE t.incidentID = ? ORDER BY l.transitionID, l.position
                        """, arguments: [incidentID]) {
                    lines[row["transitionID"], default: []].append(row["text"])
                }
                let transitions = try Row.fetchAll(
                    db, sql: "SELECT id, time, figures FROM pictureTransition WHERE incidentID = ? ORDER BY time, id",
                    arguments: [incidentID]
                ).map { row throws in
                    guard let figures = TransitionFigures.decoded(row["figures"]),
                          let kind = PictureTransition.Kind(rawValue: figures.kind) else {
                        throw StoreError.incompatible(path: path, reason: "unreadable picture transition in \(incidentID)")
                    }
                    let id: Int64 = row["id"]
                    return PictureTransition(
                        time: row["time"], kind: kind, entity: figures.entity, previousState: figures.previous,
                        logLines: lines[id] ?? [])
                }
                return (frames, transitions)
            }
        }
        return PictureRecording(keyFrames: frames, transitions: transitions)
    }

    /// Marks an incident as a drill run from `recordingID`'s recording.
    public func markDrill(incidentID: String, recordingID: String) throws(StoreError) {
        try write { db in
            try Self.requireIncident(db, id: incidentID)
            try db.execute(
                sql: "INSERT OR REPLACE INTO incidentDrill (incidentID, recordingID) VALUES (?, ?)",
                arguments: [incidentID, recordingID])
        }
    }

    /// Every drill's incident id, with the incident whose recording it runs.
    public func drills() throws(StoreError) -> [String: String] {
        try access {
            try pool.read { db in
                var result: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT incidentID, recordingID FROM incidentDrill") {
                    result[row["incidentID"]] = row["recordingID"]
                }
                return result
            }
        }
    }

    /// Whether the incident is a drill.
    public func isDrill(incidentID: String) throws(StoreError) -> Bool {
        try access {
            try pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM incidentDrill WHERE incidentID = ?", arguments: [incidentID]) ?? false
            }
        }
    }
}

/// What the `figures` column holds: the rest of the transition, as compact JSON.
struct TransitionFigures: Codable {
    var kind: String
    var previous: HealthState?
    var entity: RecordedEntity

    enum CodingKeys: String, CodingKey { case kind = "c", previous = "p", entity = "e" }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decoded(_ text: String) -> TransitionFigures? {
        try? JSONDecoder().decode(TransitionFigures.self, from: Data(text.utf8))
    }
}
