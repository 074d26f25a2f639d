import Foundation
import TriageCore
import TriageProbes

/// The raw results of one `triage check` round, before they are judged and laid out as a report.
public struct CheckRound: Sendable {
    /// One docker host's round.
    public struct DockerResult: Sendable {
        public var target: DockerHostTarget
        public var containers: [ContainerInfo]
        /// Why the host could not be read (or only partly: "docker inspect: ..."); nil when it answered.
        public var failure: String?
        /// Why container figures (CPU, memory) are missing, when the one-shot `docker stats` failed.
        public var statsFailure: String?

        public init(target: DockerHostTarget, containers: [ContainerInfo], failure: String?, statsFailure: String? = nil) {
            self.target = target
            self.containers = containers
            self.failure = failure
            self.statsFailure = statsFailure
        }
    }

    /// One Kubernetes context's round.
    public struct KubeResult: Sendable {
        public var target: KubeTarget
        public var pods: [PodInfo]
        public var nodes: [NodeInfo]
        /// The warning events `KubeProbe` read (the last hour's), newest first.
        public var events: [KubeEvent]
        /// Why pods, nodes or events could not be read, prefixed with the context; nil when all answered.
        public var failure: String?
        /// What could not be shown without it being a failure (RBAC hiding nodes or events).
        public var notes: [String]

        public init(target: KubeTarget, pods: [PodInfo], nodes: [NodeInfo], events: [KubeEvent] = [], failure: String?, notes: [String] = []) {
            self.target = target
            self.pods = pods
            self.nodes = nodes
            self.events = events
            self.failure = failure
            self.notes = notes
        }
    }

    public var startedAt: Date
    public var finishedAt: Date
    public var services: [ServiceCheckResult]
    public var checks: [ServiceCheckResult]
    public var prometheus: [ServiceCheckResult]
    public var docker: [DockerResult]
    public var kubernetes: [KubeResult]
    /// Each Alertmanager's round, in config order.
    public var alertmanagers: [AlertmanagerSnapshot] = []
    public var host: HostSnapshot

    public init(
        startedAt: Date, finishedAt: Date, services: [ServiceCheckResult] = [], checks: [ServiceCheckResult] = [],
        prometheus: [ServiceCheckResult] = [], docker: [DockerResult] = [], kubernetes: [KubeResult] = [], host: HostSnapshot
    ) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.services = services
        self.checks = checks
        self.prometheus = prometheus
        self.docker = docker
        self.kubernetes = kubernetes
        self.host = host
    }

    /// The round out of the engine's one-shot deliveries: check results in config order per kind,
    /// docker hosts and contexts in plan order. A source the engine gave up on (no data) reads as not
    /// answering, with the engine's reason.
    public init(deliveries: [ProbeDelivery], plan: CheckPlan, startedAt: Date, finishedAt: Date) {
        var results: [ServiceCheckResult] = []
        var docker: [DockerResult] = []
        var kubernetes: [KubeResult] = []
        var alertmanagers: [(slot: Int, round: AlertmanagerSnapshot)] = []
        var host: HostSnapshot?
        var hostFailure = "no answer"
        for delivery in deliveries {
            let failure = delivery.state.lastError ?? "no answer"
            switch (delivery.id.kind, delivery.data) {
            case (_, .host(let sample)?): host = sample
            case (_, .services(let rows)?): results += rows
            case (_, .docker(let snapshot)?):
                docker.append(DockerResult(
                    target: plan.dockerTargets[delivery.registration.slot], containers: snapshot.containers,
                    failure: snapshot.failure, statsFailure: snapshot.statsFailure))
            case (_, .kubernetes(let snapshot)?):
                kubernetes.append(KubeResult(
                    target: plan.kubeTargets[delivery.registration.slot], pods: snapshot.pods, nodes: snapshot.nodes,
                    failure: snapshot.failure, notes: snapshot.notes))
            case (.docker, nil):
                docker.append(DockerResult(target: plan.dockerTargets[delivery.registration.slot], containers: [], failure: failure))
            case (.kubernetes, nil):
                let target = plan.kubeTargets[delivery.registration.slot]
                kubernetes.append(KubeResult(target: target, pods: [], nodes: [], failure: "context \(target.contextName): \(failure)"))
            case (_, .alertmanager(let round)?): alertmanagers.append((delivery.registration.slot, round))
            case (.alertmanager, nil):
                let spec = plan.alertmanagers[delivery.registration.slot]
                alertmanagers.append((delivery.registration.slot, AlertmanagerSnapshot(
                    source: spec.name, alerts: [], countsSilenced: spec.silenced, roundAt: finishedAt, failure: "alertmanager \(spec.name): \(failure)")))
            case (.host, nil): hostFailure = failure
            // Log discovery, and a kind the report does not list yet.
            default: break
            }
        }
        func inConfigOrder(_ kinds: Set<ServiceCheckResult.Kind>, _ names: [String]) -> [ServiceCheckResult] {
            let order = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            return results.filter { kinds.contains($0.kind) }.sorted { (order[$0.name] ?? .max) < (order[$1.name] ?? .max) }
        }
        // `services` holds the HTTP checks, then the DNS, TCP and TLS ones (all `services:` entries).
        self.init(
            startedAt: startedAt, finishedAt: finishedAt,
            services: inConfigOrder([.http], plan.services.map(\.name)) + inConfigOrder([.dns, .tcp, .tls], plan.network.map(\.name)),
            checks: inConfigOrder([.command], plan.checks.map(\.name)), prometheus: inConfigOrder([.prometheus], plan.prometheus.map(\.name)),
            docker: docker, kubernetes: kubernetes, host: host ?? HostSnapshot(
                time: finishedAt, hostname: ProcessInfo.processInfo.hostName, disks: [], memory: nil, load: nil, cpuCount: 0,
                cpuPercent: nil, problems: ["host: " + hostFailure]))
        self.alertmanagers = alertmanagers.sorted { $0.slot < $1.slot }.map(\.round)
    }
}

