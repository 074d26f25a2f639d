import Foundation
import TriageCore

/// One Kubernetes context (with its namespace scopes) as a registered probe.
///
/// Continuous (the dashboard): a `KubeProbe` with its pod watches, polled every round. One-shot
/// (`triage check`): the same `KubeProbe` stopped before its first poll, so it starts no watch, for
/// nodes and warning events, and the pods from one `kubectl get pods -o json` per namespace scope.
public struct KubeContextProbe: Probe {
    public let id: ProbeID
    public let target: KubeTarget
    private let probe: KubeProbe
    private let mode: ProbeMode
    private let executable: String

    public init(target: KubeTarget, mode: ProbeMode, executable: String = "kubectl") {
        id = ProbeID(.kubernetes, target.contextName)
        self.target = target
        self.mode = mode
        self.executable = executable
        probe = KubeProbe(target: target, executable: executable)
    }

    public func poll(deadline: Duration) async -> ProbeData {
        switch mode {
        case .continuous: .kubernetes(await probe.poll(deadline: deadline))
        case .oneShot: .kubernetes(await oneShot(deadline: deadline))
        }
    }

    public func stop() async { await probe.stop() }

    /// Nodes and warning events through `KubeProbe`, and pods from one list per namespace scope.
    private func oneShot(deadline: Duration) async -> KubeSnapshot {
        // Stopped before its first poll, the probe starts no watch: the pods are listed once below.
        await probe.stop()
        async let snapshot = probe.poll(deadline: deadline)
        let executable = executable
        let target = target
        let podRuns = await withTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for (index, scope) in target.scopes.enumerated() {
                group.addTask {
                    (index, await ProcessRunner.run(
                        executable, target.globalArguments + ["get", "pods", "-o", "json"] + scope + target.selectorArguments,
                        deadline: deadline, outputLimit: 512 << 20))
                }
            }
            var results: [(Int, ProcessOutcome)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var pods: [PodInfo] = []
        var podFailure: String?
        for outcome in podRuns {
            guard outcome.succeeded else {
                let why: String =
                    if case .exited = outcome.exitStatus, let text = KubectlErrorText.reason(stderr: outcome.stderrText) { text } else {
                        outcome.failureReason ?? "kubectl get pods failed"
                    }
                podFailure = podFailure ?? why
                continue
            }
            do {
                pods += try KubePodListParser.parse(Data(outcome.stdout), context: target.contextName).pods
            } catch {
                podFailure = podFailure ?? error.description
            }
        }
        var round = await snapshot
        pods.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        round.pods = pods
        round.failure = round.failure ?? podFailure.map { "context \(target.contextName): \($0)" }
        return round
    }
}
