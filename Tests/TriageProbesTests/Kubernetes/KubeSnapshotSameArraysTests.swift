import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// Issue 16: while no pod changed, a round hands over the very pods array of the round before (and
/// the same nodes and events while they are equal), so the picture can tell "nothing changed"
/// without comparing 5,000 pods. With the real kubectl against the API stand-in; counted, never timed.
@Suite("KubeSnapshot: the same arrays while nothing changed", .serialized)
struct KubeSnapshotSameArraysTests {
    /// Polls until the probe shows the default scenario from live watches.
    private static func watching(_ probe: KubeProbe, pods: Int) async -> KubeSnapshot? {
        var snapshot: KubeSnapshot?
        let ready = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            snapshot = round
            return round.watching && round.failure == nil && round.pods.count == pods && round.nodes.count == 3 && round.events.count == 5
        }
        return ready ? snapshot : nil
    }

    @Test func quietRoundsAndRelistsHandOverTheSameArraysAndAChangedPodANewOne() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig), relistInterval: .seconds(1))
        let first = try #require(await Self.watching(probe, pods: 17))
        // Quiet rounds, and a relist of every stream (the safety net, each second here) that lists
        // the same objects again: nothing changed, so nothing new is handed over.
        let relistsBefore = await probe.relists
        let relisted = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            let relists = await probe.relists
            return round.watching && Self.relisted(relists, since: relistsBefore)
        }
        let relistsAfter = await probe.relists
        #expect(relisted, "the streams were not relisted: \(relistsAfter)")
        let quiet = try #require(await Self.watching(probe, pods: 17))
        #expect(quiet.pods.sharesStorage(with: first.pods), "a round with no pod changed handed over a new pods array")
        #expect(quiet.nodes.sharesStorage(with: first.nodes), "a round with the same nodes handed over a new array")
        #expect(quiet.events.sharesStorage(with: first.events), "a round with the same events handed over a new array")
        #expect(quiet.pods == first.pods)

        // One pod changes: a new pods array with that pod changed; the nodes stay the same array.
        await server.edit("break-pod")
        var changed: KubeSnapshot?
        let seen = await LabTools.eventually {
            let round = await probe.poll(deadline: .seconds(10))
            changed = round
            return round.pods != first.pods
        }
        #expect(seen, "the broken pod never showed")
        let after = try #require(changed)
        #expect(!after.pods.sharesStorage(with: first.pods))
        #expect(after.nodes.sharesStorage(with: first.nodes))
        #expect(zip(after.pods, first.pods).count { $0 != $1 } == 1, "more than the one broken pod changed")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    private static func relisted(_ relists: [KubeWatchResource: Int], since before: [KubeWatchResource: Int]) -> Bool {
        [KubeWatchResource.pods, .nodes, .events].allSatisfy { relists[$0, default: 0] >= before[$0, default: 0] + 1 }
    }

    /// The cache itself: an object sent again as it is changes neither the version nor the array.
    @Test func anObjectSentAgainAsItIsChangesNothing() {
        var cache = KubeObjectCache<String, String>()
        cache.apply(.added, key: "a", value: "a1")
        cache.apply(.added, key: "b", value: "b1")
        let handed = cache.values
        let version = cache.version
        cache.beginRelist()
        cache.apply(.added, key: "a", value: "a1")
        cache.apply(.added, key: "b", value: "b1")
        cache.finishRelist()
        cache.apply(.modified, key: "b", value: "b1")
        #expect(cache.version == version)
        #expect(cache.values.sharesStorage(with: handed), "sending the same objects again copied the array")
        cache.apply(.modified, key: "b", value: "b2")
        #expect(cache.version == version + 1)
        #expect(!cache.values.sharesStorage(with: handed) && handed == ["a1", "b1"] && cache.values == ["a1", "b2"])
    }
}
