import Foundation
import TriageApp
import TriageCore
import TriageProbes
import TriageStore
#if canImport(Glibc)
import Glibc
#endif

/// (j) Recording what the panes are built from: a synthesised hour of a lab-sized dashboard snapshot
/// (checks, containers, one context's pods and nodes, the host), four snapshot versions a second,
/// through the row encoder and ``SourceRecorder`` (row changes, key frames, the log lines kept around
/// transitions from a 20-lines-a-second firehose) into a real incident database with
/// `IncidentStore.recordSources`, as ``PictureRecordingWriter`` does on its queue.
///
/// The context's round (one a second) hands over a new array of pods each time, equal to the last
/// but for the pods that changed: what a probe that builds its list anew every round does, the
/// costlier case for the recording (a probe that hands the same array over when nothing changed
/// costs one comparison). `podChangesPerMinute` pods turn bad or heal on top of the lab's changes:
/// with 5,000 pods, a crash-looping deployment or a slow rollout, the kind of churn an incident
/// with a big context shows, while the other pods stay as they were.
enum SourceRecordingBench {
    static func run(pods podCount: Int, changesPerMinute: Int, podChangesPerMinute: Int, maxCPU: Double) -> RecordingBench.Cost? {
        var cost: RecordingBench.Cost?
        RecordingBench.withIncidentDatabase("sources-\(podCount)") { store, incident, start in
            var snapshot = lab(pods: podCount, at: start)
            let encoder = SnapshotSourceRows.Encoder()
            var recorder = SourceRecorder()
            var window = TransitionLogWindow()
            var generator = SystemRandomNumberGenerator()
            let versionsPerSecond = 4
            let seconds = 3600
            let every = changesPerMinute == 0 ? Int.max : max(1, 60 * versionsPerSecond / changesPerMinute)
            var (changes, frames, lines, rounds, simulated) = (0, 0, 0, 0, 0)
            var podChangesDue = 0.0
            let cpuBefore = RecordingBench.cpuSeconds()
            for step in 0..<(seconds * versionsPerSecond) {
                if step % (60 * versionsPerSecond) == 0, step > 0, RecordingBench.cpuSeconds() - cpuBefore > maxCPU { break }
                simulated = step + 1
                let time = start.addingTimeInterval(Double(step) / Double(versionsPerSecond))
                // Every version: a new round of something (host, checks, docker, kube) with new figures.
                advance(&snapshot, step: step, at: time, generator: &generator)
                if step % 4 == 3, podCount > 0 {
                    podChangesDue += Double(podChangesPerMinute) / 60
                    var pods = snapshot.kubernetes[0].pods.map { $0 }
                    while podChangesDue >= 1 {
                        podChangesDue -= 1
                        flip(&pods[Int.random(in: 0..<pods.count, using: &generator)], at: time)
                        window.transition(at: time)
                    }
                    snapshot.kubernetes[0].pods = pods
                }
                window.arrived((0..<5).map { RecordedLogLine(time: time, source: "payments", text: "GET /pay 502 upstream reset #\(step)-\($0)") })
                if step % every == every - 1 {
                    flip(&snapshot, at: time, generator: &generator)
                    window.transition(at: time)
                }
                let rows = SnapshotSourceRows.rows(of: snapshot, encoder: encoder)
                guard let batch = recorder.take(rows, at: time, logLines: window.take()) else { continue }
                changes += batch.changes.count
                frames += batch.keyFrame == nil ? 0 : 1
                lines += batch.logLines.count
                rounds += 1
                try store.recordSources(incidentID: incident.id, batch)
            }
            let ran = max(1, simulated / versionsPerSecond)
            cost = RecordingBench.Cost(cpu: RecordingBench.cpuSeconds() - cpuBefore, bytes: try RecordingBench.closedSize(store), seconds: ran)
            Report.say("sources: \(snapshot.services.count) checks, \(snapshot.docker.first?.containers.count ?? 0) containers, "
                + "\(podCount) pods, \(changesPerMinute) changes/min + \(podChangesPerMinute) pod changes/min, \(ran / 60) simulated minutes"
                + (ran < 3600 ? " (stopped at --max-cpu)" : "") + ": \(changes) row changes, \(frames) key frames, \(lines) log lines, "
                + "\(rounds) transactions")
            RecordingBench.say(cost!, "sources")
            Report.say("sources counts: \(encoder.counts.rowsBuilt) rows built, \(encoder.counts.rowsEncoded) encoded, "  // counts
                + "\(recorder.rowsCompared) compared")  // counts
        }
        return cost
    }

