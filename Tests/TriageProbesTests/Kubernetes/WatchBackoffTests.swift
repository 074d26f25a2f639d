import Foundation
import Testing
import TriageCore
@testable import TriageProbes
import TriageTestSupport

/// How often a Kubernetes context that refuses connections starts kubectl (the whole lab's cost, issue
/// 16): the real kubectl against a closed port, counted by the probe's own tally of the runs it started.
@Suite("WatchBackoff: a refused context's watches", .serialized)
struct WatchBackoffTests {
    @Test func backoffDoublesFromTwoSecondsToAMinuteAndStartsOverAfterAHealthyRun() {
        var backoff = StreamBackoff()
        let waits = (0..<8).map { _ in backoff.next(afterRunOf: .milliseconds(50)) }
        #expect(waits == [2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
        #expect(backoff.next(afterRunOf: .seconds(45)) == .seconds(2))
        #expect(backoff.next(afterRunOf: .milliseconds(50)) == .seconds(4))
    }

    @Test func aRefusedContextRestartsOneWatchOnItsBackoffNotEveryStream() async throws {
        let server = try await KubeStandInServer()
        // The dashboard's own backoff (2 s growing to 60 s); the context has pods, nodes and events streams.
        let probe = KubeProbe(target: KubeTarget(context: "lab-down", kubeconfig: server.kubeconfig))
        let clock = ContinuousClock()
        let end = clock.now + .seconds(7)
        var snapshot = await probe.poll(deadline: .seconds(10))
        while clock.now < end {
            try await Task.sleep(for: .milliseconds(500))
            snapshot = await probe.poll(deadline: .seconds(10))
        }
        let runs = await probe.runsStarted
        // Each stream's first run, then the lead alone after 2 s and 4 s more: 5. Each stream on its own
        // backoff (as before) started 9 by now; 1 s growing to 30 s, 9 too.
        #expect(runs.values.reduce(0, +) <= 5, "kubectl runs in 7 s: \(runs)")
        #expect(runs[.pods, default: 0] >= 2, "the lead stream kept trying: \(runs)")
        // The row keeps saying why, all along.
        #expect(snapshot.failure == "context lab-down: connection refused (127.0.0.1:1)")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func theStreamsThatWaitedStartOnceTheLeadIsAnswered() async throws {
        let server = try await KubeStandInServer()
        let directory = try LabTools.temporaryDirectory("backoff")
        let kubeconfig = directory + "/kubeconfig"
        // Context `lab` first points at a closed port, then at the stand-in, as an API server that comes back.
        try await KubeStandIn.writeKubeconfig(kubeconfig, port: 1, downPort: nil)
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", kubeconfig: kubeconfig), streamBackoff: .milliseconds(200)...(.milliseconds(800)))
        var snapshot = await probe.poll(deadline: .seconds(10))
        let refused = await LabTools.eventually(attempts: 40) {
            snapshot = await probe.poll(deadline: .seconds(10))
            let pods = await probe.runsStarted[.pods] ?? 0
            return snapshot.failure?.contains("connection refused") == true && pods >= 3
        }
        #expect(refused, "\(snapshot.failure ?? "no failure")")
        let waiting = await probe.runsStarted
        #expect(waiting[.nodes] == 1 && waiting[.events] == 1, "only the lead retried while refused: \(waiting)")

        try await KubeStandIn.writeKubeconfig(kubeconfig, port: server.port, downPort: nil)
        let back = await LabTools.eventually(attempts: 100) {
            snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.failure == nil && snapshot.watching && !snapshot.nodes.isEmpty
        }
        let runs = await probe.runsStarted
        #expect(back, "nodes and events did not follow the lead: \(snapshot.failure ?? "no failure"), runs \(runs)")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: kubeconfig).isEmpty)
        await server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
