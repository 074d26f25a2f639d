import TriageConfig

/// A configuration as loaded for a run, with whether its commands may run.
public struct LoadedConfiguration: Sendable {
    /// nil: no file anywhere (discovery).
    public var configuration: TriageConfiguration?
    /// Set when the file was found implicitly (`./triage.yaml`), holds command checks, and is not
    /// trusted: the UNKNOWN reason every command check shows instead of running.
    public var commandsWithheld: String?
    /// The one-line notice for the dashboard and `triage check` (nil when nothing is withheld).
    public var untrustedNotice: String?

    public init(configuration: TriageConfiguration?, commandsWithheld: String? = nil, untrustedNotice: String? = nil) {
        self.configuration = configuration
        self.commandsWithheld = commandsWithheld
        self.untrustedNotice = untrustedNotice
    }
}
