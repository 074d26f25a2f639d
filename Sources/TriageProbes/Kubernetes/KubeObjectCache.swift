/// The objects one watch stream knows (pods, nodes or warning events), kept current by its events.
///
/// A new stream starts with the full list as ADDED events: objects missing from that list were deleted
/// while nobody watched. `beginRelist()` marks the start; `finishRelist()` (when kubectl opened the
/// watch after printing the list, or on the first non-ADDED event) drops every object the new list did
/// not mention. Until then the previous objects stay, so a relist never empties the pane.
public struct KubeObjectCache<Value: Sendable>: Sendable {
    public private(set) var objects: [String: Value] = [:]
    public private(set) var isRelisting = false
    /// Bumped on every change, so readers can reuse what they built from an unchanged cache.
    public private(set) var version = 0
    private var seen: Set<String> = []

    public init() {}

    public mutating func beginRelist() {
        isRelisting = true
        seen.removeAll()
    }

    public mutating func apply(_ kind: KubeWatchEvent.Kind, key: String, value: Value) {
        if isRelisting && kind != .added { finishRelist() }
        switch kind {
        case .added, .modified:
            objects[key] = value
            if isRelisting { seen.insert(key) }
        case .deleted:
            objects[key] = nil
        case .bookmark, .error:
            return
        }
        version += 1
    }

    public mutating func finishRelist() {
        guard isRelisting else { return }
        if seen.count != objects.count {
            objects = objects.filter { seen.contains($0.key) }
            version += 1
        }
        isRelisting = false
        seen.removeAll()
    }
}
