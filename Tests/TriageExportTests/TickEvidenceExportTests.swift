import Foundation
import Testing
import TriageCore
@testable import TriageExport
import TriageRunbook
import TriageStore

/// A tick's evidence reaches the exports as a person reads them: the post-mortem draft's timeline,
/// the timeline export (Markdown, text, JSON) and the status update's actions, from a real store.
@Suite struct TickEvidenceExportTests {
    @Test func theExportsCarryWhatATickedItemWasAbout() throws {
        let directory = try StoreRoundTripTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: directory)
        defer { try? store.close() }
        let runbook = BuiltinRunbook.parsed
        let t0 = ScriptedIncident.declared
        let incident = try store.createIncident(title: "Backend down", severity: "P2", runbookPath: BuiltinRunbook.sourceName, at: t0, actor: "alice")
        let item = try #require(runbook.allItems.first)
        let at = t0.addingTimeInterval(300)
        try store.setTick(
            incidentID: incident.id, itemKey: item.key, checked: true, actor: "alice", at: at, label: item.text,
            evidence: TickEvidence(entityKey: "service:backend", entityName: "backend", state: .crit, reason: "HTTP 500",
                                   since: at.addingTimeInterval(-192), at: at))
        let input = try StoreRoundTripTests.input(store, id: incident.id, now: t0.addingTimeInterval(600), runbook: runbook)
        let evidence = "backend CRIT HTTP 500 for 3m12s"
        #expect(PostmortemDraft.render(input).contains("\(item.text) — \(evidence)"))
        for format in [ExportFormat.markdown, .text, .json] {
            #expect(TimelineExport.render(input, format: format).contains(evidence), "\(format)")
        }
        #expect(StatusUpdate.draft(input, format: .text).message.contains("ticked \"\(item.text) — \(evidence)\""))
    }
}
