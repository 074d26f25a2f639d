import TriageCore

/// Makes the pods of one watch stream share the storage of what they repeat: namespace, node, owner,
/// QoS class, phase and status words, and whole label, image and condition dictionaries (a
/// Deployment's pods carry the same ones). Strings of up to 15 bytes are stored inline by Swift and
/// have nothing to share; a pod's own name, uid and container states stay its own.
///
/// One per stream, emptied when the stream lists again, so what it holds is bounded by what the
/// stream's last list and its changes since then mentioned.
struct KubePodInterner {
    private var strings: Set<String> = []
    private var dictionaries: Set<[String: String]> = []
    private var lists: Set<[String]> = []

    mutating func removeAll() {
        strings.removeAll()
        dictionaries.removeAll()
        lists.removeAll()
    }

    mutating func intern(_ pod: PodInfo) -> PodInfo {
        var pod = pod
        pod.context = string(pod.context)
        pod.namespace = string(pod.namespace)
        if let node = pod.node { pod.node = string(node) }
        pod.owner = string(pod.owner)
        pod.qosClass = string(pod.qosClass)
        pod.labels = dictionary(pod.labels)
        pod.images = dictionary(pod.images)
        pod.facts.phase = string(pod.facts.phase)
        pod.facts.conditions = dictionary(pod.facts.conditions)
        pod.facts.conditionReasons = dictionary(pod.facts.conditionReasons)
        pod.facts.containerNames = list(pod.facts.containerNames)
        pod.facts.initContainerNames = list(pod.facts.initContainerNames)
        pod.columns.status = string(pod.columns.status)
        return pod
    }

    private mutating func string(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        return strings.insert(text).memberAfterInsert
    }

    private mutating func dictionary(_ pairs: [String: String]) -> [String: String] {
        guard !pairs.isEmpty else { return pairs }
        return dictionaries.insert(pairs).memberAfterInsert
    }

    private mutating func list(_ items: [String]) -> [String] {
        guard !items.isEmpty else { return items }
        return lists.insert(items).memberAfterInsert
    }
}
