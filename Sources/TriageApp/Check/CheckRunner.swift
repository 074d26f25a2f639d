import Foundation
import TriageCore
import TriageProbes

/// Runs one round of every probe of a `CheckPlan` at once: HTTP checks, command checks, Prometheus
/// queries, each docker host, each Kubernetes context and the host.
///
/// Each probe is the dashboard's own (`ServiceCheckSuite`, `DockerProbe`, `KubeProbe`, `HostSampler`)
/// with a deadline, so a check says what the dashboard would. What the dashboard keeps running in the
/// background is replaced by one-shot runs here: `docker stats --no-stream` instead of the stats
/// stream, and one `kubectl get pods -o json` per namespace scope instead of the watch. The whole
/// round takes about as long as its slowest probe, and every child is gone when `run()` returns.
public struct CheckRunner: Sendable {
    public var plan: CheckPlan
    /// The deadline of each docker and kubectl run (HTTP and command checks use their own timeouts).
    public var deadline: Duration
    public var docker: String
    public var kubectl: String

    /// The host's CPU figure needs two readings; they are at least this far apart.
    static let cpuSampleGap: Duration = .milliseconds(250)

    public init(plan: CheckPlan, deadline: Duration = .seconds(10), docker: String = "docker", kubectl: String = "kubectl") {
        self.plan = plan
        self.deadline = deadline
        self.docker = docker
        self.kubectl = kubectl
    }

    public func run() async -> CheckRound {
        let started = Date()
        let clock = ContinuousClock()
        let begun = clock.now
        var sampler = HostSampler()
        _ = sampler.sample()

        let suite = ServiceCheckSuite(
            http: plan.services, commands: plan.checks, prometheus: plan.prometheus, commandsWithheld: plan.commandsWithheld)
        async let serviceResults = suite.runOnce()
        async let dockerResults = withTaskGroup(of: (Int, CheckRound.DockerResult).self) { group in
            for (index, target) in plan.dockerTargets.enumerated() {
                group.addTask { (index, await dockerRound(target)) }
            }
            var results: [(Int, CheckRound.DockerResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        async let kubeResults = withTaskGroup(of: (Int, CheckRound.KubeResult).self) { group in
            for (index, target) in plan.kubeTargets.enumerated() {
                group.addTask { (index, await kubeRound(target)) }
            }
            var results: [(Int, CheckRound.KubeResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let (services, docker, kube) = await (serviceResults, dockerResults, kubeResults)
        let elapsed = clock.now - begun
        if elapsed < Self.cpuSampleGap { try? await Task.sleep(for: Self.cpuSampleGap - elapsed) }
        let host = sampler.sample()
        return CheckRound(
            startedAt: started, finishedAt: Date(), services: services.services, checks: services.checks,
            prometheus: services.prometheus, docker: docker, kubernetes: kube, host: host)
    }

    /// `docker ps` and `inspect` through `DockerProbe`, with figures from one `docker stats --no-stream`.
    func dockerRound(_ target: DockerHostTarget) async -> CheckRound.DockerResult {
        let probe = DockerProbe(target: target, executable: docker)
        // Stopped before its first poll, the probe never starts its stats stream: one round needs none.
        await probe.stop()
        async let snapshot = probe.poll(deadline: deadline)
        async let statsRun = ProcessRunner.run(
            docker, target.globalArguments + ["stats", "--no-stream", "--format", "{{json .}}"], deadline: deadline)
        let (round, stats) = await (snapshot, statsRun)
        var figures: [String: ContainerStats] = [:]
        for sample in DockerStatsParser.parse(stats.stdoutText) {
            figures[String(sample.containerID.prefix(12))] = sample.stats
        }
        let containers = round.containers.map { row -> ContainerInfo in
            var row = row
            if row.stats == nil, row.state == .running || row.state == .paused, let sample = figures[row.containerID] {
                row.stats = sample
            }
            return row
        }
        let statsFailure = stats.succeeded || round.failure != nil ? nil : "docker stats: " + (stats.failureReason ?? "failed")
        return CheckRound.DockerResult(target: target, containers: containers, failure: round.failure, statsFailure: statsFailure)
    }

    /// Nodes and warning events through `KubeProbe`, and pods from one list per namespace scope.
    func kubeRound(_ target: KubeTarget) async -> CheckRound.KubeResult {
        let probe = KubeProbe(target: target, executable: kubectl)
        // Stopped before its first poll, the probe starts no watch: the pods are listed once below.
        await probe.stop()
        async let snapshot = probe.poll(deadline: deadline)
        let kubectl = kubectl
        let deadline = deadline
        let podRuns = await withTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for (index, scope) in target.scopes.enumerated() {
                group.addTask {
                    (index, await ProcessRunner.run(
                        kubectl, target.globalArguments + ["get", "pods", "-o", "json"] + scope + target.selectorArguments,
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
        let round = await snapshot
        pods.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        let failure = round.failure ?? podFailure.map { "context \(target.contextName): \($0)" }
        return CheckRound.KubeResult(target: target, pods: pods, nodes: round.nodes, events: round.events, failure: failure, notes: round.notes)
    }
}
