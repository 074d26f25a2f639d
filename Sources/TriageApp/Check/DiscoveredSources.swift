import TriageConfig
import TriageProbes

/// What discovery found on this machine: the docker engines and Kubernetes contexts to watch when
/// no configuration names any, and why the others are missing.
///
/// The host needs no discovery (it is always watched), so it has no field here. `notes` are for
/// people ("docker: not found on PATH"), shown by `triage check`, `triage init` and the dashboard.
public struct DiscoveredSources: Sendable, Equatable {
    /// Engines the docker CLI reached; at most one (its own default) today.
    public var dockerTargets: [DockerHostTarget]
    /// kubectl's current context, when one is set.
    public var kubeTargets: [KubeTarget]
    /// What was found, one line each ("docker: engine 4.3.1 (the CLI's default)").
    public var findings: [String]
    /// What was not found, and why ("kubernetes: kubectl has no current context").
    public var notes: [String]
    /// The engine's version as `docker version` printed it.
    public var dockerServerVersion: String?
    /// Container names seen (only when asked for, for `triage init`'s comments).
    public var dockerContainers: [String]
    /// Namespaces seen in the current context (only when asked for).
    public var kubernetesNamespaces: [String]

    public init(
        dockerTargets: [DockerHostTarget] = [], kubeTargets: [KubeTarget] = [], findings: [String] = [],
        notes: [String] = [], dockerServerVersion: String? = nil, dockerContainers: [String] = [],
        kubernetesNamespaces: [String] = []
    ) {
        self.dockerTargets = dockerTargets
        self.kubeTargets = kubeTargets
        self.findings = findings
        self.notes = notes
        self.dockerServerVersion = dockerServerVersion
        self.dockerContainers = dockerContainers
        self.kubernetesNamespaces = kubernetesNamespaces
    }

    /// The same findings in the shape `ConfigTemplate.render(discovered:)` takes.
    public var templateDiscovery: ConfigTemplate.Discovery {
        ConfigTemplate.Discovery(
            dockerEndpoints: dockerTargets.map { target in
                switch target.endpoint {
                case .cliDefault: .default
                case .host(let host): .host(host)
                case .context(let name): .context(name)
                }
            },
            dockerContainers: dockerContainers,
            kubernetesContext: kubeTargets.first?.context,
            kubernetesNamespaces: kubernetesNamespaces)
    }
}
