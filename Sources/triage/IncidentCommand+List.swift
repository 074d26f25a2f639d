import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore

extension IncidentCommand {
    /// `triage incident list [--state DIR] [--json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List incidents, most recent first.")

        @OptionGroup var state: StateOption

        @OptionGroup var json: JSONOption

        func run() throws {
            var incidents: [Incident] = []
            var drills: Set<String> = []
            if let store = try state.openReadOnly() {
                do {
                    incidents = try store.listIncidents()
                    drills = Set(try store.drills().keys)
                    try store.close()
                } catch {
                    throw CommandFailure.fail(error)
                }
            }
            CommandFailure.write(
                json.isOn
                    ? IncidentReport.listJSON(incidents)
                    : IncidentReport.listText(incidents, now: Date(), timeZone: .current, drills: drills))
        }
    }
}
