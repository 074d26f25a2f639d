import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// KubeProbe with the real kubectl against the API stand-in on loopback: varied pod states, node
/// pressure, warning events, a watch stream that adds and deletes pods, re-listing, and faults.
/// (KubeInformerTests: what the watches cost and when they relist.)
@Suite("KubeProbe against the stand-in", .serialized)
struct KubeProbeTests {
    @Test func podsNodesAndWarningsFromTheWatches() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig), streamBackoff: .milliseconds(200)...(.seconds(1)))
        var snapshot = await probe.poll(deadline: .seconds(10))
        let listed = await LabTools.eventually {
            snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.watching && snapshot.pods.count == 17
        }
        #expect(listed, "the watch did not deliver 17 pods: \(snapshot.pods.count), failure \(snapshot.failure ?? "none")")
        #expect(snapshot.failure == nil)
        let byName = Dictionary(uniqueKeysWithValues: snapshot.pods.map { ($0.name, $0) })
        #expect(byName["payments-6b8d-crash"]?.status == "CrashLoopBackOff")
        #expect(byName["cart-77c-imgpull"]?.status == "ImagePullBackOff")
        #expect(byName["search-5c-oomnow"]?.status == "OOMKilled")
        #expect(byName["api-6d-old"]?.status == "Terminating")
        #expect(byName["report-28371-evicted"]?.status == "Evicted")
        #expect(byName["index-init-wait"]?.status == "Init:1/2")
        #expect(byName["checkout-7d9f8b6c5-x2x9q"]?.status == "Running")
        #expect(snapshot.pods.allSatisfy { $0.context == "lab" })
        #expect(snapshot.nodes.map(\.name).sorted() == ["node-a", "node-b", "node-c"])
        #expect(snapshot.nodes.first { $0.name == "node-b" }?.memoryPressure == true)
        #expect(snapshot.nodes.first { $0.name == "node-c" }?.healthState == .crit)
        // Six warnings in the scenario, one of them two hours old; the Normal event is not asked for.
        #expect(snapshot.events.count == 5)
        #expect(snapshot.events.allSatisfy { $0.isWarning })

        // The watch carries changes without a re-list: a pod breaks, one comes, one goes.
        await server.edit("break-pod")
        await server.edit("add-pod", "shop", "newcomer-1")
        let changed = await LabTools.eventually {
            let pods = await probe.cachedPods
            return pods.contains { $0.name == "newcomer-1" }
                && pods.first { $0.name == "checkout-7d9f8b6c5-x2x9q" }?.status == "CrashLoopBackOff"
        }
        #expect(changed)
        await server.edit("delete-pod", "shop", "newcomer-1")
        let deleted = await LabTools.eventually { await !probe.cachedPods.contains { $0.name == "newcomer-1" } }
        #expect(deleted)
        #expect(await probe.streamsStarted == 1)
        #expect(await probe.malformedEvents == 0)

        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    /// The stand-in prints kubectl's table server-side with its own (Python) port of printPod; the
    /// Swift port must agree cell for cell on every pod of the scenario, as `kubectl get pods` shows them.
    @Test func columnsMatchWhatKubectlPrints() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig))
        #expect(await LabTools.eventually {
            let snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.watching && snapshot.pods.count == 17
        })
        let pods = await probe.cachedPods
        let before = Date()
        let table = await ProcessRunner.run(
            "kubectl", ["--kubeconfig", server.kubeconfig, "--context", "lab", "get", "pods", "-A", "--no-headers"],
            deadline: .seconds(20))
        let after = Date()
        #expect(table.succeeded, "kubectl get pods failed: \(table.failureReason ?? "")")
        let rows = table.stdoutText.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.count == 17)
        for fields in rows {
            let pod = try #require(pods.first { $0.namespace == fields[0] && $0.name == fields[1] }, "kubectl shows \(fields[1]), the probe does not")
            #expect(pod.readyText == fields[2], "READY of \(pod.name)")
            #expect(pod.status == fields[3], "STATUS of \(pod.name)")
            // RESTARTS may read "17 (25m ago)", then AGE; a second may tick between the two clocks.
            let restartCell = fields.count == 8 ? fields[4...6].joined(separator: " ") : fields[4]
            #expect([before, after].map { pod.columns.restartsText(now: $0) }.contains(restartCell), "RESTARTS of \(pod.name): \(restartCell)")
            #expect([before, after].map { pod.ageText(now: $0) }.contains(fields.last!), "AGE of \(pod.name): \(fields.last!)")
        }
        await probe.stop()
        await server.stop()
    }

    @Test func namespaceAndSelectorScopeTheWatch() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", namespaces: ["shop", "batch"], selector: "app=migrate", kubeconfig: server.kubeconfig))
        let listed = await LabTools.eventually {
            let snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.watching && snapshot.pods.count == 2
        }
        #expect(listed)
        #expect(Set(await probe.cachedPods.map(\.name)) == ["migrate-28371-done", "migrate-28370-fail"])
        // Warning events are read per namespace: kube-system's are not asked for, the node's live in "default".
        let snapshot = await probe.poll(deadline: .seconds(10))
        #expect(snapshot.events.allSatisfy { $0.namespace == "shop" || $0.namespace == "batch" })
        #expect(await probe.streamsStarted == 2)
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func anEndedWatchIsReListedAndDropsWhatWasDeletedMeanwhile() async throws {
        // The server ends every watch after a second, as a real API server does after its timeout.
        let server = try await KubeStandInServer(watchTimeout: 1)
        let probe = KubeProbe(
            target: KubeTarget(context: "lab", namespaces: ["batch"], kubeconfig: server.kubeconfig),
            streamBackoff: .milliseconds(1500)...(.seconds(2)))
        #expect(await LabTools.eventually { await probe.poll(deadline: .seconds(10)).pods.count == 4 })
        // Delete while no stream is connected (the backoff gap after the server ended the watch):
        // no DELETED event can reach the probe, only the next stream's list can tell.
        #expect(await LabTools.eventually(attempts: 50) { await !probe.watchConnected })
        let streamsBefore = await probe.streamsStarted
        await server.edit("delete-pod", "batch", "migrate-28370-fail")
        let dropped = await LabTools.eventually {
            let snapshot = await probe.poll(deadline: .seconds(10))
            return !snapshot.pods.contains { $0.name == "migrate-28370-fail" } && snapshot.pods.count == 3
        }
        #expect(dropped)
        #expect(await probe.streamsStarted > streamsBefore)
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func nodesHiddenByRBACAreANoteNotAFailure() async throws {
        let server = try await KubeStandInServer(forbid: ["nodes"])
        let probe = KubeProbe(target: KubeTarget(context: "lab", namespaces: ["shop"], kubeconfig: server.kubeconfig))
        var snapshot = await probe.poll(deadline: .seconds(10))
        #expect(await LabTools.eventually {
            snapshot = await probe.poll(deadline: .seconds(10))
            return snapshot.watching && !snapshot.pods.isEmpty
        })
        #expect(snapshot.failure == nil)
        #expect(snapshot.nodes.isEmpty && !snapshot.events.isEmpty)
        #expect(snapshot.notes == [#"nodes: (Forbidden): nodes is forbidden: User "lab-user" cannot list resource "nodes" in API group "" at the cluster scope"#])
        await probe.stop()
        await server.stop()
    }

    @Test func aClosedPortIsReportedWithTheContextAndKubectlsReason() async throws {
        let server = try await KubeStandInServer()
        let probe = KubeProbe(
            target: KubeTarget(context: "lab-down", kubeconfig: server.kubeconfig), streamBackoff: .milliseconds(200)...(.seconds(1)))
        let snapshot = await probe.poll(deadline: .seconds(20))
        #expect(snapshot.failure == "context lab-down: connection refused (127.0.0.1:1)")
        #expect(snapshot.isStale && snapshot.pods.isEmpty && snapshot.nodes.isEmpty)
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        await server.stop()
    }

    @Test func aServerThatNeverAnswersTimesOutAtTheDeadlineAndLeavesNoChild() async throws {
        let server = try await KubeStandInServer(hang: true)
        let probe = KubeProbe(target: KubeTarget(context: "lab", kubeconfig: server.kubeconfig))
        let clock = ContinuousClock()
        let start = clock.now
        let first = await probe.poll(deadline: .milliseconds(800))
        let took = clock.now - start
        #expect(first.failure == "context lab: timed out after 800ms")
        #expect(took < .seconds(3), "a round took \(took) against a deadline of 800ms")
        for _ in 0..<49 {
            let snapshot = await probe.poll(deadline: .milliseconds(150))
            #expect(snapshot.failure == "context lab: timed out after 150ms")
        }
        // During the rounds only the (hung) watch streams may remain, pods, nodes and events: no round
        // leaves a child behind.
        let during = LabTools.processes(named: "kubectl", marker: server.kubeconfig)
        #expect(during.count <= 3, "kubectl processes alive between rounds: \(during)")
        await probe.stop()
        #expect(await LabTools.processesAfterSettling(named: "kubectl", marker: server.kubeconfig).isEmpty)
        #expect(LabTools.zombieChildren().isEmpty)
        await server.stop()
    }

    @Test func kubectlErrorTextKeepsTheVerdict() throws {
        let recorded = try RecordedFixture.text("kubectl-error-refused.txt")
        #expect(KubectlErrorText.reason(stderr: recorded) == "connection refused (127.0.0.1:1)")
        #expect(KubectlErrorText.reason(stderr: "error: context \"prod\" does not exist\n") == "context \"prod\" does not exist")
        #expect(KubectlErrorText.reason(stderr: "Error from server (Forbidden): pods is forbidden\n") == "(Forbidden): pods is forbidden")
        let klogOnly = #"E1123 19:50:50.740076   16692 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \"http://10.0.0.1:6443/api?timeout=32s\": dial tcp 10.0.0.1:6443: connect: connection refused""#
        #expect(KubectlErrorText.reason(stderr: klogOnly) == "connection refused (10.0.0.1:6443)")
        #expect(KubectlErrorText.reason(stderr: "\n \n") == nil)
    }
}
