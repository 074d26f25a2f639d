import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore

extension IncidentCommand {
    /// `triage incident show ID [--state DIR] [--json]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an incident: its fields, checklist progress by section and the last 20 timeline events.")

        @Argument(help: ArgumentHelp("The incident id, e.g. INC-20261123-1942.", valueName: "id"))
        var id: String

        @OptionGroup var state: StateOption

        @OptionGroup var json: JSONOption

        func run() throws {
            guard let store = try state.openReadOnly() else {
                throw CommandFailure.fail("no incident \(id) (no incident database at \(state.databasePath) yet)", status: .warningOrNotFound)
            }
            let incident: Incident
            let ticks: [String: ChecklistTick]
            let events: [TimelineEvent]
            do {
                incident = try store.incident(id: id)
                ticks = try store.ticks(incidentID: id)
                events = try store.events(incidentID: id)
                try store.close()
            } catch {
                throw CommandFailure.fail(error)
            }
            let (runbook, warning) = IncidentRunbookLoader.load(incident: incident)
            let now = Date()
            if json.isOn {
                CommandFailure.write(
                    IncidentReport.showJSON(
                        incident: incident, runbook: runbook, runbookWarning: warning, ticks: ticks, events: events,
                        now: now))
            } else {
                CommandFailure.write(
                    IncidentReport.showText(
                        incident: incident, runbook: runbook, runbookWarning: warning, ticks: ticks, events: events,
                        now: now, timeZone: .current))
            }
        }
    }
}
