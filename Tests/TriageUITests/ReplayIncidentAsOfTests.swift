import Foundation
import Testing
import TriageCore
@testable import TriageApp

/// A replay's Incident pane shows the incident as it stood at the replay clock's position: the
/// store holds it as it is now, so the ticks, timeline events, severity and status made later are
/// taken back out (``IncidentAsOf``). Without it, a replay at 14:03 showed a tick made at 14:20
/// and the incident already resolved.
@Suite struct ReplayIncidentAsOfTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    func event(_ id: Int64, _ minutes: Double, _ kind: TimelineKind, _ text: String) -> TimelineEvent {
        TimelineEvent(id: id, incidentID: "INC-1", time: at(minutes), actor: "alice", kind: kind, text: text, automatic: false)
    }

    var incidentNow: Incident {
        Incident(id: "INC-1", title: "checkout (EU) down", severity: "P1", status: .resolved, commander: "bob",
                 startedAt: start, acknowledgedAt: at(2), mitigatedAt: at(20), resolvedAt: at(30))
    }

    /// Newest first, as the store gives them.
    var events: [TimelineEvent] {
        [
            event(7, 30, .status, "Resolved"),
            event(6, 20, .status, "Mitigating"),
            event(5, 15, .tick, "Restart the worker"),
            event(4, 10, .severity, "P1"),
            event(3, 5, .commander, "bob"),
            event(2, 2, .ack, "acknowledged"),
            event(1, 0, .status, "Declared \"checkout (EU) down\" (P2, Investigating)"),
        ]
    }

    var ticks: [String: ChecklistTick] {
        ["restart": ChecklistTick(itemKey: "restart", checked: true, actor: "alice", time: at(15))]
    }

    @Test func beforeAnyChangeItIsTheIncidentAsDeclared() throws {
        let past = IncidentAsOf(incident: incidentNow, ticks: ticks, evidence: [:], events: events, at: at(1))
        let incident = try #require(past.incident)
        #expect(incident.severity == "P2")
        #expect(incident.status == .investigating)
        #expect(incident.commander == nil)
        #expect(incident.acknowledgedAt == nil)
        #expect(incident.resolvedAt == nil)
        #expect(past.ticks.isEmpty)
        #expect(past.events.map(\.id) == [1])
    }

    @Test func midwayItHasTheChangesMadeByThen() throws {
        let past = IncidentAsOf(incident: incidentNow, ticks: ticks, evidence: [:], events: events, at: at(16))
        let incident = try #require(past.incident)
        #expect(incident.severity == "P1")
        #expect(incident.status == .investigating)
        #expect(incident.commander == "bob")
        #expect(incident.acknowledgedAt == at(2))
        #expect(incident.mitigatedAt == nil)
        #expect(past.ticks.keys.sorted() == ["restart"])
        #expect(past.events.map(\.id) == [5, 4, 3, 2, 1])
    }

    @Test func atTheEndItIsTheIncidentAsStored() throws {
        let past = IncidentAsOf(incident: incidentNow, ticks: ticks, evidence: [:], events: events, at: at(31))
        #expect(past.incident == incidentNow)
        #expect(past.events.count == events.count)
    }

    @Test func aDeclarationIsReadFromItsLastParenthesis() {
        #expect(IncidentAsOf.declaration("Declared \"db (primary) slow\" (P3, Identified), commander carol")! == ("P3", "Identified"))
        #expect(IncidentAsOf.declaration("Declared \"no figures\"") == nil)
    }
}
