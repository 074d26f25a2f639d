import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore

/// `triage incident`: declare, list and inspect incidents from a shell or a script.
///
/// Writes go through the same store as the dashboard (committed before the command returns); `list`
/// and `show` open the database read-only at the SQLite level, so they can run beside a session.
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Declare, list and show incidents.",
        subcommands: [New.self, List.self, Show.self]
    )

    /// The `--state DIR` option every incident subcommand takes.
    struct StateOption: ParsableArguments {
        @Option(
            name: .customLong("state"),
            help: ArgumentHelp(
                "State directory holding the incident database (default: $TRIAGE_STATE, else $XDG_STATE_HOME/triage).",
                valueName: "dir"))
        var directory: String?

        /// The database path, without creating anything.
        var databasePath: String {
            StateDirectory.databasePath(
                inDirectory: StateDirectory.path(explicit: directory, environment: ProcessInfo.processInfo.environment))
        }

        /// Opens the store read-only; nil when no database exists yet.
        func openReadOnly() throws -> IncidentStore? {
            do {
                return try IncidentStore(path: databasePath, mode: .readOnly)
            } catch .missing {
                return nil
            } catch {
                throw CommandFailure.fail(error)
            }
        }
    }
}
