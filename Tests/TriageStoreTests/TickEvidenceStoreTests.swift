import Foundation
import GRDB
import Testing
import TriageCore
@testable import TriageStore

/// The `v3-tick-evidence` table: what a tick recorded about the outage, round-tripped through a real
/// database file, and carried into the tick's timeline text.
@Suite struct TickEvidenceStoreTests {
    /// 2026-11-23 19:42:10 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_462_930)

    @Test func aTickStoresItsEvidenceAndTheTimelineCarriesIt() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = try IncidentStore(path: temp.file("incidents.sqlite"))
        let incident = try store.createIncident(title: "Backend down", severity: "P2", at: Self.t0, actor: "alice")
        let at = Self.t0.addingTimeInterval(300)
        let evidence = TickEvidence(
            entityKey: "service:backend", entityName: "backend", state: .crit, reason: "HTTP 500", figures: "latency 12ms",
            since: at.addingTimeInterval(-192), at: at)
        #expect(try store.setTick(
            incidentID: incident.id, itemKey: "k", checked: true, actor: "alice", at: at, label: "Confirm backend is healthy",
            evidence: evidence))

        // Read back from a second connection, as the wall and `incident show` do.
        let reader = try IncidentStore(path: temp.file("incidents.sqlite"), mode: .readOnly)
        #expect(try reader.tickEvidence(incidentID: incident.id) == ["k": evidence])
        let tick = try #require(try reader.events(incidentID: incident.id).first)
        #expect(tick.kind == .tick)
        #expect(tick.text == "Confirm backend is healthy — backend CRIT HTTP 500 (latency 12ms) for 3m12s")
    }

    @Test func aSummaryRoundTripsAndAnUntickStoresNone() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = try IncidentStore(path: temp.file("incidents.sqlite"))
        let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "alice")
        let summary = TickEvidence(summary: "failing: 1 CRIT: backend", at: Self.t0.addingTimeInterval(10))
        try store.setTick(incidentID: incident.id, itemKey: "k", checked: true, actor: "a", at: summary.at, label: "Find what is down", evidence: summary)
        try store.setTick(
            incidentID: incident.id, itemKey: "k", checked: false, actor: "a", at: Self.t0.addingTimeInterval(20), label: "Find what is down",
            evidence: TickEvidence(summary: "never stored", at: Self.t0))
        #expect(try store.tickEvidence(incidentID: incident.id) == ["k": summary])
        let untick = try #require(try store.events(incidentID: incident.id).first)
        #expect(untick.kind == .untick && untick.text == "Find what is down")
    }

    @Test func evidenceTextsPassTheRedactor() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = try IncidentStore(path: temp.file("incidents.sqlite"))
        let incident = try store.createIncident(title: "t", severity: "P2", at: Self.t0, actor: "alice")
        let secret = "password=hunter2hunter2"
        try store.setTick(
            incidentID: incident.id, itemKey: "k", checked: true, actor: "a", at: Self.t0, label: "x",
            evidence: TickEvidence(entityKey: "check:db", entityName: "db", state: .crit, reason: "login failed \(secret)", at: Self.t0))
        let stored = try #require(try store.tickEvidence(incidentID: incident.id)["k"])
        #expect(!(stored.reason ?? "").contains("hunter2"))
        #expect(!(try store.events(incidentID: incident.id).first?.text ?? "").contains("hunter2"))
    }

    @Test func theTableComesWithItsOwnMigration() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        _ = try IncidentStore(path: temp.file("incidents.sqlite"))
        let queue = try DatabaseQueue(path: temp.file("incidents.sqlite"))
        let migrations = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.contains("v3-tick-evidence"))
        #expect(migrations.contains("v1-incidents-timeline-ticks"))
    }
}
