import TriageCore

/// The pods of one watch stream, kept current by its events.
///
/// A new stream (after the last one ended) starts with the full list as ADDED events: pods missing
/// from that list were deleted while nobody watched. `beginRelist()` marks the start;
/// `finishRelist()` (called on the first non-ADDED event, or when the initial burst went quiet)
/// drops every pod the new list did not mention.
public struct KubePodCache: Sendable {
    public private(set) var pods: [String: PodInfo] = [:]
    public private(set) var isRelisting = false
    private var seen: Set<String> = []

    public init() {}

    public mutating func beginRelist() {
        isRelisting = true
        seen.removeAll()
    }

    public mutating func apply(_ event: KubeWatchEvent) {
        guard let pod = event.pod else { return }
        let key = pod.namespace + "/" + pod.name
        if isRelisting && event.kind != .added { finishRelist() }
        switch event.kind {
        case .added, .modified:
            pods[key] = pod
            if isRelisting { seen.insert(key) }
        case .deleted:
            pods[key] = nil
        case .bookmark, .error:
            break
        }
    }

    public mutating func finishRelist() {
        guard isRelisting else { return }
        pods = pods.filter { seen.contains($0.key) }
        isRelisting = false
        seen.removeAll()
    }
}
