import TriageConfig
import TriageCore
import TriageProbes

/// What one `triage check` round probes: the configured checks and the docker and kubernetes targets,
/// from the configuration or, when it names none, from discovery.
public struct CheckPlan: Sendable {
    /// The config file the plan came from; nil when nothing was configured.
    public var configPath: String?
    public var services: [HTTPCheckSpec]
    public var checks: [CommandCheckSpec]
    public var prometheus: [PrometheusQuerySpec]
    /// The Alertmanagers to read active alerts from (`alertmanager:`).
    public var alertmanagers: [AlertmanagerSpec] = []
    /// DNS, TCP and TLS checks (`services:` entries with `dns:`, `tcp:` or `tls:`).
    public var network: [NetworkCheckSpec] = []
    public var dockerTargets: [DockerHostTarget]
    public var kubeTargets: [KubeTarget]
    /// What discovery could not find (shown with the report), empty when the config named the targets.
    public var notes: [String]
    /// Why the command checks are not run (an untrusted `./triage.yaml`), or nil.
    public var commandsWithheld: String?
    /// False with `--skip host` or `host: {enabled: false}`: the host is still shown, not counted.
    public var hostCounted = true
    /// The interval of the probes' rounds (a check runs one round, but groups its checks the same way).
    public var refresh: Duration = TriageConfiguration.defaultRefresh

    public init(
        configPath: String? = nil, services: [HTTPCheckSpec] = [], checks: [CommandCheckSpec] = [],
        prometheus: [PrometheusQuerySpec] = [], dockerTargets: [DockerHostTarget] = [], kubeTargets: [KubeTarget] = [],
        notes: [String] = []
    ) {
        self.configPath = configPath
        self.services = services
        self.checks = checks
        self.prometheus = prometheus
        self.dockerTargets = dockerTargets
        self.kubeTargets = kubeTargets
        self.notes = notes
    }

    /// True when the configuration (if any) names no probe, so discovery should supply docker and kubernetes.
    public static func needsDiscovery(_ configuration: TriageConfiguration?) -> Bool {
        configuration?.configuresNothing ?? true
    }

    /// The plan for a configuration, with discovered targets when it configures nothing.
    public init(configuration: TriageConfiguration?, discovered: DiscoveredSources?) {
        self.init(
            configPath: configuration?.sourcePath, services: configuration?.services ?? [],
            checks: configuration?.checks ?? [], prometheus: configuration?.prometheus ?? [],
            dockerTargets: (configuration?.docker ?? []).map(DockerHostTarget.init),
            kubeTargets: (configuration?.kubernetes ?? []).map(KubeTarget.init))
        hostCounted = configuration?.hostCounted ?? true
        refresh = configuration?.refresh ?? TriageConfiguration.defaultRefresh
        network = configuration?.network ?? []
        alertmanagers = configuration?.alertmanager ?? []
        if Self.needsDiscovery(configuration), let discovered {
            dockerTargets = discovered.dockerTargets
            kubeTargets = discovered.kubeTargets
            notes = discovered.notes
        }
    }
}
