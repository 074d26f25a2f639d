import Foundation
import TriageCore

/// One Kubernetes context as a registered probe (`TwoModeProbe<KubeProbe>`): continuous polls this
/// probe, with its watches; one-shot (`triage check`) lists pods, nodes and warning events once each.
extension KubeProbe: TwoModeSource {
    public nonisolated var probeID: ProbeID { ProbeID(.kubernetes, target.contextName) }

    public static func data(_ round: KubeSnapshot) -> ProbeData { .kubernetes(round) }

    /// `triage check`'s round: stopped before its first poll, the probe starts no watch.
    public func oneShot(deadline: Duration) async -> KubeSnapshot {
        await stop()
        return await oneShotRound(deadline: deadline)
    }

    /// Pods and warning events listed once per namespace scope and nodes once, within `deadline`,
    /// with no watch started.
    func oneShotRound(deadline: Duration) async -> KubeSnapshot {
        let target = target
        let globals = target.globalArguments
        let executable = executable
        async let nodeRun = ProcessRunner.run(executable, globals + ["get", "nodes", "-o", "json"], deadline: deadline)
        async let podRuns = Self.perScope(target.scopes) { scope in
            await ProcessRunner.run(
                executable, globals + ["get", "pods", "-o", "json"] + scope + target.selectorArguments,
                deadline: deadline, outputLimit: 512 << 20)
        }
        let eventRuns = await Self.perScope(target.scopes) { scope in
            await ProcessRunner.run(executable, globals + ["get", "events", "-o", "json", "--field-selector", "type=Warning"] + scope, deadline: deadline)
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
        // Pods hidden by RBAC are a failure: the pods are what the pane is for. A scope that failed
        // does not drop the pods the others listed.
        var pods: [PodInfo] = []
        var podFailure: String?
        for outcome in await podRuns {
            do throws(KubeParseError) {
                guard outcome.succeeded else { throw KubeParseError(Self.reason(outcome)) }
                pods += try KubePodListParser.parse(Data(outcome.stdout), context: target.contextName).pods
            } catch {
                podFailure = podFailure ?? error.description
            }
        }
        pods.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        return KubeSnapshot(
            context: target.contextName, pods: pods, nodes: nodes,
            events: KubeEventListParser.recent(events, now: roundTime, window: eventWindow),
            podsUpdatedAt: nil, lastGoodAt: failure == nil ? roundTime : nil, roundAt: roundTime,
            failure: (failure ?? podFailure).map { "context \(target.contextName): \($0)" }, watching: false, notes: notes)
    }

    /// One kubectl run per namespace scope, at the same time; the outcomes in the scopes' order.
    private static func perScope(
        _ scopes: [[String]], _ run: @escaping @Sendable ([String]) async -> ProcessOutcome
    ) async -> [ProcessOutcome] {
        await withTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for (index, scope) in scopes.enumerated() {
                group.addTask { (index, await run(scope)) }
            }
            var results: [(Int, ProcessOutcome)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
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
