import Foundation
import TriageCore

extension KubeProbe {
    /// `triage check`'s round (a probe stopped before its first poll): nodes and warning events listed
    /// once each, within `deadline`, with no watch started. Pods are listed by the caller.
    func oneShotRound(deadline: Duration) async -> KubeSnapshot {
        let globals = target.globalArguments
        let executable = executable
        async let nodeRun = ProcessRunner.run(executable, globals + ["get", "nodes", "-o", "json"], deadline: deadline)
        let eventRuns = await withTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for (index, scope) in target.scopes.enumerated() {
                group.addTask {
                    (index, await ProcessRunner.run(
                        executable, globals + ["get", "events", "-o", "json", "--field-selector", "type=Warning"] + scope,
                        deadline: deadline))
                }
            }
            var results: [(Int, ProcessOutcome)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let nodeOutcome = await nodeRun
        let roundTime = now()

        var failure: String?
        var notes: [String] = []
        var nodes: [NodeInfo] = []
        var events: [KubeEvent] = []
        do throws(KubeParseError) {
            // RBAC often hides nodes (or events) from namespace-scoped users: that is a note, not an outage.
            if nodeOutcome.succeeded {
                nodes = try KubeNodeListParser.parse(Data(nodeOutcome.stdout), context: target.contextName)
            } else if Self.isForbidden(nodeOutcome) {
                notes.append("nodes: \(Self.reason(nodeOutcome))")
            } else {
                throw KubeParseError(Self.reason(nodeOutcome))
            }
            for outcome in eventRuns {
                if outcome.succeeded {
                    events += try KubeEventListParser.parse(Data(outcome.stdout), context: target.contextName)
                } else if Self.isForbidden(outcome) {
                    notes.append("events: \(Self.reason(outcome))")
                } else {
                    throw KubeParseError(Self.reason(outcome))
                }
            }
        } catch {
            failure = error.description
        }
        return KubeSnapshot(
            context: target.contextName, pods: [], nodes: nodes,
            events: KubeEventListParser.recent(events, now: roundTime, window: eventWindow),
            podsUpdatedAt: nil, lastGoodAt: failure == nil ? roundTime : nil, roundAt: roundTime,
            failure: failure.map { "context \(target.contextName): \($0)" }, watching: false, notes: notes)
    }

    static func isForbidden(_ outcome: ProcessOutcome) -> Bool {
        guard case .exited = outcome.exitStatus else { return false }
        return outcome.stderrText.contains("(Forbidden)")
    }

    static func reason(_ outcome: ProcessOutcome) -> String {
        if case .exited = outcome.exitStatus, let text = KubectlErrorText.reason(stderr: outcome.stderrText) { return text }
        return outcome.failureReason ?? "kubectl failed"
    }
}
