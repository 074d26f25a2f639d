import Foundation
import Testing
import TriageCore
@testable import TriageProbes

/// What keeps twenty contexts of 5,000 pods within 200 MB (issue 18 §3, docs/PERFORMANCE.md (h)):
/// a stream's cache is one array of pods in key order that a round hands on as it is, and the pods of
/// one stream share the storage of what they repeat. Both are checked by counting and by identity of
/// storage, never by measuring memory.
@Suite("TwentyClusters: one copy of each pod")
struct TwentyClustersMemoryTests {
    /// A pod watch event whose repeated parts (namespace, node, owner, labels, image) are longer than
    /// the 15 bytes Swift keeps inline, as they are in real clusters.
    static func event(_ type: String, name: String, restarts: Int = 0) -> String {
        """
        {"type":"\(type)","object":{"kind":"Pod","metadata":{"name":"\(name)","namespace":"payments-production",\
        "uid":"uid-\(name)","resourceVersion":"7","labels":{"app.kubernetes.io/name":"payments-api","pod-template-hash":"7d9f8b6c5d"},\
        "ownerReferences":[{"kind":"ReplicaSet","name":"payments-api-7d9f8b6c5d","controller":true}]},\
        "spec":{"nodeName":"ip-10-0-1-23.eu-west-1.compute.internal","containers":[{"name":"payments-api","image":"registry.example.com/payments-api:1.42.0"}]},\
        "status":{"phase":"Running","qosClass":"Burstable","conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}],\
        "containerStatuses":[{"name":"payments-api","ready":true,"restartCount":\(restarts),"state":{"running":{}}}]}}}
        """
    }

    static func apply(_ text: String, to stream: inout KubeWatchStream) throws {
        stream.apply(try KubeWatchEventParser.parse(text, context: "prod-eu-west-1-cluster", resource: .pods))
    }

    /// The storage a String or collection refers to (its bytes), equal only when shared.
    static func storage<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    @Test func podsOfOneStreamShareTheStorageOfWhatTheyRepeat() throws {
        var stream = KubeWatchStream(resource: .pods, arguments: [])
        for index in 0..<3 { try Self.apply(Self.event("ADDED", name: "payments-api-7d9f8b6c5d-\(index)abcd"), to: &stream) }
        let pods = stream.pods.values
        #expect(pods.count == 3)
        for pod in pods.dropFirst() {
            #expect(Self.storage(pod.context) == Self.storage(pods[0].context))
            #expect(Self.storage(pod.namespace) == Self.storage(pods[0].namespace))
            #expect(Self.storage(pod.node) == Self.storage(pods[0].node))
            #expect(Self.storage(pod.owner) == Self.storage(pods[0].owner))
            #expect(Self.storage(pod.labels) == Self.storage(pods[0].labels))
            #expect(Self.storage(pod.images) == Self.storage(pods[0].images))
            #expect(Self.storage(pod.facts.conditions) == Self.storage(pods[0].facts.conditions))
            #expect(Self.storage(pod.facts.containerNames) == Self.storage(pods[0].facts.containerNames))
            // What is the pod's own stays its own.
            #expect(Self.storage(pod.uid) != Self.storage(pods[0].uid))
        }
        // A MODIFIED pod shares them too.
        try Self.apply(Self.event("MODIFIED", name: "payments-api-7d9f8b6c5d-1abcd", restarts: 1), to: &stream)
        let modified = try #require(stream.pods.values.first { $0.restarts == 1 })
        #expect(Self.storage(modified.labels) == Self.storage(pods[0].labels))
        #expect(stream.pods.values.count == 3)
    }

    @Test func aCacheIsOneArrayInKeyOrderThroughAddsDeletesAndRelists() {
        var cache = KubeObjectCache<String, String>()
        for key in ["c", "a", "d", "b"] { cache.apply(.added, key: key, value: key + "1") }
        cache.sortByKey()
        #expect(cache.values == ["a1", "b1", "c1", "d1"])
        // An update stays in its place; the array read before it is not touched (copy on write).
        let read = cache.values
        cache.apply(.modified, key: "b", value: "b2")
        #expect(cache.values == ["a1", "b2", "c1", "d1"] && read == ["a1", "b1", "c1", "d1"])
        // A deletion fills its hole with the last object; the next read puts them in order again.
        cache.apply(.deleted, key: "a", value: "")
        cache.sortByKey()
        #expect(cache.values == ["b2", "c1", "d1"])
        #expect(cache.objects == ["b": "b2", "c": "c1", "d": "d1"])
        // A relist that no longer mentions "c" drops it; the rest keep their order.
        cache.beginRelist()
        cache.apply(.added, key: "d", value: "d3")
        cache.apply(.added, key: "b", value: "b3")
        cache.finishRelist()
        cache.sortByKey()
        #expect(cache.values == ["b3", "d3"] && cache.objects.count == 2)
        cache.apply(.added, key: "e", value: "e1")
        cache.apply(.deleted, key: "b", value: "")
        cache.apply(.modified, key: "d", value: "d4")
        cache.sortByKey()
        #expect(cache.values == ["d4", "e1"])
    }
}
