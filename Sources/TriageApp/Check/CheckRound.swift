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
}
