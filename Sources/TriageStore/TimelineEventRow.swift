import Foundation
import GRDB
import TriageCore

/// The `timelineEvent` table's row; `id` is nil until inserted.
struct TimelineEventRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "timelineEvent"

    var id: Int64?
    var incidentID: String
    var time: Date
    var actor: String
    var kind: String
    var text: String
    var automatic: Bool

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func event(path: String) throws(StoreError) -> TimelineEvent {
        guard let kind = TimelineKind(rawValue: kind), let id else {
            throw .incompatible(path: path, reason: "unknown timeline event kind \"\(kind)\"")
        }
        return TimelineEvent(
            id: id, incidentID: incidentID, time: time, actor: actor, kind: kind, text: text, automatic: automatic)
    }
}
