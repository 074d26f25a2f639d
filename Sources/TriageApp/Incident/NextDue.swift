import Foundation
import TriageCore

/// The one thing an incident owes next, worded and coloured for the wall and `incident show`.
///
/// A thin view of `IncidentTimers` (the header's clocks), so every screen names the same deadline:
/// an unacknowledged incident's response target first ("ack due in 2:10", "ack missed by 0:45"),
/// then the next status update or escalation ("update #2 due in 4:12", "L2 in 12:03").
public struct NextDue: Sendable, Equatable {
    public var text: String
    /// crit once missed, warn in the last two minutes, ok before.
    public var state: HealthState

    public init(text: String, state: HealthState) {
        self.text = text
        self.state = state
    }

    /// What is due next, or nil for a resolved incident.
    /// - Parameter events: the incident's timeline (status updates issued reset the update clock).
    public static func compute(incident: Incident, runbook: Runbook, events: [TimelineEvent], now: Date) -> NextDue? {
        let items = IncidentTimers.evaluate(incident: incident, runbook: runbook, events: events, now: now)
        guard let first = IncidentTimers.headline(items, now: now, limit: 1).first else { return nil }
        let remaining = first.dueAt.timeIntervalSince(now)
        let state: HealthState = remaining <= 0 ? .crit : remaining < 120 ? .warn : .ok
        return NextDue(text: first.headerText(now: now), state: state)
    }
}
