import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// Every store API against a real database file in a temporary directory.
@Suite struct IncidentStoreTests {
    /// 2026-11-23 19:42:10 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_462_930)

    func withStore(_ body: (IncidentStore, TemporaryDirectory) throws -> Void) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = try IncidentStore(path: temp.file("incidents.sqlite"))
        try body(store, temp)
    }

    @Test func createsIncidentWithMinuteIDAndDeclarationEvent() throws {
        try withStore { store, _ in
            let incident = try store.createIncident(
                title: "Checkout 502s", severity: "SEV2", runbookPath: "/rb/outage.md", runbookHash: "abc123",
                commander: "alice", detectedAt: Self.t0.addingTimeInterval(-120), at: Self.t0, actor: "bob@web-1")
            #expect(incident == Incident(
                id: "INC-20261123-1942", title: "Checkout 502s", severity: "SEV2", status: .investigating,
                commander: "alice", runbookPath: "/rb/outage.md", runbookHash: "abc123", startedAt: Self.t0,
                detectedAt: Self.t0.addingTimeInterval(-120)))
            #expect(try store.incident(id: incident.id) == incident)
            let events = try store.events(incidentID: incident.id)
            #expect(events.count == 1)
            #expect(events.first?.kind == .status)
            #expect(events.first?.text == "Declared \"Checkout 502s\" (SEV2, Investigating), commander alice")
            #expect(events.first?.actor == "bob@web-1")
            #expect(events.first?.time == Self.t0)
            #expect(events.first?.automatic == false)

            let second = try store.createIncident(title: "b", severity: "P1", at: Self.t0.addingTimeInterval(30), actor: "x")
            let third = try store.createIncident(title: "c", severity: "P1", at: Self.t0.addingTimeInterval(40), actor: "x")
            #expect(second.id == "INC-20261123-1942-2")
            #expect(third.id == "INC-20261123-1942-3")
        }
    }

    @Test func listsNewestFirstAndFindsLatestOpen() throws {
        try withStore { store, _ in
            #expect(try store.listIncidents().isEmpty)
            #expect(try store.latestOpenIncident() == nil)
            let old = try store.createIncident(title: "old", severity: "P3", at: Self.t0, actor: "a")
            let new = try store.createIncident(title: "new", severity: "P1", at: Self.t0.addingTimeInterval(3600), actor: "a")
            #expect(try store.listIncidents().map(\.id) == [new.id, old.id])
            #expect(try store.latestOpenIncident()?.id == new.id)
            try store.setStatus(incidentID: new.id, status: .resolved, actor: "a", at: Self.t0.addingTimeInterval(7200))
            #expect(try store.latestOpenIncident()?.id == old.id)
            try store.setStatus(incidentID: old.id, status: .resolved, actor: "a")
            #expect(try store.latestOpenIncident() == nil)
        }
    }

    @Test func unknownIncidentIsNotFoundEverywhere() throws {
        try withStore { store, _ in
            let missing = StoreError.notFound(incidentID: "INC-nope")
            #expect(throws: missing) { try store.incident(id: "INC-nope") }
            #expect(throws: missing) { try store.setTick(incidentID: "INC-nope", itemKey: "k", checked: true, actor: "a") }
            #expect(throws: missing) { try store.addNote(incidentID: "INC-nope", text: "t", actor: "a") }
            #expect(throws: missing) { try store.setSeverity(incidentID: "INC-nope", severity: "P1", actor: "a") }
            #expect(throws: missing) { try store.setStatus(incidentID: "INC-nope", status: .identified, actor: "a") }
            #expect(throws: missing) { try store.setCommander(incidentID: "INC-nope", commander: "c", actor: "a") }
            #expect(throws: missing) { try store.acknowledge(incidentID: "INC-nope", actor: "a") }
            #expect(throws: missing) {
                try store.appendEvent(incidentID: "INC-nope", kind: .probe, text: "t", actor: "a", automatic: true)
            }
            #expect(throws: missing) { try store.events(incidentID: "INC-nope") }
            #expect(throws: missing) { try store.ticks(incidentID: "INC-nope") }
        }
    }

    @Test func ticksAndUnticksWithEventsInTheSameWrite() throws {
        try withStore { store, _ in
            let id = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a").id
            let t1 = Self.t0.addingTimeInterval(60)
            let t2 = Self.t0.addingTimeInterval(120)
            #expect(try store.setTick(incidentID: id, itemKey: "detect/1", checked: true, actor: "alice", at: t1,
                                      label: "Check dashboards"))
            #expect(try store.setTick(incidentID: id, itemKey: "detect/2", checked: true, actor: "bob", at: t1))
            // Same state again (another session got there first): nothing written.
            #expect(try !store.setTick(incidentID: id, itemKey: "detect/1", checked: true, actor: "bob", at: t2))
            #expect(try !store.setTick(incidentID: id, itemKey: "never", checked: false, actor: "bob", at: t2))
            #expect(try store.setTick(incidentID: id, itemKey: "detect/2", checked: false, actor: "carol", at: t2))

            #expect(try store.ticks(incidentID: id) == [
                "detect/1": ChecklistTick(itemKey: "detect/1", checked: true, actor: "alice", time: t1),
                "detect/2": ChecklistTick(itemKey: "detect/2", checked: false, actor: "carol", time: t2),
            ])
            let events = try store.events(incidentID: id)
            #expect(events.map(\.kind) == [.untick, .tick, .tick, .status])
            #expect(events.map(\.text).prefix(3) == ["detect/2", "detect/2", "Check dashboards"])
            #expect(events.map(\.actor).prefix(3) == ["carol", "bob", "alice"])
        }
    }

    @Test func notesAreRedactedAndEventsComeNewestFirst() throws {
        try withStore { store, _ in
            let id = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a").id
            let note = try store.addNote(
                incidentID: id, text: "root cause: bad deploy; tried mysql -pS3cret", actor: "alice",
                at: Self.t0.addingTimeInterval(10))
            #expect(note.kind == .note)
            #expect(note.text == "root cause: bad deploy; tried mysql -p****")
            #expect(note.time == Self.t0.addingTimeInterval(10))
            // Same instant: the later insert comes first.
            let a = try store.appendEvent(incidentID: id, kind: .probe, text: "api: down", actor: "triage",
                                          at: Self.t0.addingTimeInterval(20), automatic: true)
            let b = try store.appendEvent(incidentID: id, kind: .timer, text: "ack target missed", actor: "triage",
                                          at: Self.t0.addingTimeInterval(20), automatic: true)
            let c = try store.appendEvent(
                incidentID: id, kind: .command, text: "$ curl -H 'Authorization: Bearer abc' https://h\nexit 0",
                actor: "alice", at: Self.t0.addingTimeInterval(30))
            let d = try store.appendEvent(incidentID: id, kind: .export, text: "status update #1 issued",
                                          actor: "alice", at: Self.t0.addingTimeInterval(5))
            #expect(c.text == "$ curl -H 'Authorization: Bearer ****' https://h\nexit 0")
            #expect(a.automatic && b.automatic && !c.automatic)
            let events = try store.events(incidentID: id)
            #expect(events.map(\.id) == [c.id, b.id, a.id, note.id, d.id, events.last!.id])
            #expect(try store.events(incidentID: id, limit: 2).map(\.id) == [c.id, b.id])
            // Stored text is redacted, not just the returned value.
            #expect(events.contains { $0.text.contains("S3cret") || $0.text.contains("abc'") } == false)
        }
    }

    @Test(arguments: [TimelineKind.tick, .untick, .severity, .status, .commander, .ack])
    func appendEventRefusesKindsThatChangeState(kind: TimelineKind) throws {
        try withStore { store, _ in
            let id = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a").id
            #expect(throws: StoreError.kindNeedsItsOwnMethod(kind: kind)) {
                try store.appendEvent(incidentID: id, kind: kind, text: "x", actor: "a")
            }
            #expect(try store.events(incidentID: id).count == 1)
        }
    }

    @Test func severityCommanderAndAcknowledgement() throws {
        try withStore { store, _ in
            let id = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "a").id
            let t1 = Self.t0.addingTimeInterval(100)
            #expect(try store.setSeverity(incidentID: id, severity: "P1", actor: "alice", at: t1))
            #expect(try !store.setSeverity(incidentID: id, severity: "P1", actor: "alice", at: t1))
            #expect(try store.setCommander(incidentID: id, commander: "alice", actor: "alice", at: t1))
            #expect(try store.setCommander(incidentID: id, commander: "bob", actor: "alice", at: t1))
            #expect(try !store.setCommander(incidentID: id, commander: "bob", actor: "alice", at: t1))
            #expect(try store.setCommander(incidentID: id, commander: nil, actor: "bob", at: t1))
            #expect(try store.acknowledge(incidentID: id, actor: "bob", at: t1))
            #expect(try !store.acknowledge(incidentID: id, actor: "carol", at: t1.addingTimeInterval(60)))

            let incident = try store.incident(id: id)
            #expect(incident.severity == "P1")
            #expect(incident.commander == nil)
            #expect(incident.acknowledgedAt == t1)
            let events = try store.events(incidentID: id).reversed().dropFirst().map { "\($0.kind.rawValue): \($0.text)" }
            #expect(events == [
                "severity: Severity P2 → P1",
                "commander: Commander: alice",
                "commander: Commander: bob (was alice)",
                "commander: Commander cleared (was bob)",
                "ack: Acknowledged",
            ])
        }
    }

    @Test func statusKeepsMilestoneTimesInStep() throws {
        try withStore { store, _ in
            let id = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a").id
            func at(_ minutes: Double) -> Date { Self.t0.addingTimeInterval(minutes * 60) }
            #expect(try !store.setStatus(incidentID: id, status: .investigating, actor: "a", at: at(1)))
            try store.setStatus(incidentID: id, status: .identified, actor: "a", at: at(5))
            try store.setStatus(incidentID: id, status: .mitigating, actor: "a", at: at(10))
            #expect(try store.incident(id: id).mitigatedAt == nil)
            try store.setStatus(incidentID: id, status: .monitoring, actor: "a", at: at(20))
            #expect(try store.incident(id: id).mitigatedAt == at(20))
            // The fix did not hold: mitigation is undone, then achieved again later.
            try store.setStatus(incidentID: id, status: .mitigating, actor: "a", at: at(25))
            #expect(try store.incident(id: id).mitigatedAt == nil)
            try store.setStatus(incidentID: id, status: .monitoring, actor: "a", at: at(30))
            try store.setStatus(incidentID: id, status: .resolved, actor: "a", at: at(60))
            var incident = try store.incident(id: id)
            #expect(incident.status == .resolved)
            #expect(incident.mitigatedAt == at(30))
            #expect(incident.resolvedAt == at(60))
            // Reopened to Investigating: neither resolved nor mitigated any more.
            try store.setStatus(incidentID: id, status: .investigating, actor: "a", at: at(70))
            incident = try store.incident(id: id)
            #expect(incident.resolvedAt == nil)
            #expect(incident.mitigatedAt == nil)
            // Straight to resolved counts as mitigated then.
            try store.setStatus(incidentID: id, status: .resolved, actor: "a", at: at(80))
            incident = try store.incident(id: id)
            #expect(incident.mitigatedAt == at(80))
            #expect(incident.resolvedAt == at(80))
            let statusTexts = try store.events(incidentID: id).filter { $0.kind == .status }.map(\.text)
            #expect(statusTexts.first == "Status Investigating → Resolved")
            #expect(statusTexts.count == 9)
        }
    }

    @Test func dataSurvivesReopening() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let id: String
        do {
            let store = try IncidentStore(path: path)
            id = try store.createIncident(title: "t", severity: "P1", at: Self.t0, actor: "a").id
            try store.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a", at: Self.t0)
            try store.close()
            #expect(throws: StoreError.self) { try store.listIncidents() }
        }
        let reopened = try IncidentStore(path: path)
        #expect(try reopened.ticks(incidentID: id)["k"]?.checked == true)
        #expect(try reopened.events(incidentID: id).count == 2)
        let readOnly = try IncidentStore(path: path, mode: .readOnly)
        #expect(try readOnly.incident(id: id).title == "t")
    }
}
