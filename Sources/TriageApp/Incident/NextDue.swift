import Foundation
import TriageCore

/// The next thing an incident owes: an acknowledgement, a status update or an escalation.
///
/// Headers and the wall show it as one short phrase ("ack due in 2:10", "ack missed by 0:45",
/// "update due in 4:12", "L2 in 12:03"), coloured by how pressing it is.
public struct NextDue: Sendable, Equatable {
    public var text: String
    public var state: HealthState

    public init(text: String, state: HealthState) {
        self.text = text
        self.state = state
    }

    /// Minutes between status updates when the runbook does not say.
    public static let defaultStatusUpdateMinutes = 15

    /// What is due next, or nil for a resolved incident.
    ///
    /// Until the incident is acknowledged, the response target of its severity (from the runbook's
    /// severity scheme) comes first: due (warn in its last minute) or missed (crit). After that, the
    /// earlier of the next status update and the next timed escalation (the escalation on a tie); under two minutes is warn.
    public static func compute(incident: Incident, runbook: Runbook, now: Date) -> NextDue? {
        guard incident.isOpen else { return nil }
        let elapsed = now.timeIntervalSince(incident.startedAt)
        if incident.acknowledgedAt == nil, let minutes = runbook.severity(named: incident.severity)?.responseMinutes {
            let remaining = Double(minutes * 60) - elapsed
            if remaining >= 0 {
                return NextDue(text: "ack due in \(clock(remaining))", state: remaining < 60 ? .warn : .ok)
            }
            return NextDue(text: "ack missed by \(clock(-remaining))", state: .crit)
        }
        let interval = Double(max(1, runbook.statusUpdateMinutes ?? defaultStatusUpdateMinutes) * 60)
        let nextUpdate = (floor(max(0, elapsed) / interval) + 1) * interval
        var best = (seconds: nextUpdate - elapsed, text: "update due in")
        for escalation in runbook.escalations {
            guard let after = escalation.afterMinutes else { continue }
            let remaining = Double(after * 60) - elapsed
            if remaining > 0, remaining <= best.seconds { best = (remaining, "\(escalation.level) in") }
        }
        return NextDue(text: "\(best.text) \(clock(best.seconds))", state: best.seconds < 120 ? .warn : .ok)
    }

    static func clock(_ seconds: Double) -> String {
        DurationText.clock(.seconds(Int64(seconds.rounded(.down))))
    }
}
