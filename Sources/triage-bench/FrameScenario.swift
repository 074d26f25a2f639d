import Foundation
import TriageApp
import TriageCore
import TriageProbes
import TriageStore
import TriageUI

/// One dashboard state the frame bench draws, with what a data frame changes in it.
///
/// `lab` is ``BenchData``'s lab-sized state (20 checks, host, 10,000 log lines, no incident);
/// `big` is the worst realistic frame of issue 16: 5,000 pods over four contexts, 100 containers
/// on two docker hosts, 20 checks, 10,000 log lines and an open incident on a 5,000-item runbook.
final class FrameScenario {
    let name: String
    private(set) var snapshot: DashboardSnapshot
    /// The snapshot store's version: a data frame bumps it, a clock frame does not.
    private(set) var version: UInt64 = 1
    /// The picture kept across frames, as ``TerminalApp`` keeps it.
    let pictureCache = PictureCache()
    /// The last frame, drawn into by the next, as ``TerminalApp`` keeps it (``PaneRegions``).
    let regions = PaneRegions()
    let logs: LogPaneModel
    let sources: DashboardSources
    let session: IncidentSession?
    private let directory: String?

    private init(name: String, snapshot: DashboardSnapshot, sources: DashboardSources, session: IncidentSession?, directory: String?) {
        self.name = name
        self.snapshot = snapshot
        self.logs = BenchData.logs()
        self.sources = sources
        self.session = session
        self.directory = directory
    }

    deinit {
        session?.stop()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func lab() -> FrameScenario {
        FrameScenario(name: "lab", snapshot: BenchData.snapshot(), sources: BenchData.sources, session: nil, directory: nil)
    }

    static let contexts = ["prod-eu", "prod-us", "staging", "batch"]
    static let dockerHosts = ["docker-a", "docker-b"]

    static func big() -> FrameScenario {
        var snapshot = BenchData.snapshot()
        let podsPerContext = 1_250
        let sample = KubePodListSample.make(count: podsPerContext)
        for (slot, context) in contexts.enumerated() {
            // In namespace and name order, as the kube probe's cache hands them over.
            let pods = ((try? KubePodListParser.parse(sample, context: context).pods) ?? [])
                .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            let nodes = (0..<10).map { NodeInfo(context: context, name: "node-\($0)", readyStatus: $0 == 3 ? "False" : "True") }
            let events = (0..<30).map {
                KubeEvent(context: context, namespace: "team-\($0 % 17)", objectKind: "Pod", objectName: "svc-\($0)-7d9f8b6c5-x",
                          reason: "BackOff", message: "Back-off restarting failed container", count: 3 + $0,
                          lastSeen: BenchData.start.addingTimeInterval(-Double($0 * 20)), type: "Warning")
            }
            _ = snapshot.record(kubernetes: KubeSnapshot(
                context: context, pods: pods, nodes: nodes, events: events, podsUpdatedAt: BenchData.start,
                lastGoodAt: BenchData.start, roundAt: BenchData.start, failure: nil, watching: true), slot: slot, now: BenchData.start)
        }
        for (slot, host) in dockerHosts.enumerated() {
            let containers = (0..<50).map { index in container(host: host, slot: slot, index: index) }
            _ = snapshot.record(docker: DockerSnapshot(host: host, containers: containers, lastGoodAt: BenchData.start, roundAt: BenchData.start,
                                                       failure: nil), slot: slot)
        }
        var sources = BenchData.sources
        sources.dockerHosts = dockerHosts
        sources.kubeContexts = contexts
        let directory = NSTemporaryDirectory() + "triage-bench-frame-\(UUID().uuidString.prefix(8))"
        var session: IncidentSession?
        do {
            let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
            let runbook = directory + "/big.md"
            try bigRunbook().write(toFile: runbook, atomically: true, encoding: .utf8)
            _ = try store.createIncident(title: "checkout errors", severity: "P2", runbookPath: runbook, at: BenchData.start, actor: "bench")
            session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "bench", defaultRunbookPath: nil)
        } catch {
            Report.say("frame bench: no incident (\(error))")
        }
        return FrameScenario(name: "big", snapshot: snapshot, sources: sources, session: session, directory: directory)
    }

