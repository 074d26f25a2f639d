import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook
import TriageStore

/// Exports from a real incident store, as `triage export` and the dashboard read it: events newest
/// first with millisecond times, texts already redacted, status updates counted from the timeline.
@Suite struct StoreRoundTripTests {
    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("triage-export-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        return String(cString: made)
    }

    static func input(_ store: IncidentStore, id: String, now: Date, runbook: Runbook) throws -> ExportInput {
        ExportInput(
            incident: try store.incident(id: id), events: try store.events(incidentID: id),
            ticks: try store.ticks(incidentID: id), runbook: runbook, live: .notCollected(reason: LiveFacts.cliReason),
            now: now, timeZone: ScriptedIncident.utc, actor: "carol")
    }

    @Test func statusUpdatesAreNumberedFromTheTimeline() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: directory)
        defer { try? store.close() }
        let runbook = BuiltinRunbook.parsed
        let t0 = ScriptedIncident.declared
        let incident = try store.createIncident(
            title: "Checkout API down", severity: "P1", runbookPath: BuiltinRunbook.sourceName, commander: "alice",
            at: t0, actor: "alice")
        try store.acknowledge(incidentID: incident.id, actor: "alice", at: t0.addingTimeInterval(95.25))
        try store.addNote(incidentID: incident.id, text: "impact: EU checkout; DB_PASSWORD=hunter2 in the env",
                          actor: "bob", at: t0.addingTimeInterval(120))
        let item = try #require(runbook.allItems.first)
        try store.setTick(incidentID: incident.id, itemKey: item.key, checked: true, actor: "alice",
                          at: t0.addingTimeInterval(130), label: item.text)

        // Update #1, recorded the way ExportCommand records it.
        var input = try Self.input(store, id: incident.id, now: t0.addingTimeInterval(300), runbook: runbook)
        #expect(input.updateNumber == 1)
        let first = StatusUpdate.draft(input, format: .text)
        #expect(first.message.contains("Impact: EU checkout"))
        #expect(!first.message.contains("hunter2"))
        try store.appendEvent(
            incidentID: incident.id, kind: .export,
            text: StatusUpdateLog.issuedText(number: StatusUpdateLog.nextNumber(in: input.events)), actor: "carol",
            at: input.now)

        try store.setStatus(incidentID: incident.id, status: .identified, actor: "alice", at: t0.addingTimeInterval(400))
        try store.appendEvent(incidentID: incident.id, kind: .command, text: "docker restart web: exit 1\nno such container",
                              actor: "bob", at: t0.addingTimeInterval(420))

        input = try Self.input(store, id: incident.id, now: t0.addingTimeInterval(600), runbook: runbook)
        #expect(input.previousUpdate == .init(number: 1, time: t0.addingTimeInterval(300)))
        #expect(input.updateNumber == 2)
        let facts = IncidentFacts(input)
        #expect(facts.actionsSinceLastUpdate.map(\.kind) == [.command])
        #expect(facts.changesSinceLastUpdate.map(\.text) == ["Status Investigating → Identified"])
        #expect(facts.failedCommands.map(\.failure) == ["exit 1"])
        #expect(facts.acknowledgementTarget == "P1 acknowledged in 1m35s, target 5m: met")

        let json = TimelineExport.render(input, format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let array = try #require(document["events"] as? [[String: String]])
        #expect(array.map { $0["kind"] ?? "" } == ["status", "ack", "note", "tick", "export", "status", "command"])
        #expect(array[1]["time"] == "2026-11-23T19:43:38Z")
        #expect(!json.contains("hunter2"))
    }
}
