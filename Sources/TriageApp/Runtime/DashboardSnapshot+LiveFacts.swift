import Foundation
import TriageCore
import TriageExport

extension DashboardSnapshot {
    /// What a status update says the probes see: failing checks, broken pods and containers, and
    /// firing critical Alertmanager alerts, each
    /// marked critical or warning (a WARN row is counted as a warning, never as down), containers
    /// named with a readable host tag (`db1`, `local`), not the engine's socket URL.
    public func liveFacts(now: Date) -> LiveFacts {
        let tracks = serviceOrder.compactMap { services[$0] }
        let containers = docker.flatMap(\.containers).filter { $0.healthState == .crit || $0.healthState == .warn }.map {
            AffectedItem.container(name: $0.name, state: $0.state.word, since: $0.finishedAt, reason: $0.reason ?? $0.statusText,
                                   severity: $0.healthState == .crit ? .critical : .warning, host: DockerHostTag.readable($0.host))
        }
        let pods = kubernetes.flatMap(\.pods).filter { $0.isBroken(now: now) }.map {
            AffectedItem.pod(name: "\($0.namespace)/\($0.name)", state: $0.status, since: nil, reason: $0.detail ?? $0.status,
                             severity: $0.healthState(now: now) == .crit ? .critical : .warning)
        }
        var facts = LiveFacts(collectedAt: lastUpdate ?? now, failingChecks: LiveFacts.failingChecks(from: tracks),
                              podsNotReady: pods, containersDown: containers)
        // Only critical ones, as for the other kinds' "down"; a silenced alert counts only with `silenced: true`.
        facts.firingAlerts = alertmanagers.flatMap { source in
            source.alerts.filter { source.state(of: $0) == .crit }.map { alert in
                let labels = alert.distinguishingLabels
                return AffectedItem(
                    kind: "alert", name: alert.alertname + (labels.isEmpty ? "" : " (" + labels.joined(separator: ", ") + ")"),
                    state: "firing", since: alert.startsAt, reason: alert.reason, severity: .critical)
            }
        }
        return facts
    }
}
