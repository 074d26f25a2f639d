import ArgumentParser
import Foundation
import TriageStore

/// `--state DIR`, for every command that reads or writes the incident database or the trust list.
struct StateOption: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help: ArgumentHelp(
            "State directory holding the incident database and trust list (default: $TRIAGE_STATE, then $XDG_STATE_HOME/triage).",
            valueName: "dir"))
    var directory: String?

    /// The directory this option names or the environment implies, without creating anything.
    var resolvedPath: String {
        StateDirectory.path(explicit: directory, environment: ProcessInfo.processInfo.environment)
    }

    /// The database path, without creating anything.
    var databasePath: String { StateDirectory.databasePath(inDirectory: resolvedPath) }

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
