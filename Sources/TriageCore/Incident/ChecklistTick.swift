import Foundation

/// The latest state of one checklist item in one incident, and who set it when.
///
/// An untick is kept (checked = false) rather than deleted, so the row can still say who cleared it.
/// `itemKey` is whatever stable key the runbook layer gives an item; the store does not interpret it.
public struct ChecklistTick: Sendable, Codable, Equatable {
    public var itemKey: String
    public var checked: Bool
    public var actor: String
    public var time: Date

    public init(itemKey: String, checked: Bool, actor: String, time: Date) {
        self.itemKey = itemKey
        self.checked = checked
        self.actor = actor
        self.time = time
    }
}
