import Foundation
import GRDB
import TriageCore

/// The `checklistTick` table's row: the latest state of one item in one incident.
struct ChecklistTickRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "checklistTick"

    var incidentID: String
    var itemKey: String
    var checked: Bool
    var actor: String
    var time: Date

    var tick: ChecklistTick {
        ChecklistTick(itemKey: itemKey, checked: checked, actor: actor, time: time)
    }
}
