import Foundation
import Synchronization
import Testing
import TriageApp
import TriageCore
import TriageProbes
import TriageTestSupport

/// Many contexts at once (issue 18 §3): a context that hangs, or whose watches keep answering 410,
/// costs only its own rows. Two contexts registered as the dashboard registers them
/// (`ProbeRegistry.add(kubeTargets:)`), run by the real `ProbeEngine` with the real kubectl against two
/// API stand-ins; the deliveries go into a `DashboardSnapshot` as the dashboard's sink puts them.
/// Everything here counts (pods seen, relists, requests served), never times.
@Suite("TwentyClusters: one context's trouble stays in its rows", .serialized)
struct TwentyClustersIsolationTests {
    /// The dashboard's picture of the Kubernetes contexts, fed by the engine's deliveries.
    final class Picture: Sendable {
        private let snapshot = Mutex(DashboardSnapshot(startedAt: Date()))
        private let rounds = Mutex<[String: Int]>([:])
        func record(_ delivery: ProbeDelivery) {
            snapshot.withLock { _ = $0.record(delivery, now: Date()) }
            rounds.withLock { $0[delivery.registration.id.name, default: 0] += 1 }
        }
        /// Rounds delivered so far, by context.
        func rounds(_ name: String) -> Int { rounds.withLock { $0[name, default: 0] } }
        func context(_ name: String) -> KubeSnapshot? { snapshot.withLock { $0.kubernetes.first { $0.context == name } } }
    }

    /// Starts the dashboard's probes for contexts `lab` (→ `healthy`) and `lab-down` (→ `other`).
    static func run(healthy: KubeStandIn, other: KubeStandIn) async throws -> (ProbeEngine<ContinuousClock>, Picture, kubeconfig: String) {
        let kubeconfig = healthy.directory + "/two-contexts"
        try await KubeStandIn.writeKubeconfig(kubeconfig, port: healthy.port, downPort: other.port)
        var registry = ProbeRegistry.dashboard(configuration: nil, commandsWithheld: nil, refresh: .milliseconds(500))
        let registrations = registry.add(dockerTargets: [], kubeTargets: [
            KubeTarget(context: "lab", kubeconfig: kubeconfig), KubeTarget(context: "lab-down", kubeconfig: kubeconfig),
        ])
        let engine = ProbeEngine(clock: ContinuousClock())
        let picture = Picture()
        engine.start(registrations) { picture.record($0) }
        return (engine, picture, kubeconfig)
    }

    /// True once `condition` holds, checked every 100 ms, at most `attempts` times.
    static func eventually(attempts: Int = 300, _ condition: () async -> Bool) async -> Bool {
        for _ in 0..<attempts {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    /// Adds three pods to the healthy context one at a time; true when the picture showed each.
    static func healthyContextFollows(_ server: KubeStandIn, _ picture: Picture) async throws -> [Int] {
        var seen: [Int] = []
        for index in 1...3 {
            try await server.editScenario(["add-pod", "shop", "added-\(index)"])
            let shown = await eventually {
                guard let lab = picture.context("lab") else { return false }
                return lab.failure == nil && lab.pods.contains { $0.name == "added-\(index)" }
            }
            if shown { seen.append(index) }
        }
        return seen
    }

    @Test func aHangingContextLeavesTheOtherContextsPodsUpdating() async throws {
        let healthy = try await KubeStandIn()
        let hanging = try await KubeStandIn(hang: true)
        let (engine, picture, _) = try await Self.run(healthy: healthy, other: hanging)
        // The hanging context's rounds end at the dashboard's deadline (10 s), with its reason.
        let failed = await Self.eventually(attempts: 400) { picture.context("lab-down")?.failure != nil }
        #expect(failed, "the hanging context never reported its failure")
        // While the hanging context spends one round waiting for its deadline, the other goes on
        // with its own rounds (every 500 ms): many of them, not one per round of the hanging one.
        let (labBefore, downBefore) = (picture.rounds("lab"), picture.rounds("lab-down"))
        #expect(await Self.eventually(attempts: 400) { picture.rounds("lab-down") > downBefore })
        let labRounds = picture.rounds("lab") - labBefore
        #expect(labRounds >= 5, "the healthy context delivered \(labRounds) rounds during one round of the hanging one")
        let seen = try await Self.healthyContextFollows(healthy, picture)
        #expect(seen == [1, 2, 3], "the healthy context showed only added pods \(seen) while the other hung")
        let lab = picture.context("lab")
        #expect(lab?.pods.count == 17 + 3 && lab?.watching == true && lab?.failure == nil)
        let down = picture.context("lab-down")
        #expect(down?.pods.isEmpty == true, "the hanging context has no rows of its own to show")
        #expect(down?.failure?.hasPrefix("context lab-down: ") == true, "its failure names it: \(down?.failure ?? "none")")
        await engine.stop()
        await hanging.stop()
        await healthy.stop()
    }

    @Test func repeated410sRelistOnlyTheirOwnContext() async throws {
        let healthy = try await KubeStandIn()
        let expiring = try await KubeStandIn()
        let (engine, picture, _) = try await Self.run(healthy: healthy, other: expiring)
        let listed = await Self.eventually {
            picture.context("lab")?.pods.count == 17 && picture.context("lab-down")?.pods.count == 17
                && picture.context("lab")?.watching == true && picture.context("lab-down")?.watching == true
        }
        #expect(listed, "both contexts should be listed and watching")
        let healthyBefore = try await healthy.requestCounts()
        let expiringBefore = try await expiring.requestCounts()
        // Five 410s on the other context's pod watch, each waited for until its pods are listed again.
        var relisted = 0
        for _ in 0..<5 {
            let lists = try await expiring.requestCounts()["list pods", default: 0]
            try await expiring.expireWatches("pods")
            let again = await Self.eventually {
                ((try? await expiring.requestCounts())?["list pods"] ?? 0) > lists && picture.context("lab-down")?.watching == true
            }
            if again { relisted += 1 }
        }
        #expect(relisted == 5, "the expiring context relisted \(relisted) of 5 times")
        let seen = try await Self.healthyContextFollows(healthy, picture)
        #expect(seen == [1, 2, 3], "the healthy context showed only added pods \(seen) during the other's 410s")
        let healthyAfter = try await healthy.requestCounts()
        let expiringAfter = try await expiring.requestCounts()
        #expect(healthyAfter["list pods"] == healthyBefore["list pods"], "the healthy context listed its pods again: \(healthyBefore) → \(healthyAfter)")
        #expect(healthyAfter["watch pods"] == healthyBefore["watch pods"])
        #expect(expiringAfter["list pods", default: 0] - expiringBefore["list pods", default: 0] >= 5)
        #expect(picture.context("lab")?.pods.count == 17 + 3 && picture.context("lab-down")?.pods.count == 17)
        await engine.stop()
        await expiring.stop()
        await healthy.stop()
    }
}
