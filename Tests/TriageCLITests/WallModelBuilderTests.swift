import Foundation
import Testing
import TriageApp
import TriageCore
import TriageRunbook
import TriageStore
import TriageUI

/// The wall's model built from a real store: what another session did shows on the wall.
@Suite struct WallModelBuilderTests {
    static let utc = TimeZone(identifier: "UTC")!

    @Test func buildsFromTheStoreAndRenders() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let loaded = IncidentRunbookLoader.builtin()
        let writer = try IncidentStore(stateDirectory: state.path, mode: .readWrite)
        let incident = try writer.createIncident(
            title: "Checkout down", severity: "P1", runbookPath: loaded.path, runbookHash: loaded.hash, at: start,
            actor: "alice")
        let item = try #require(loaded.runbook.allItems.first)
        try writer.setTick(incidentID: incident.id, itemKey: item.key, checked: true, actor: "bob", at: start.addingTimeInterval(30), label: item.text)
        try writer.appendEvent(incidentID: incident.id, kind: .probe, text: "web went down", actor: "triage", at: start.addingTimeInterval(40), automatic: true)
        try writer.close()

        let reader = try IncidentStore(stateDirectory: state.path, mode: .readOnly)
        let stored = try reader.incident(id: incident.id)
        let (runbook, warning) = IncidentRunbookLoader.load(incident: stored)
        #expect(warning == nil)
        let now = start.addingTimeInterval(7 * 60 + 3)
        let model = WallModelBuilder.build(
            incident: stored, runbook: runbook, runbookWarning: warning, ticks: try reader.ticks(incidentID: stored.id),
            events: try reader.events(incidentID: stored.id, limit: WallModel.eventCount),
            outages: OutageEntities(all: [OutageEntity(state: .crit, kind: .service, name: "web", reason: "HTTP 503", since: now.addingTimeInterval(-40))],
                                    everySourceAnswered: true),
            now: now, lastChange: now.addingTimeInterval(-12), timeZone: Self.utc)
        try reader.close()

        #expect(model.incidentID == incident.id)
        #expect(model.severityState == .crit)
        #expect(model.status == "Investigating")
        #expect(model.statusState == .crit)
        #expect(model.elapsed == "7:03")
        #expect(model.nextDue == "ack missed by 2:03")
        #expect(model.nextDueState == .crit)
        #expect(model.lastChange == "12s")
        #expect(model.sections.first?.done == 1)
        #expect(model.sections.first?.overdue == true)  // Detection is "First 5 minutes"
        #expect(model.events.map(\.text) == ["web went down", "ticked: \(item.text)", "Declared \"Checkout down\" (P1, Investigating)"])
        #expect(model.events.map(\.automatic) == [true, false, false])
        #expect(model.events.first?.time == "11:07:20")

        let text = WallRenderer.render(model, width: 120, height: 40).text
        #expect(text.contains(incident.id))
        #expect(text.contains("ticked: \(item.text)"))
        #expect(text.split(separator: "\n").contains { $0.contains("✖ CRIT") && $0.contains("web") && $0.contains("HTTP 503") && $0.contains("▸ 40s") })
        #expect(model.outages == [WallModel.Outage(state: .crit, kind: "service", name: "web", reason: "HTTP 503", since: "40s", recent: true)])
        #expect(!model.allClear)
    }

    @Test func severityAndStatusColours() {
        #expect(WallModelBuilder.severityState("P0") == .crit)
        #expect(WallModelBuilder.severityState("SEV-1") == .crit)
        #expect(WallModelBuilder.severityState("p2") == .warn)
        #expect(WallModelBuilder.severityState("P3") == .ok)
        #expect(WallModelBuilder.severityState("Critical") == .crit)
        #expect(WallModelBuilder.severityState("High") == .warn)
        #expect(WallModelBuilder.severityState("Low") == .ok)
        #expect(WallModelBuilder.severityState("whatever") == .warn)
        #expect(WallModelBuilder.statusState(.investigating) == .crit)
        #expect(WallModelBuilder.statusState(.mitigating) == .warn)
        #expect(WallModelBuilder.statusState(.resolved) == .ok)
    }

    @Test func noIncidentAndWarnings() {
        let none = WallModelBuilder.build(
            incident: nil, runbook: BuiltinRunbook.parsed, ticks: [:], events: [], outages: OutageEntities(all: [], everySourceAnswered: true), now: Date(), lastChange: nil,
            timeZone: Self.utc)
        #expect(none.incidentID == nil)
        #expect(none.title == "No open incident")
        #expect(none.allClear)
        let incident = Incident(id: "INC-1", title: "T", severity: "P2", startedAt: Date())
        let warned = WallModelBuilder.build(
            incident: incident, runbook: BuiltinRunbook.parsed, runbookWarning: "runbook x changed", ticks: [:], events: [],
            outages: OutageEntities(all: [], everySourceAnswered: false), now: Date(), lastChange: nil, timeZone: Self.utc)
        #expect(warned.notice == "runbook x changed")
        #expect(!warned.allClear)
    }

    /// What the wall loop will call: a read-only session and the probes' snapshot.
    @Test func buildsFromAReadOnlySessionAndSnapshot() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let writer = try IncidentStore(stateDirectory: state.path, mode: .readWrite)
        let loaded = IncidentRunbookLoader.builtin()
        let incident = try writer.createIncident(
            title: "Queue stuck", severity: "P2", runbookPath: loaded.path, runbookHash: loaded.hash, actor: "alice")
        try writer.close()

        let reader = try IncidentStore(stateDirectory: state.path, mode: .readOnly)
        let session = IncidentSession(store: reader, problem: nil, readOnly: true, actor: "wall", defaultRunbookPath: nil)
        defer { session.stop() }
        var snapshot = DashboardSnapshot(startedAt: Date())
        snapshot.declareServices([("web", .http, .standard), ("queue", .command, .standard)])
        let model = WallModelBuilder.build(session: session, snapshot: snapshot, now: Date(), lastChange: nil, timeZone: Self.utc)
        #expect(model.incidentID == incident.id)
        #expect(model.title == "Queue stuck")
        #expect(model.severityState == .warn)
        #expect(model.readOnly)
        // No round yet: both checks are unknown with the reason, and nothing is "all clear".
        #expect(model.outages.map(\.name) == ["queue", "web"])
        #expect(model.outages.allSatisfy { $0.state == .unknown && $0.reason == "no result yet" })
        #expect(!model.allClear)
        #expect(model.sections.count == BuiltinRunbook.parsed.sections.filter { !$0.items.isEmpty }.count)
        #expect(model.events.count == 1)
    }
}