    /// One of a host's 50 containers: one in 17 exited with 137 two minutes ago, the rest up for three hours.
    static func container(host: String, slot: Int, index: Int) -> ContainerInfo {
        let exited = index % 17 == 5
        let stats = ContainerStats(cpuPercent: Double(index % 40), memoryUsageBytes: Int64(index) << 24, memoryLimitBytes: 1 << 30,
                                   memoryPercent: Double(index) * 1.5)
        let started: Date = BenchData.start.addingTimeInterval(-10_800)
        let finished: Date? = exited ? BenchData.start.addingTimeInterval(-120) : nil
        return ContainerInfo(host: host, containerID: String(format: "%012x", slot * 1000 + index), name: "app-\(index)",
                             image: "registry.example/app-\(index):1.2", state: exited ? .exited : .running,
                             statusText: exited ? "Exited (137) 2 minutes ago" : "Up 3 hours", exitCode: exited ? 137 : nil,
                             startedAt: started, finishedAt: finished, stats: stats)
    }

    /// 5,000 tasks in 100 sections, each with a command; the first ten sections have phase windows.
    static func bigRunbook() -> String {
        var text = "# Big runbook\n\n## Severity Levels\n\n| Level | Description |\n|---|---|\n| P1 | down |\n| P2 | degraded |\n\n"
        for section in 0..<100 {
            text += section < 10 ? "## Section \(section) (\(section * 5)-\(section * 5 + 5) minutes)\n\n" : "## Section \(section)\n\n"
            for task in 0..<50 { text += "- [ ] check step \(section).\(task)\n" }
            text += "\n```bash\nkubectl get pods -n ns\(section)\n```\n\n"
        }
        return text
    }

    /// New data as the probes deliver it each round: a host sample, a round of checks, and each
    /// context's and host's round again. A context's pods are handed over as the kube probe hands
    /// them: the same array when no pod changed; with `restartingPod`, one pod of one context
    /// restarted (a copy of that context's array with the one pod replaced, as the probe's cache
    /// makes it), a different pod each round.
    func deliverRound(at time: Date, restartingPod: Bool = false) {
        if var host = snapshot.host {
            host.time = time
            host.cpuPercent = 20 + Double(Int(time.timeIntervalSince1970) % 60)
            snapshot.record(host: host)
        }
        let results = snapshot.serviceOrder.compactMap { name -> ServiceCheckResult? in
            guard let latest = snapshot.services[name]?.latest else { return nil }
            var result = latest
            result.checkedAt = time
            return result
        }
        _ = snapshot.record(services: results)
        if restartingPod { restarts += 1 }
        for (slot, context) in snapshot.kubernetes.enumerated() {
            var round = context
            if restartingPod, slot == restarts % snapshot.kubernetes.count, !round.pods.isEmpty {
                let index = (restarts * 997) % round.pods.count
                round.pods[index] = Self.restarted(round.pods[index], at: time)
            }
            round.roundAt = time
            _ = snapshot.record(kubernetes: round, slot: slot, now: time)
        }
        for (slot, host) in snapshot.docker.enumerated() {
            var round = host
            round.containers = host.containers.map { $0 }
            round.roundAt = time
            _ = snapshot.record(docker: round, slot: slot)
        }
        version += 1
    }

    /// Rounds in which a pod restarted so far: which pod restarts next.
    private var restarts = 0

    /// The pod after one more restart of its first container, which ended at `time`.
    static func restarted(_ pod: PodInfo, at time: Date) -> PodInfo {
        var facts = pod.facts
        guard !facts.containerStatuses.isEmpty else { return pod }
        facts.containerStatuses[0].restartCount += 1
        facts.containerStatuses[0].lastTerminated = .init(exitCode: 1, reason: "Error", startedAt: time.addingTimeInterval(-30), finishedAt: time)
        facts.containerStatuses[0].state = .running(startedAt: time)
        var changed = PodInfo(context: pod.context, namespace: pod.namespace, name: pod.name, uid: pod.uid, node: pod.node,
                              creationTimestamp: pod.creationTimestamp, labels: pod.labels,
                              resourceVersion: String((Int(pod.resourceVersion) ?? 0) + 1), facts: facts)
        changed.podIP = pod.podIP
        changed.qosClass = pod.qosClass
        changed.owner = pod.owner
        changed.images = pod.images
        return changed
    }
}
