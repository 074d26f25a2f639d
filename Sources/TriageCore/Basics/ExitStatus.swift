/// The exit statuses of every triage command: one table, printed by `triage --help` and listed in
/// the README and docs/CLI.md, so a script can test `$?` the same way after any subcommand.
///
/// The order is severity: 0 all is well, 1 look at it, 2 something is broken or triage could not do
/// its job, 3 the configuration was rejected and nothing ran, 4 the dashboard lost incident changes,
/// 64 the command line itself was wrong (the argument parser's EX_USAGE).
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Done. `check`: every entry is ok; `doctor`: nothing failed (warnings included).
    case ok = 0
    /// A warning, or what was named does not exist. `check`: the worst entry is warn or unknown;
    /// `incident show`, `export --incident`: no such incident; `untrust`: the file was not trusted.
    case warningOrNotFound = 1
    /// Something is broken, or triage could not use its files. `check`: an entry is critical;
    /// `doctor`: a check failed; any command: the state directory, database, runbook, theme or output
    /// file could not be used, or the dashboard has no terminal.
    case failure = 2
    /// The configuration was rejected, each problem printed as `file:line:column: key: message`;
    /// nothing ran.
    case configurationError = 3
    /// The dashboard quit with incident changes it could not save; they are printed to stderr, one
    /// a line, to redo.
    case unsavedIncidentChanges = 4
    /// The command line was wrong: an unknown option, a missing or malformed value (a duration
    /// without a unit, an unknown `--format`). Printed with the usage by the argument parser.
    case usage = 64

    /// What the status means, one line that fits `triage --help` on 80 columns.
    public var meaning: String {
        switch self {
        case .ok: "done; check: all ok; doctor: nothing failed (warnings allowed)"
        case .warningOrNotFound: "check: a warn or unknown; incident, export, untrust: not found"
        case .failure: "check: a crit; doctor: a failure; a file, database or terminal unusable"
        case .configurationError: "the config was rejected (each problem as file:line:column)"
        case .unsavedIncidentChanges: "the dashboard quit with incident changes unsaved (on stderr)"
        case .usage: "usage error: unknown option, missing or malformed value"
        }
    }

    /// The table as plain text, one status a line, for `triage --help`.
    public static var helpTable: String {
        allCases.map { status in
            let number = String(status.rawValue)
            return String(repeating: " ", count: 3 - number.count) + number + "  " + status.meaning
        }.joined(separator: "\n")
    }
}
