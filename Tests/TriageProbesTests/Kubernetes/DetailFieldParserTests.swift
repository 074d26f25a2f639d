import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// The fields the detail views (`d`) show beyond the rows: a pod's IP, QoS class, owner and images
/// (kubectl 1.32 against scripts/kube-standin.py), a container's restart policy, ports, mounts and
/// labels (`podman inspect` of a container run with each), parsed from recorded output.
@Suite("Detail view fields")
struct DetailFieldParserTests {
    @Test func aPodCarriesItsIPQoSOwnerAndImages() throws {
        let pods = try KubePodListParser.parse(try RecordedFixture.data("kubectl-pods-shop-detail.json"), context: "lab").pods
        let pod = try #require(pods.first { $0.name == "payments-6b8d-crash" })
        #expect(pod.podIP.hasPrefix("10.244.1."))
        #expect(pod.qosClass == "Burstable")
        #expect(pod.owner == "ReplicaSet/payments-6b8d")
        #expect(pod.images == ["payments": "registry.lab/app:1.4.2"])
        let status = try #require(pod.facts.containerStatuses.first)
        #expect(status.restartCount == 17)
        #expect(status.lastTerminated?.exitCode == 2 && status.lastTerminated?.reason == "Error")
    }

    @Test func aPodWithoutThemReadsEmptyNotWrong() throws {
        let pods = try KubePodListParser.parse(try RecordedFixture.data("kubectl-pods-all.json"), context: "lab").pods
        let pod = try #require(pods.first)
        #expect(pod.podIP.isEmpty && pod.qosClass.isEmpty && pod.owner.isEmpty)
    }

    @Test func aContainerCarriesItsRestartPolicyPortsMountsAndLabels() throws {
        let entries = try DockerInspectParser.parse(try RecordedFixture.data("podman-inspect-ports-mounts.json"))
        let details = try #require(entries.first?.details)
        #expect(details.restartPolicy == "on-failure")
        #expect(details.ports == ["80/tcp → 127.0.0.1:18097"])
        #expect(details.mounts == ["bind /tmp/act-fixture-data → /data (ro)"])
        #expect(details.labels["team"] == "payments")
    }

    @Test func theLabsCrashLoopingContainerHasPolicyAlways() throws {
        let entries = try DockerInspectParser.parse(try RecordedFixture.data("docker-inspect-lab.json"))
        let crashing = try #require(entries.first { $0.name == "lab-crashloop" })
        #expect(crashing.details.restartPolicy == "always")
        #expect(crashing.details.ports.isEmpty)
    }
}
