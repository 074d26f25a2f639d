import TriageConfig
import TriageCore
import TriageProbes

/// The one table of probes, built from the configuration and discovery: the host, each check group
/// (HTTP, command, Prometheus, per interval), each docker host, each Kubernetes context, each
/// Alertmanager, and each `logs:` glob's container discovery.
///
/// The dashboard runs it continuously and `triage check` runs it once (`ProbeEngine`), so both ask
/// the same sources with the same deadlines. Adding a probe kind adds one `register` call here.
public struct ProbeRegistry: Sendable {
    /// One row as a comparable value: what runs, how often, within what deadline.
    public struct Row: Sendable, Equatable, CustomStringConvertible {
        public var id: ProbeID
        public var interval: Duration
        public var deadline: Duration
        public var backoff: ProbeBackoff
        public var description: String {
            "\(id) every \(DurationText.format(interval)) within \(DurationText.format(deadline))"
        }
    }

    public private(set) var entries: [ProbeRegistration] = []
    /// The docker hosts and Kubernetes contexts registered, in slot order.
    public private(set) var dockerTargets: [DockerHostTarget] = []
    public private(set) var kubeTargets: [KubeTarget] = []
    /// The interval of the host and of docker and Kubernetes rounds (check groups may have their own).
    public let refresh: Duration
    /// Each docker and kubectl round's deadline.
    public let deadline: Duration
    private let docker: String
    private let kubectl: String
    /// Set when the file is untrusted: remote docker hosts show it instead of being contacted (`ConfigTrust`).
    private let remoteDockerWithheld: String?

    /// How often `logs:` globs look for new matching containers.
    static let logDiscoveryInterval: Duration = .seconds(10)
    /// The host sampler reads /proc; a round that takes this long is stuck.
    static let hostDeadline: Duration = .seconds(5)

    /// Everything a plan names, plus log globs when `logs` is given (only the dashboard follows logs).
    public init(plan: CheckPlan, deadline: Duration, logs: [TriageConfig.LogSource] = [], docker: String = "docker", kubectl: String = "kubectl") {
        refresh = plan.refresh
        self.deadline = deadline
        self.docker = docker
        self.kubectl = kubectl
        remoteDockerWithheld = plan.commandsWithheld == nil ? nil : ConfigTrust.notContactedReason
        register(id: ProbeID(.host, "host"), interval: refresh, deadline: Self.hostDeadline, backoff: .none, slot: 0) { mode in
            HostProbe(mode: mode)
        }
        let suite = ServiceCheckSuite(
            http: plan.services, commands: plan.checks, prometheus: plan.prometheus, network: plan.network,
            commandsWithheld: plan.commandsWithheld)
        entries += suite.probes(refresh: refresh).enumerated().map { $1.registration(slot: $0) }
        add(dockerTargets: plan.dockerTargets, kubeTargets: plan.kubeTargets)
        for (index, spec) in plan.alertmanagers.enumerated() {
            let probe = AlertmanagerProbe(spec: spec)
            register(id: probe.id, interval: refresh, deadline: probe.client.roundDeadline, backoff: .standard, slot: index) { _ in probe }
        }
        for (index, source) in logs.enumerated() {
            guard case .docker(let container, let endpoint) = source, LogSourceGlob(container).isPattern else { continue }
            let probe = ContainerNamesProbe(glob: LogSourceGlob(container), host: endpoint.followerHost, executable: docker)
            register(id: probe.id, interval: Self.logDiscoveryInterval, deadline: Self.logDiscoveryInterval, backoff: .standard, slot: index) { _ in probe }
        }
    }

    /// The dashboard's table: the configuration's probes, its log globs, rounds `refresh` apart.
    public static func dashboard(configuration: TriageConfiguration?, commandsWithheld: String?, refresh: Duration) -> ProbeRegistry {
        var plan = CheckPlan(configuration: configuration, discovered: nil)
        plan.commandsWithheld = commandsWithheld
        plan.refresh = refresh
        return ProbeRegistry(plan: plan, deadline: dashboardDeadline(refresh: refresh), logs: configuration?.logs ?? [])
    }

    /// A dashboard round of docker or kubectl may take three refreshes, and never less than 10 s.
    public static func dashboardDeadline(refresh: Duration) -> Duration { max(.seconds(10), refresh * 3) }

    /// Registers docker hosts and Kubernetes contexts (from the plan, or found by discovery later);
    /// returns the new rows, for starting them.
    @discardableResult
    public mutating func add(dockerTargets: [DockerHostTarget], kubeTargets: [KubeTarget]) -> [ProbeRegistration] {
        let before = entries.count
        let docker = self.docker
        let kubectl = self.kubectl
        var dockerSlot = self.dockerTargets.count
        for target in dockerTargets {
            let withheld = isRemote(target) ? remoteDockerWithheld : nil
            register(id: ProbeID(.docker, target.tag), interval: refresh, deadline: deadline, backoff: .standard, slot: dockerSlot) { mode in
                if let withheld { return WithheldDockerProbe(target: target, reason: withheld) }
                return TwoModeProbe(DockerProbe(target: target, executable: docker), mode: mode)
            }
            dockerSlot += 1
        }
        self.dockerTargets += dockerTargets
        var kubeSlot = self.kubeTargets.count
        for target in kubeTargets {
            register(id: ProbeID(.kubernetes, target.contextName), interval: refresh, deadline: deadline, backoff: .standard, slot: kubeSlot) { mode in
                TwoModeProbe(KubeProbe(target: target, executable: kubectl), mode: mode)
            }
            kubeSlot += 1
        }
        self.kubeTargets += kubeTargets
        return Array(entries[before...])
    }

    private func isRemote(_ target: DockerHostTarget) -> Bool {
        if case .host(let address) = target.endpoint { return ConfigTrust.isRemote(dockerAddress: address) }
        return false
    }

    /// The rows `triage check` reports on: all but log discovery (a check follows no logs).
    public var checked: [ProbeRegistration] { entries.filter { $0.id.kind != .logSources } }

    public var table: [Row] { entries.map(Self.row) }

    public static func row(_ entry: ProbeRegistration) -> Row {
        Row(id: entry.id, interval: entry.interval, deadline: entry.deadline, backoff: entry.backoff)
    }

    private mutating func register(
        id: ProbeID, interval: Duration, deadline: Duration, backoff: ProbeBackoff, slot: Int,
        make: @escaping @Sendable (ProbeMode) -> any Probe
    ) {
        entries.append(ProbeRegistration(id: id, interval: interval, deadline: deadline, backoff: backoff, slot: slot, make: make))
    }
}
