import Foundation
import TriageCore
import TriageProbes

extension DashboardSnapshot {
    /// Takes one delivery of the engine into the picture: the data into its kind's place, the
    /// source's state into `probeStates`. Returns what the incident timeline should note (a service
    /// that went down or came back, a container or pod that broke or recovered).
    ///
    /// A round without data (the engine gave up on it) keeps what is shown and marks the docker host
    /// or context failed with the engine's reason, so old rows never pass for fresh ones.
    public mutating func record(_ delivery: ProbeDelivery, now: Date) -> [String] {
        probeStates[delivery.id] = delivery.state
        let slot = delivery.registration.slot
        switch delivery.data {
        case .host(let sample)?:
            record(host: sample)
        case .services(let results)?:
            let notable = record(services: results).filter { $0.from != .unknown || $0.to == .crit }
            return notable.map { change in
                let verb = change.to == .ok ? "came back" : change.to == .crit ? "went down" : "is \(change.to.label)"
                return "service \(change.name) \(verb)" + (change.to == .ok ? "" : change.reason.map { ": \($0)" } ?? "")
            }
        case .docker(let round)?:
            return record(docker: round, slot: slot)
        case .kubernetes(let round)?:
            return record(kubernetes: round, slot: slot, now: now)
        case .alertmanager(let round)?:
            return record(alertmanager: round, slot: slot)
        case .containerNames?:
            break
        case nil:
            guard let reason = delivery.state.lastError else { break }
            if delivery.id.kind == .docker, slot < docker.count { docker[slot].failure = reason }
            if delivery.id.kind == .kubernetes, slot < kubernetes.count {
                kubernetes[slot].failure = "context \(kubernetes[slot].context): \(reason)"
            }
        }
        return []
    }

    /// The state of the docker host with this tag, if it is registered.
    public func probeState(dockerHost tag: String) -> ProbeState? { probeStates[ProbeID(.docker, tag)] }

    /// The state of the Kubernetes context with this name ("current" for kubectl's own), if registered.
    public func probeState(kubeContext name: String) -> ProbeState? { probeStates[ProbeID(.kubernetes, name)] }

    /// Every registered source of a kind with its state, in name order (check groups, log globs).
    public func probeStates(of kind: ProbeData.Kind) -> [(id: ProbeID, state: ProbeState)] {
        probeStates.filter { $0.key.kind == kind }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
