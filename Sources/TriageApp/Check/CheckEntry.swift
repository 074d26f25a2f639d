import Foundation
import TriageCore

/// One line of a `triage check` report: a service check, command check, query, container, pod, node,
/// host figure or probe source, with its state, the reason when it is not ok, and its own figures.
///
/// The same value feeds the JSON (`name`, `state`, `reason`, then `fields` in order) and the table
/// (columns pick fields by key), so the two outputs cannot disagree.
public struct CheckEntry: Sendable, Equatable {
    public var name: String
    public var state: HealthState
    /// Why the entry is not ok; always set when `state` is not `.ok`, nil when it is.
    public var reason: String?
    /// The entry's other figures, in the order the JSON shows them.
    public var fields: [JSONField]
    /// When it entered its state, as the picture (``OutageEntities``) says; `since` in the JSON.
    public var since: Date?
    /// The ``OutageEntity/key`` of the entity this entry shows, when it shows one: how the report
    /// takes state, reason and since from the one picture the wall and the panes use.
    public var pictureKey: String?

    public init(name: String, state: HealthState, reason: String?, pictureKey: String? = nil, fields: [JSONField] = []) {
        self.pictureKey = pictureKey
        self.name = name
        self.state = state
        if state == .ok {
            self.reason = nil
        } else {
            let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            self.reason = trimmed.isEmpty ? "state \(state.rawValue), no reason reported" : trimmed
        }
        self.fields = fields
    }

    /// The value of a column: `name`, `state`, `reason`, or one of `fields`.
    public func value(_ key: String) -> JSONValue? {
        switch key {
        case "name": .string(name)
        case "state": .string(state.rawValue)
        case "reason": reason.map(JSONValue.string)
        default: fields.first { $0.key == key }?.value
        }
    }

    /// Takes state, reason and since from the picture's entity (the reason rule above still holds).
    mutating func take(_ entity: OutageEntity) {
        self = CheckEntry(name: name, state: entity.state, reason: entity.reason, pictureKey: pictureKey, fields: fields)
        since = entity.since
    }

    /// The entry as a JSON object: `name`, `state`, `reason` (only when not ok), `since` when the
    /// entry shows an entity of the picture (null when its source does not say), then the fields.
    public var json: JSONValue {
        var object = [JSONField("name", .string(name)), JSONField("state", .string(state.rawValue))]
        if let reason { object.append(JSONField("reason", .string(reason))) }
        if pictureKey != nil { object.append(JSONField("since", .string(since.map(CheckReport.timestamp)))) }
        return .object(object + fields)
    }
}
