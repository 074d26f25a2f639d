import Foundation
import TriageCore

/// Something the incident owes by a time: an acknowledgement, a status update, an escalation.
public struct DueItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case acknowledge
        case statusUpdate(number: Int)
        case escalation(level: String)
    }
    public var kind: Kind
    public var dueAt: Date
    /// "ack", "update #3", "L2": how the header names it.
    public var shortName: String
    /// The timeline text recorded once when it falls due.
    public var crossingText: String

    public func isMissed(at now: Date) -> Bool { now >= dueAt }

    /// "ack due in 2:10" or "ack missed by 0:45".
    public func headerText(now: Date) -> String {
        let delta = dueAt.timeIntervalSince(now)
        let clock = DurationText.clock(.seconds(abs(delta)))
        switch kind {
        case .escalation:
            return delta > 0 ? "\(shortName) in \(clock)" : "\(shortName) due \(clock) ago"
        default:
            return delta > 0 ? "\(shortName) due in \(clock)" : "\(shortName) missed by \(clock)"
        }
    }
}

/// The incident's clocks, computed from its state, its runbook and its timeline. Pure.
public enum IncidentTimers {
    /// Response targets used when the runbook gives none (labelled as defaults wherever shown).
    public static let defaultResponseMinutes: [String: Int] = [
        "P0": 5, "SEV0": 5, "SEV1": 5, "CRITICAL": 5,
        "P1": 15, "SEV2": 15, "HIGH": 15,
        "P2": 60, "SEV3": 60, "MEDIUM": 60,
        "P3": 240, "SEV4": 240, "LOW": 240,
    ]

    public static let defaultStatusUpdateMinutes = 15

    /// The response target for a severity: the runbook's (for that level, else for the whole
    /// runbook), else the default table's. `isDefault` says which.
    public static func responseTarget(severity: String, runbook: Runbook?) -> (minutes: Int, isDefault: Bool)? {
        if let minutes = runbook?.responseTarget(severity: severity) { return (minutes, false) }
        let key = severity.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        return defaultResponseMinutes[key].map { ($0, true) }
    }

    /// Status updates issued so far: `export` events whose text starts "status update".
    public static func statusUpdates(in events: [TimelineEvent]) -> [TimelineEvent] {
        events.filter { $0.kind == .export && $0.text.lowercased().hasPrefix("status update") }
    }

    /// Everything due, soonest first. Nothing is due for a resolved incident.
    public static func evaluate(incident: Incident, runbook: Runbook?, events: [TimelineEvent], now: Date) -> [DueItem] {
        guard incident.status.isOpen else { return [] }
        var items: [DueItem] = []
        let start = incident.detectedAt ?? incident.startedAt
        if incident.acknowledgedAt == nil, let target = responseTarget(severity: incident.severity, runbook: runbook) {
            let note = target.isDefault ? " (default target)" : ""
            items.append(DueItem(kind: .acknowledge, dueAt: start.addingTimeInterval(Double(target.minutes) * 60), shortName: "ack",
                                 crossingText: "response target missed: \(incident.severity) not acknowledged within \(target.minutes)m\(note)"))
        }
        let updates = statusUpdates(in: events)
        let every = runbook?.statusUpdateMinutes ?? defaultStatusUpdateMinutes
        let last = updates.map(\.time).max() ?? incident.startedAt
        let number = updates.count + 1
        items.append(DueItem(kind: .statusUpdate(number: number), dueAt: last.addingTimeInterval(Double(every) * 60), shortName: "update #\(number)",
                             crossingText: "status update #\(number) due (every \(every)m)"))
        if !incident.status.isMitigated, let runbook {
            // Only the escalations of this incident's severity (and those tied to none), each once.
            var seen = Set<String>()
            for escalation in runbook.escalations(forSeverity: incident.severity) {
                guard let minutes = escalation.afterMinutes else { continue }
                let level = escalation.level.isEmpty ? "escalation" : escalation.level
                guard seen.insert("\(level)\u{0}\(minutes)").inserted else { continue }
                let contact = escalation.contact.map { " (\($0))" } ?? ""
                let condition = escalation.condition.isEmpty ? "" : ": \(escalation.condition)"
                items.append(DueItem(kind: .escalation(level: level), dueAt: start.addingTimeInterval(Double(minutes) * 60), shortName: level,
                                     crossingText: "escalation due: \(level)\(contact) after \(minutes)m\(condition)"))
            }
        }
        return items.sorted { $0.dueAt < $1.dueAt }
    }

    /// What the header shows: missed items first (most overdue), then the next upcoming ones.
    public static func headline(_ items: [DueItem], now: Date, limit: Int = 2) -> [DueItem] {
        let missed = items.filter { $0.isMissed(at: now) && $0.kind == .acknowledge }
        let upcoming = items.filter { !$0.isMissed(at: now) }
        let otherMissed = items.filter { $0.isMissed(at: now) && $0.kind != .acknowledge }
        return Array((missed + upcoming + otherMissed).prefix(limit))
    }

    /// Items that have fallen due and have no `timer` event yet: the ones to record now.
    public static func newCrossings(_ items: [DueItem], events: [TimelineEvent], now: Date) -> [DueItem] {
        let recorded = Set(events.filter { $0.kind == .timer }.map(\.text))
        return items.filter { $0.isMissed(at: now) && !recorded.contains($0.crossingText) }
    }
}
