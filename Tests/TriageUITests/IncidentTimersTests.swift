import Foundation
import Testing
import TriageCore
@testable import TriageApp

@Suite struct IncidentTimersTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func incident(severity: String = "P1", acknowledged: Date? = nil, status: IncidentStatus = .investigating) -> Incident {
        Incident(id: "INC-1", title: "t", severity: severity, status: status, startedAt: start, acknowledgedAt: acknowledged)
    }

    func event(_ kind: TimelineKind, _ text: String, at minutes: Double) -> TimelineEvent {
        TimelineEvent(id: 1, incidentID: "INC-1", time: start.addingTimeInterval(minutes * 60), actor: "a", kind: kind, text: text, automatic: false)
    }

    @Test func acknowledgementUsesTheRunbookTargetThenTheDefault() {
        let runbook = Runbook(title: "r", severities: [SeverityLevel(name: "P1", description: "", responseMinutes: 10, line: 1)])
        let due = IncidentTimers.evaluate(incident: incident(), runbook: runbook, events: [], now: start)
        #expect(due.first { $0.kind == .acknowledge }?.dueAt == start.addingTimeInterval(600))
        let fallback = IncidentTimers.evaluate(incident: incident(), runbook: Runbook(title: "r"), events: [], now: start)
        let ack = fallback.first { $0.kind == .acknowledge }
        #expect(ack?.dueAt == start.addingTimeInterval(900))
        #expect(ack?.crossingText.contains("default target") == true)
    }

    @Test func headerSaysDueInOrMissedBy() {
        let due = IncidentTimers.evaluate(incident: incident(severity: "P0"), runbook: nil, events: [], now: start)
        let ack = due.first { $0.kind == .acknowledge }!
        #expect(ack.headerText(now: start.addingTimeInterval(170)) == "ack due in 2:10")
        #expect(ack.headerText(now: start.addingTimeInterval(345)) == "ack missed by 0:45")
    }

    @Test func acknowledgedOrResolvedIncidentsOweNoAck() {
        #expect(!IncidentTimers.evaluate(incident: incident(acknowledged: start), runbook: nil, events: [], now: start).contains { $0.kind == .acknowledge })
        #expect(IncidentTimers.evaluate(incident: incident(status: .resolved), runbook: nil, events: [], now: start).isEmpty)
    }

    @Test func statusUpdateTimerResetsOnEachIssuedUpdate() {
        let runbook = Runbook(title: "r", statusUpdateMinutes: 30)
        let events = [event(.export, "status update #1 issued", at: 20)]
        let update = IncidentTimers.evaluate(incident: incident(), runbook: runbook, events: events, now: start).first { if case .statusUpdate = $0.kind { true } else { false } }
        #expect(update?.kind == .statusUpdate(number: 2))
        #expect(update?.dueAt == start.addingTimeInterval(50 * 60))
    }

    @Test func escalationsComeFromTheRunbookUntilMitigated() {
        let runbook = Runbook(title: "r", escalations: [EscalationTrigger(level: "L2", afterMinutes: 30, condition: "not resolved", line: 3)])
        let due = IncidentTimers.evaluate(incident: incident(), runbook: runbook, events: [], now: start)
        #expect(due.contains { $0.kind == .escalation(level: "L2") && $0.dueAt == start.addingTimeInterval(1800) })
        #expect(due.first { $0.kind == .escalation(level: "L2") }?.headerText(now: start.addingTimeInterval(1800 - 723)) == "L2 in 12:03")
        let mitigated = IncidentTimers.evaluate(incident: incident(status: .monitoring), runbook: runbook, events: [], now: start)
        #expect(!mitigated.contains { $0.kind == .escalation(level: "L2") })
    }

    @Test func onlyTheIncidentsSeverityEscalatesAndEachOnce() {
        // An escalation matrix: SEV-1 → CTO after 15 min, SEV-3 → Team Lead after 4 h, stated twice.
        let runbook = Runbook(title: "r", escalations: [
            EscalationTrigger(level: "CTO", afterMinutes: 15, condition: "SEV1 incident", line: 3, severity: "SEV1"),
            EscalationTrigger(level: "Team Lead", afterMinutes: 240, condition: "SEV3 incident", line: 4, severity: "SEV3", contact: "@lead"),
            EscalationTrigger(level: "Team Lead", afterMinutes: 240, condition: "SEV3 incident", line: 9, severity: "SEV3"),
            EscalationTrigger(level: "On-call", afterMinutes: 30, condition: "not resolved", line: 12),
        ])
        let due = IncidentTimers.evaluate(incident: incident(severity: "SEV-3"), runbook: runbook, events: [], now: start)
        let escalations = due.filter { if case .escalation = $0.kind { true } else { false } }
        #expect(escalations.map(\.shortName) == ["On-call", "Team Lead"])
        #expect(escalations.last?.crossingText == "escalation due: Team Lead (@lead) after 240m: SEV3 incident")
        let sev1 = IncidentTimers.evaluate(incident: incident(severity: "SEV1"), runbook: runbook, events: [], now: start)
        #expect(sev1.contains { $0.kind == .escalation(level: "CTO") })
        #expect(!sev1.contains { $0.kind == .escalation(level: "Team Lead") })
    }

    @Test func aRunbookWideTargetComesBeforeTheDefault() {
        // "**Expected Response Time:** < 5 minutes" under the alert: no per-level table.
        let runbook = Runbook(title: "r", declaredSeverity: "Critical", responseMinutes: 5)
        let due = IncidentTimers.evaluate(incident: incident(severity: "P3"), runbook: runbook, events: [], now: start)
        let ack = due.first { $0.kind == .acknowledge }
        #expect(ack?.dueAt == start.addingTimeInterval(300))
        #expect(ack?.crossingText.contains("default target") == false)
    }

    @Test func crossingsAreRecordedOnce() {
        let due = IncidentTimers.evaluate(incident: incident(severity: "P0"), runbook: nil, events: [], now: start)
        let later = start.addingTimeInterval(6 * 60)
        let first = IncidentTimers.newCrossings(due, events: [], now: later)
        #expect(first.map(\.kind) == [.acknowledge])
        let recorded = first.map { event(.timer, $0.crossingText, at: 6) }
        #expect(IncidentTimers.newCrossings(due, events: recorded, now: later).isEmpty)
    }
}
