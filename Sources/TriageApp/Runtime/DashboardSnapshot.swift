import Foundation
import TriageCore
import TriageProbes

/// Everything the probes know right now: the one value the view model reads.
///
/// Probes never touch the UI; they write their results here through ``SnapshotStore``, and the
/// terminal thread takes the newest snapshot when it draws, so a slow frame skips stale data.
public struct DashboardSnapshot: Sendable {
    public var startedAt: Date
    public var lastUpdate: Date?
    public var host: HostSnapshot?
    public var cpuHistory = History()
    public var memoryHistory = History()
    public var loadHistory = History()
    /// Service checks by name, and their config order.
    public var services: [String: ServiceCheckTrack] = [:]
    public var serviceOrder: [String] = []
    /// The newest docker round per host tag, and kubectl round per context scope, in config order.
    public var docker: [DockerSnapshot] = []
    public var kubernetes: [KubeSnapshot] = []
    /// The newest round of each Alertmanager, in config order.
    public var alertmanagers: [AlertmanagerSnapshot] = []
    /// Discovery of docker and kubectl when nothing is configured: running, then what it found.
    public var discovery: DiscoveryState = .notNeeded
    /// Each registered source's state (last good, last error, failures in a row, next attempt):
    /// per docker host, per Kubernetes context, per check group, the host and log discovery.
    public var probeStates: [ProbeID: ProbeState] = [:]

    public enum DiscoveryState: Sendable, Equatable {
        case notNeeded
        case running
        case done(dockerHosts: [String], kubeContexts: [String], dockerNote: String?, kubeNote: String?)
    }

    public init(startedAt: Date) { self.startedAt = startedAt }

    /// Declares the configured checks so the pane lists them before their first round.
    public mutating func declareServices(_ names: [(String, ServiceCheckResult.Kind, CheckStateMachine.Policy)]) {
        for (name, kind, policy) in names where services[name] == nil {
            services[name] = ServiceCheckTrack(name: name, kind: kind, policy: policy)
            serviceOrder.append(name)
        }
    }

    /// Feeds a round's results into each check's track; returns the checks whose shown state changed.
    @discardableResult
    public mutating func record(services results: [ServiceCheckResult]) -> [(name: String, from: HealthState, to: HealthState, reason: String?)] {
        var transitions: [(String, HealthState, HealthState, String?)] = []
        for result in results {
            var track = services[result.name] ?? ServiceCheckTrack(name: result.name, kind: result.kind)
            if services[result.name] == nil { serviceOrder.append(result.name) }
            let before = track.state
            track.record(result)
            services[result.name] = track
            if before != track.state { transitions.append((result.name, before, track.state, result.reason)) }
            lastUpdate = result.checkedAt
        }
        return transitions
    }

    /// Stores a docker round; returns what went down or came back, for the timeline.
    public mutating func record(docker round: DockerSnapshot, slot: Int) -> [String] {
        var notes: [String] = []
        let old = slot < docker.count ? Dictionary(docker[slot].containers.map { ($0.id, $0.healthState) }, uniquingKeysWith: { a, _ in a }) : [:]
        if round.failure == nil {
            for container in round.containers {
                let before = old[container.id]
                let now = container.healthState
                if now == .crit, before != nil, before != .crit { notes.append("container \(container.name) on \(container.host) went down: \(container.reason ?? container.statusText)") }
                if now == .ok, before == .crit { notes.append("container \(container.name) on \(container.host) came back") }
            }
        }
        while docker.count <= slot { docker.append(round) }
        docker[slot] = round
        lastUpdate = round.roundAt
        return notes
    }

    /// Stores a kubectl round; returns pods that broke or recovered, for the timeline.
    public mutating func record(kubernetes round: KubeSnapshot, slot: Int, now: Date) -> [String] {
        var notes: [String] = []
        // The same pods array as the last round (no pod changed): both judged at `now`, none broke.
        let samePods = slot < kubernetes.count && round.pods.sharesStorage(with: kubernetes[slot].pods)
        let old = slot < kubernetes.count && !samePods ? Dictionary(kubernetes[slot].pods.map { ($0.id, $0.isBroken(now: now)) }, uniquingKeysWith: { a, _ in a }) : [:]
        if round.failure == nil, !samePods {
            for pod in round.pods {
                guard let wasBroken = old[pod.id] else { continue }
                let broken = pod.isBroken(now: now)
                if broken && !wasBroken { notes.append("pod \(pod.namespace)/\(pod.name) is \(pod.status)") }
                if !broken && wasBroken { notes.append("pod \(pod.namespace)/\(pod.name) recovered") }
            }
        }
        while kubernetes.count <= slot { kubernetes.append(round) }
        kubernetes[slot] = round
        lastUpdate = round.roundAt
        return notes
    }

    public mutating func record(host sample: HostSnapshot) {
        host = sample
        lastUpdate = sample.time
        cpuHistory.append(sample.cpuPercent)
        memoryHistory.append(sample.memory?.usedPercent)
        loadHistory.append(sample.load?.one)
    }
}
