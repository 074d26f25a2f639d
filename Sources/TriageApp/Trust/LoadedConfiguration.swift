import TriageConfig
import TriageCore

/// A configuration as loaded for a run, with whether its commands may run.
public struct LoadedConfiguration: Sendable {
    /// nil: no file anywhere (discovery).
    public var configuration: TriageConfiguration?
    /// Set when the file was found implicitly (`./triage.yaml`), holds command checks, and is not
    /// trusted: the UNKNOWN reason every command check shows instead of running.
    public var commandsWithheld: String?
    /// The one-line notice for the dashboard and `triage check` (nil when nothing is withheld).
    public var untrustedNotice: String?

    /// The notifiers that may run: none while the file's commands are withheld.
    public var notifiers: [NotifierSpec] {
        commandsWithheld == nil ? configuration?.notifiers ?? [] : []
    }

    public init(configuration: TriageConfiguration?, commandsWithheld: String? = nil, untrustedNotice: String? = nil) {
        self.configuration = configuration
        self.commandsWithheld = commandsWithheld
        self.untrustedNotice = untrustedNotice
    }
}
