import Foundation
import Testing
import TriageCore
import TriageStore

/// A drill is listed as one, and is not what `triage export` picks by default.
@Suite struct DrillListingTests {
    @Test func incidentListMarksADrill() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let store = try IncidentStore(stateDirectory: state.path)
        let real = try store.createIncident(title: "Backend down", severity: "P1", actor: "alice")
        let drill = try store.createIncident(title: "Backend down again", severity: "P1", at: Date().addingTimeInterval(60), actor: "alice")
        try store.markDrill(incidentID: drill.id, recordingID: real.id)
        try store.close()
        let list = try CLIRun(["incident", "list", "--state", state.path])
        #expect(list.status == 0, "\(list.standardError)")
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(drill.id + " ") && $0.contains("DRILL: Backend down again") }, "\(list.standardOutput)")
        #expect(lines.contains { $0.hasPrefix(real.id + " ") && !$0.contains("DRILL") }, "\(list.standardOutput)")
        // The default export is the real incident, not the newer drill.
        let export = try CLIRun(["export", "timeline", "--no-record", "--state", state.path])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput.contains("Backend down") && !export.standardOutput.contains("Backend down again"), "\(export.standardOutput)")
    }
}
