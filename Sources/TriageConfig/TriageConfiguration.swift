import TriageCore

/// Everything triage.yaml can say, validated and with defaults applied.
///
/// Check specs are Core types so probes need not know about YAML; docker, kubernetes and log
/// targets are plain descriptions here that the app hands to the matching probes.
public struct TriageConfiguration: Sendable, Equatable {
    /// The file this came from; nil for the built-in default (discovery).
    public var sourcePath: String?
    /// How often probes run unless a check sets its own `interval`.
    public var refresh: Duration
    public var services: [HTTPCheckSpec]
    /// The `services:` entries with `dns:`, `tcp:` or `tls:` instead of `url:`, in file order.
    public var network: [NetworkCheckSpec] = []
    public var checks: [CommandCheckSpec]
    public var prometheus: [PrometheusQuerySpec]
    /// The Alertmanagers whose active alerts are shown (`alertmanager:`), in file order.
    public var alertmanager: [AlertmanagerSpec] = []
    public var docker: [DockerTarget]
    public var kubernetes: [KubernetesTarget]
    /// A Markdown runbook to show next to the panes.
    public var runbook: String?
    public var logs: [LogSource]
    /// A theme name (`dark`, `light`, `mono`, …) or a theme file path; nil: the default theme.
    public var theme: String?
    /// Where `theme:`'s value is in the file (line, column), so a theme that does not exist is
    /// reported at its line; 1:1 when unknown.
    public var themeLine = 1
    public var themeColumn = 1
    /// Where the incident state lives (the SQLite file); nil: the default location.
    public var state: String?
    /// `host: {enabled: false}`: the host's figures do not count toward `triage check`'s state and
    /// exit status (a busy bastion should not fail a one-service check).
    public var hostCounted: Bool = true

    /// `vars:`: fixed values for runbook command variables (`CONTEXT: prod`), used when no row binds them.
    public var vars: [String: String] = [:]

    /// `severity_rules:`: when to suggest which severity (``SeveritySuggestion``); nil when the file
    /// has none, and the runbook's severity table gives the default rules.
    public var severityRules: [SeverityRule]?
    /// `notify:`: programs told about declarations, status updates, severity changes and
    /// resolutions (run only when the file is trusted, never from the wall).
    public var notifiers: [NotifierSpec] = []

    /// `include:`: the files this one names, in order; `ConfigAssembler` reads and merges them.
    public var includes: [ConfigInclude] = []
    /// Where each `services`, `checks` and `prometheus` entry's name is (`"checks/redis"` → line,
    /// column), so a name repeated in an included file is reported at its own place.
    public var namePositions: [String: ConfigPosition] = [:]

    /// The variables a runbook command may use, bound from the selection or from `vars:`.
    public static let runbookVariableNames = ["CONTAINER", "DOCKER_HOST", "POD", "NAMESPACE", "CONTEXT", "NODE", "SERVICE", "SERVICE_URL"]

    public static let defaultRefresh: Duration = .seconds(2)

    public init(
        sourcePath: String? = nil, refresh: Duration = TriageConfiguration.defaultRefresh, services: [HTTPCheckSpec] = [],
        checks: [CommandCheckSpec] = [], prometheus: [PrometheusQuerySpec] = [], docker: [DockerTarget] = [],
        kubernetes: [KubernetesTarget] = [], runbook: String? = nil, logs: [LogSource] = [], theme: String? = nil,
        state: String? = nil
    ) {
        self.sourcePath = sourcePath
        self.refresh = refresh
        self.services = services
        self.checks = checks
        self.prometheus = prometheus
        self.docker = docker
        self.kubernetes = kubernetes
        self.runbook = runbook
        self.logs = logs
        self.theme = theme
        self.state = state
    }

    /// True when the file configures no probe at all, so discovery should fill in.
    public var configuresNothing: Bool {
        services.isEmpty && network.isEmpty && checks.isEmpty && prometheus.isEmpty && alertmanager.isEmpty && docker.isEmpty && kubernetes.isEmpty
    }
}
