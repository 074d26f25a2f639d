import Foundation
import TriageCore
import TriageProbes

extension DashboardSnapshot {
    /// One `triage check` round as the dashboard would hold it after that round, so `OutageEntities`
    /// judges it exactly as it judges the dashboard's and the wall's data.
    ///
    /// Checks get a one-round policy (`fail_after` 1): a check has no history, so its state is the
    /// round's raw verdict (docs/CHECK.md).
    public init(round: CheckRound) {
        self.init(startedAt: round.startedAt)
        let oneRound = CheckStateMachine.Policy(failuresToCrit: 1)
        let results = round.services + round.checks + round.prometheus
        declareServices(results.map { ($0.name, $0.kind, oneRound) })
        record(services: results)
        for (slot, result) in round.docker.enumerated() {
            _ = record(docker: DockerSnapshot(
                host: result.target.tag, containers: result.containers, lastGoodAt: result.failure == nil ? round.finishedAt : nil,
                roundAt: round.finishedAt, failure: result.failure, statsFailure: result.statsFailure), slot: slot)
        }
        for (slot, result) in round.kubernetes.enumerated() {
            _ = record(kubernetes: KubeSnapshot(
                context: result.target.contextName, pods: result.pods, nodes: result.nodes, events: result.events,
                podsUpdatedAt: round.finishedAt, lastGoodAt: result.failure == nil ? round.finishedAt : nil, roundAt: round.finishedAt,
                failure: result.failure, watching: false, notes: result.notes), slot: slot, now: round.finishedAt)
        }
        for (slot, result) in round.alertmanagers.enumerated() { _ = record(alertmanager: result, slot: slot) }
        record(host: round.host)
        lastUpdate = round.finishedAt
    }
}
