import TriageCore

/// Where a pod lives in its stream's cache: namespace, then name (the order `kubectl get pods -A`
/// lists them in). Holds the pod's own strings, so a key costs no storage of its own.
struct KubePodKey: Hashable, Comparable, Sendable {
    let namespace: String
    let name: String

    init(_ pod: PodInfo) {
        namespace = pod.namespace
        name = pod.name
    }

    static func < (a: KubePodKey, b: KubePodKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}
