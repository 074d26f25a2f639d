import Foundation
import TriageCore
import TriageStore

/// One change a person (or triage itself) made to an incident, as a value: what the terminal thread
/// hands to the ``IncidentWriter`` instead of writing to SQLite itself.
///
/// Each case carries the time it was made, so a retry an hour later still records when the person
/// acted, and so a retry can recognise an event that is already stored (see ``IncidentWriter``).
/// Ticks carry the desired state, not "flip it": applying one twice is the same as applying it once.
public enum IncidentAction: Sendable, Equatable {
    /// `evidence`: what the item was about when ticked (see ``TickEvidenceMatcher``), stored with it.
    case tick(incidentID: String, itemKey: String, checked: Bool, label: String?, actor: String, at: Date, evidence: TickEvidence? = nil)
    case note(incidentID: String, text: String, actor: String, at: Date)
    case severity(incidentID: String, severity: String, actor: String, at: Date)
    case status(incidentID: String, status: IncidentStatus, actor: String, at: Date)
    case commander(incidentID: String, name: String?, actor: String, at: Date)
    case acknowledge(incidentID: String, actor: String, at: Date)
    case declare(title: String, severity: String, runbookPath: String?, runbookHash: String?, actor: String, at: Date)
    /// A timeline event that changes no state: probe transitions, timers, exports, commands.
    case event(incidentID: String, kind: TimelineKind, text: String, actor: String, automatic: Bool, at: Date)

    /// The incident it changes (nil for a declaration, which makes a new one).
    public var incidentID: String? {
        switch self {
        case .tick(let id, _, _, _, _, _, _), .note(let id, _, _, _), .severity(let id, _, _, _), .status(let id, _, _, _),
             .commander(let id, _, _, _), .acknowledge(let id, _, _), .event(let id, _, _, _, _, _):
            id
        case .declare:
            nil
        }
    }

    /// Made by triage on its own (probe transitions, timers), not typed by a person.
    public var isAutomatic: Bool {
        if case .event(_, _, _, _, let automatic, _) = self { return automatic }
        return false
    }

    /// Whether applying it again after an unknown outcome could record it twice (a new timeline row).
    /// Ticks, severity, status, commander and acknowledgement compare with the stored state first.
    var appendsAnEvent: Bool {
        switch self {
        case .note, .event, .declare: true
        default: false
        }
    }

    /// What a person would redo by hand, one line: printed to stderr when it could not be saved.
    public var summary: String {
        switch self {
        case .tick(let id, let key, let checked, let label, _, let at, _):
            "\(stamp(at)) \(id) \(checked ? "tick" : "untick") \(label ?? key)"
        case .note(let id, let text, _, let at): "\(stamp(at)) \(id) note: \(text)"
        case .severity(let id, let severity, _, let at): "\(stamp(at)) \(id) severity \(severity)"
        case .status(let id, let status, _, let at): "\(stamp(at)) \(id) status \(status.displayName)"
        case .commander(let id, let name, _, let at): "\(stamp(at)) \(id) commander \(name ?? "(none)")"
        case .acknowledge(let id, _, let at): "\(stamp(at)) \(id) acknowledge"
        case .declare(let title, let severity, _, _, _, let at): "\(stamp(at)) declare \(severity) \(title)"
        case .event(let id, let kind, let text, _, _, let at):
            "\(stamp(at)) \(id) \(kind.rawValue): \(text.split(separator: "\n").first.map(String.init) ?? "")"
        }
    }

    private func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Applies it to the store in one transaction; returns after the commit.
    ///
    /// - Parameter checkStored: the previous attempt failed in a way that might have committed (an
    ///   I/O error around the sync); an event already stored with the same kind, text, actor and time
    ///   is then not recorded again.
    func apply(to store: IncidentStore, checkStored: Bool) throws(StoreError) {
        if checkStored, try isAlreadyStored(in: store) { return }
        switch self {
        case .tick(let id, let key, let checked, let label, let actor, let at, let evidence):
            _ = try store.setTick(incidentID: id, itemKey: key, checked: checked, actor: actor, at: at, label: label, evidence: evidence)
        case .note(let id, let text, let actor, let at):
            _ = try store.addNote(incidentID: id, text: text, actor: actor, at: at)
        case .severity(let id, let severity, let actor, let at):
            _ = try store.setSeverity(incidentID: id, severity: severity, actor: actor, at: at)
        case .status(let id, let status, let actor, let at):
            _ = try store.setStatus(incidentID: id, status: status, actor: actor, at: at)
        case .commander(let id, let name, let actor, let at):
            _ = try store.setCommander(incidentID: id, commander: name, actor: actor, at: at)
        case .acknowledge(let id, let actor, let at):
            _ = try store.acknowledge(incidentID: id, actor: actor, at: at)
        case .declare(let title, let severity, let runbookPath, let runbookHash, let actor, let at):
            _ = try store.createIncident(title: title, severity: severity, runbookPath: runbookPath,
                                         runbookHash: runbookHash, detectedAt: at, at: at, actor: actor)
        case .event(let id, let kind, let text, let actor, let automatic, let at):
            _ = try store.appendEvent(incidentID: id, kind: kind, text: text, actor: actor, at: at, automatic: automatic)
        }
    }

    /// An event this action would append is already in the store (matched on kind, redacted text,
    /// actor and time to the millisecond, which is how the store keeps time).
    private func isAlreadyStored(in store: IncidentStore) throws(StoreError) -> Bool {
        guard appendsAnEvent else { return false }
        switch self {
        case .note(let id, let text, let actor, let at):
            return try Self.hasEvent(store, id, .note, text, actor, at)
        case .event(let id, let kind, let text, let actor, _, let at):
            return try Self.hasEvent(store, id, kind, text, actor, at)
        case .declare:
            return try storedIncident(in: store) != nil
        default:
            return false
        }
    }

    /// The incident this declaration made (or, for any other action, the one it changed), as stored.
    func storedIncident(in store: IncidentStore) throws(StoreError) -> Incident? {
        guard case .declare(let title, _, _, _, _, let at) = self else {
            guard let id = incidentID else { return nil }
            return try store.incident(id: id)
        }
        // The store keeps the title redacted, so compare with the title as it was stored.
        let stored = SecretRedactor.redact(title)
        return try store.listIncidents().first { $0.title == stored && abs($0.startedAt.timeIntervalSince(at)) < 0.002 }
    }

    private static func hasEvent(_ store: IncidentStore, _ id: String, _ kind: TimelineKind, _ text: String, _ actor: String, _ at: Date) throws(StoreError) -> Bool {
        let redacted = SecretRedactor.redact(text)
        return try store.events(incidentID: id, limit: 200).contains {
            $0.kind == kind && $0.actor == actor && $0.text == redacted && abs($0.time.timeIntervalSince(at)) < 0.002
        }
    }
}
