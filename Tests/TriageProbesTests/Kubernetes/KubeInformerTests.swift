import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes

/// KubeProbe as an informer, with the real kubectl against the API stand-in: pods, nodes and warning
/// events are listed once and then watched, so a quiet cluster costs no kubectl run and no request per
/// round; the probe relists on 410, on an ERROR event and periodically, and only the stream concerned.
/// Everything here counts (requests the stand-in served, kubectl runs the probe started), never times.
@Suite("KubeInformer: list, then watch", .serialized)
struct KubeInformerTests {
    /// Polls until the probe shows the whole default scenario from live watches.
    private static func watchingEverything(_ probe: KubeProbe) async -> KubeSnapshot? {
        var snapshot: KubeSnapshot?
        let ready = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            snapshot = round
            return round.watching && round.pods.count == 17 && round.nodes.count == 3 && round.events.count == 5
        }
        return ready ? snapshot : nil
    }

    @Test func aQuietClusterStartsNoKubectlAndAsksTheServerNothing() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig))
        let first = await Self.watchingEverything(probe)
        #expect(first?.failure == nil, "not watching the scenario: \(first?.failure ?? "no snapshot")")
        let requestsBefore = await server.requests()
        let runsBefore = await probe.runsStarted
        #expect(runsBefore == [.pods: 1, .nodes: 1, .events: 1])
        // Twenty rounds over a quiet cluster: the dashboard polls like this every refresh.
        for _ in 0..<20 {
            let round = await probe.poll(deadline: .seconds(10))
            #expect(round.failure == nil && round.watching && round.nodes.count == 3 && round.events.count == 5)
            try await Task.sleep(for: .milliseconds(100))
        }
        let requestsAfter = await server.requests()
        // Before the informer, every round listed nodes and events: 20 more of each.
        #expect(requestsAfter == requestsBefore, "requests during quiet rounds: before \(requestsBefore), after \(requestsAfter)")
        #expect(requestsAfter["list nodes"] == 1 && requestsAfter["watch nodes"] == 1)
        #expect(requestsAfter["list events"] == 1 && requestsAfter["watch events"] == 1)
        #expect(await probe.runsStarted == runsBefore)
        #expect(LabTools.processes(named: "kubectl", marker: server.kubeconfig).count == 3, "one kubectl per stream")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func a410OnTheNodeWatchRelistsNodesExactlyOnce() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig))
        #expect(await Self.watchingEverything(probe) != nil)
        let before = await server.requests()
        await server.expire("nodes")
        let relisted = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            return await probe.relists[.nodes] == 1 && round.watching && round.nodes.count == 3
        }
        let relistsSeen = await probe.relists
        #expect(relisted, "no node relist after a 410: relists \(relistsSeen)")
        // A few more rounds: the relist is not repeated, and pods and events were never touched.
        for _ in 0..<5 {
            #expect(await probe.poll(deadline: .seconds(10)).failure == nil)
            try await Task.sleep(for: .milliseconds(100))
        }
        let after = await server.requests()
        #expect(after["list nodes", default: 0] - before["list nodes", default: 0] == 1, "node lists: \(before) → \(after)")
        #expect(after["watch nodes", default: 0] - before["watch nodes", default: 0] == 1)
        for key in ["list pods", "watch pods", "list events", "watch events"] {
            #expect(after[key] == before[key], "\(key): \(before[key] ?? 0) → \(after[key] ?? 0)")
        }
        #expect(await probe.relists == [.nodes: 1])
        #expect(await probe.runsStarted == [.pods: 1, .nodes: 2, .events: 1])
        await probe.stop()
        await server.stop()
    }

    @Test func anErrorEventInTheEventsWatchRelistsEachEventScope() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(target: KubeTarget(context: "lab", namespaces: ["shop", "batch"], kubeconfig: server.kubeconfig))
        #expect(await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            return round.watching && round.pods.count == 15
        })
        let before = await server.requests()
        let warnings = await probe.poll(deadline: .seconds(10)).events.count
        await server.expire("events")
        let relisted = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            return await probe.relists[.events] == 2 && round.watching && round.events.count == warnings
        }
        let relistsSeen = await probe.relists
        #expect(relisted, "the two event streams did not relist: \(relistsSeen)")
        let after = await server.requests()
        #expect(after["list events", default: 0] - before["list events", default: 0] == 2, "event lists: \(before) → \(after)")
        #expect(after["list pods"] == before["list pods"] && after["list nodes"] == before["list nodes"])
        #expect(await probe.poll(deadline: .seconds(10)).failure == nil, "a 410 is routine, not an outage")
        await probe.stop()
        await server.stop()
    }

    @Test func warningsOlderThanTheWindowDropOutWithoutANewEvent() async throws {
        let server = try await KubeStandInServer()
        let clock = Mutex(Date())
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", namespaces: ["shop"], kubeconfig: server.kubeconfig),
            now: { clock.withLock { $0 } }, eventWindow: 300)
        // The scenario's shop warnings were last seen 15, 20, 60 and 90 s ago (and one two hours ago).
        #expect(await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            return round.watching && round.events.count == 4
        })
        let runs = await probe.runsStarted
        clock.withLock { $0 += 250 }
        #expect(await probe.poll(deadline: .seconds(10)).events.map(\.reason).sorted() == ["BackOff", "Unhealthy"])
        clock.withLock { $0 += 3600 }
        #expect(await probe.poll(deadline: .seconds(10)).events.isEmpty)
        #expect(await probe.runsStarted == runs, "dropping old warnings needs no new list")
        await probe.stop()
        await server.stop()
    }

    @Test func everyStreamIsRelistedPeriodicallyAsASafetyNet() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", namespaces: ["batch"], kubeconfig: server.kubeconfig), relistInterval: .seconds(1))
        let relisted = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            let relists = await probe.relists
            return relists[.pods, default: 0] >= 2 && relists[.nodes, default: 0] >= 2 && relists[.events, default: 0] >= 2
                && round.watching && round.pods.count == 4
        }
        let relistsSeen = await probe.relists
        #expect(relisted, "relists: \(relistsSeen)")
        // A deletion the watch would also carry: what matters is that the relisted cache is whole.
        let round = await probe.poll(deadline: .seconds(10))
        #expect(round.failure == nil && round.nodes.count == 3)
        let requests = await server.requests()
        #expect(requests["list nodes", default: 0] >= 3, "\(requests)")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func aHungContextFailsOnlyItsOwnSnapshot() async throws {
        let healthyServer = try await KubeStandInServer()
        let hungServer = try await KubeStandInServer(hang: true)
        let healthy = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: healthyServer.kubeconfig))
        // Both kubeconfigs call their cluster "lab"; the hung one's failure still names its context.
        let hung = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: hungServer.kubeconfig))
        #expect(await Self.watchingEverything(healthy) != nil)
        // Polled side by side, as the dashboard does (one task per context).
        async let stuck = hung.poll(deadline: .seconds(2))
        let fine = await healthy.poll(deadline: .seconds(2))
        let stuckRound = await stuck
        #expect(fine.failure == nil && fine.pods.count == 17 && fine.watching)
        #expect(stuckRound.failure == "context lab: timed out after 2s", "\(stuckRound.failure ?? "no failure")")
        #expect(stuckRound.pods.isEmpty && !stuckRound.watching)
        await hung.stop()
        await healthy.stop()
        await hungServer.stop()
        await healthyServer.stop()
    }
}
