import ArgumentParser
import Foundation
import TriageConfig
import TriageApp
import TriageCore
import TriageStore

extension IncidentCommand {
    /// `triage incident new --title T --severity P1 [--runbook FILE] [--commander NAME] [--state DIR]`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare an incident and print its id.",
            discussion: """
                The runbook is parsed to check it can be read; the incident keeps its path and a SHA-256 \
                of its content. Without --runbook the built-in service-outage runbook is used.
                """)

        @Option(help: "What is wrong, in a few words.")
        var title: String

        @Option(help: "Severity as your runbook names it, e.g. P1, SEV2, Critical.")
        var severity: String

        @Option(help: ArgumentHelp("Markdown runbook for the checklist (default: the config's `runbook:`, else the built-in one).", valueName: "file"))
        var runbook: String?

        /// The configuration whose `runbook:` applies.
        @OptionGroup var config: ConfigOption

        @Option(help: ArgumentHelp("Incident commander.", valueName: "name"))
        var commander: String?

        @OptionGroup var state: StateOption

        func validate() throws {
            if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--title must not be empty")
            }
            if severity.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--severity must not be empty")
            }
        }

        func run() throws {
            let loaded: LoadedRunbook
            let configuredRunbook: String?
            do {
                configuredRunbook = try ConfigLocator.loadConfiguration(explicit: config.path)?.runbook
            } catch {
                throw CommandFailure.fail(error)
            }
            do {
                loaded = try IncidentRunbookLoader.loadForNewIncident(path: runbook ?? configuredRunbook)
            } catch {
                throw CommandFailure.fail(error.description)
            }
            let environment = ProcessInfo.processInfo.environment
            let incident: Incident
            do {
                let directory = try StateDirectory.resolve(explicit: state.directory, environment: environment)
                let store = try IncidentStore(stateDirectory: directory, mode: .readWrite)
                let trimmedCommander = commander?.trimmingCharacters(in: .whitespacesAndNewlines)
                incident = try store.createIncident(
                    title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                    severity: severity.trimmingCharacters(in: .whitespacesAndNewlines),
                    runbookPath: loaded.path, runbookHash: loaded.hash,
                    commander: trimmedCommander?.isEmpty == false ? trimmedCommander : nil,
                    actor: ActorName.current(environment: environment))
                try store.close()
            } catch {
                throw CommandFailure.fail(error)
            }
            if !loaded.runbook.severities.isEmpty, loaded.runbook.severity(named: incident.severity) == nil {
                let names = loaded.runbook.severities.map(\.name).joined(separator: ", ")
                CommandFailure.note("note: severity \(incident.severity) is not in the runbook's scheme (\(names))")
            }
            CommandFailure.write(incident.id + "\n")
        }
    }
}
