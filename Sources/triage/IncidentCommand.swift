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
}