    /// The lab's shape: 12 checks, 10 containers, `pods` pods on 3 nodes, the host.
    static func lab(pods: Int, at time: Date) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: time)
        snapshot.declareServices((0..<12).map { ("check-\($0)", .http, .standard) })
        let containers = (0..<10).map { index in
            ContainerInfo(host: "local", containerID: String(format: "%012x", index), name: "lab-svc-\(index)", image: "lab/svc:1",
                          state: .running, statusText: "Up 3 hours", restarts: 0, startedAt: time.addingTimeInterval(-10_800))
        }
        snapshot.docker = [DockerSnapshot(host: "local", containers: containers, lastGoodAt: time, roundAt: time, failure: nil)]
        let podInfos = (0..<pods).map { index in
            PodInfo(context: "lab", namespace: "shop", name: "payments-6b8d-\(index)-x2x9q", node: "node-\(index % 3)",
                    creationTimestamp: time.addingTimeInterval(-86_400),
                    facts: KubePodFacts(phase: "Running", conditions: ["Ready": "True"], containerNames: ["app"],
                                        containerStatuses: [KubeContainerStatus(name: "app", ready: true, started: true,
                                                                                state: .running(startedAt: time.addingTimeInterval(-86_400)))]))
        }
        let nodes = (0..<3).map { NodeInfo(context: "lab", name: "node-\($0)", readyStatus: "True") }
        snapshot.kubernetes = [KubeSnapshot(context: "lab", pods: podInfos, nodes: nodes, events: [], podsUpdatedAt: time, lastGoodAt: time,
                                            roundAt: time, failure: nil, watching: true)]
        return snapshot
    }

    /// One version's new round: the host every 2 s, the checks every 2 s (new latencies), docker's and
    /// kubectl's rounds (new round times and stats) in between.
    static func advance(_ snapshot: inout DashboardSnapshot, step: Int, at time: Date, generator: inout SystemRandomNumberGenerator) {
        switch step % 4 {
        case 0:
            snapshot.record(host: HostSnapshot(time: time, hostname: "bastion", disks: [], memory: nil,
                                               load: LoadAverage(one: Double.random(in: 0...4, using: &generator), five: 1, fifteen: 1),
                                               cpuCount: 2, cpuPercent: Double.random(in: 0...100, using: &generator)))
        case 1:
            snapshot.record(services: snapshot.serviceOrder.map { name in
                let state = snapshot.services[name]?.latest?.state ?? .ok
                return ServiceCheckResult(name: name, detail: .http(HTTPCheckResult(
                    statusCode: state == .crit ? 503 : 200, timings: .init(total: .milliseconds(Int.random(in: 1...40, using: &generator))),
                    state: state, reason: state == .crit ? "HTTP 503, expected 2xx" : nil)), checkedAt: time)
            })
        case 2:
            snapshot.docker[0].roundAt = time
            for index in snapshot.docker[0].containers.indices {
                snapshot.docker[0].containers[index].stats = ContainerStats(cpuPercent: Double.random(in: 0...100, using: &generator), sampledAt: time)
            }
        default:
            snapshot.kubernetes[0].roundAt = time
        }
    }

    /// One change the panes show: a check, a container or a pod turns bad or heals.
    static func flip(_ snapshot: inout DashboardSnapshot, at time: Date, generator: inout SystemRandomNumberGenerator) {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
            let name = snapshot.serviceOrder.randomElement(using: &generator)!
            let state: HealthState = snapshot.services[name]?.latest?.state == .crit ? .ok : .crit
            for _ in 0..<2 {
                snapshot.record(services: [ServiceCheckResult(name: name, detail: .http(HTTPCheckResult(
                    statusCode: state == .crit ? 503 : 200, state: state, reason: state == .crit ? "HTTP 503, expected 2xx" : nil)), checkedAt: time)])
            }
        case 1:
            let index = Int.random(in: 0..<snapshot.docker[0].containers.count, using: &generator)
            var container = snapshot.docker[0].containers[index]
            container.state = container.state == .running ? .exited : .running
            container.exitCode = container.state == .exited ? 137 : nil
            container.statusText = container.state == .exited ? "Exited (137) 1 second ago" : "Up 1 second"
            container.restarts = (container.restarts ?? 0) + 1
            snapshot.docker[0].containers[index] = container
        default:
            guard !snapshot.kubernetes[0].pods.isEmpty else { return }
            let index = Int.random(in: 0..<snapshot.kubernetes[0].pods.count, using: &generator)
            flip(&snapshot.kubernetes[0].pods[index], at: time)
        }
    }

    /// A pod crash-loops or comes back.
    static func flip(_ pod: inout PodInfo, at time: Date) {
        pod.columns.status = pod.columns.status == "Running" ? "CrashLoopBackOff" : "Running"
        pod.columns.restarts += 1
        pod.columns.lastRestartAt = time
    }
}
