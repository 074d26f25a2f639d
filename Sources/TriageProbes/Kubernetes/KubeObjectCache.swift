/// The objects one watch stream knows (pods, nodes or warning events), kept current by its events.
///
/// A new stream starts with the full list as ADDED events: objects missing from that list were deleted
/// while nobody watched. `beginRelist()` marks the start; `finishRelist()` (when kubectl opened the
/// watch after printing the list, or on the first non-ADDED event) drops every object the new list did
/// not mention. Until then the previous objects stay, so a relist never empties the pane.
///
/// The values live in one array, in key order once `sortByKey()` ran (a read after a change), with a
/// dictionary from key to place: a round hands that array on as it is, so twenty contexts of 5,000
/// pods keep one copy of each pod, not a dictionary's plus a sorted one (see docs/PERFORMANCE.md (h)),
/// and while nothing changed it is the very array of the last round (see `KubeSnapshot.pods`).
public struct KubeObjectCache<Key: Hashable & Comparable & Sendable, Value: Sendable & Equatable>: Sendable {
    /// The objects, in key order after `sortByKey()`; an update replaces a value in its place.
    public private(set) var values: [Value] = []
    private var keys: [Key] = []
    private var places: [Key: Int] = [:]
    private var inKeyOrder = true
    public private(set) var isRelisting = false
    /// Bumped on every change, so readers can reuse what they built from an unchanged cache. An
    /// object sent again as it is (a relist, a resync) changes nothing: not the version, not the
    /// array, which a round may still hold (replacing it in place would copy the whole array).
    public private(set) var version = 0
    private var seen: Set<Key> = []

    public init() {}

    /// Key → object, for tests and lookups that need the pairs.
    public var objects: [Key: Value] { Dictionary(uniqueKeysWithValues: zip(keys, values)) }

    public mutating func beginRelist() {
        isRelisting = true
        seen.removeAll()
    }

    public mutating func apply(_ kind: KubeWatchEvent.Kind, key: Key, value: Value) {
        if isRelisting && kind != .added { finishRelist() }
        switch kind {
        case .added, .modified:
            if let place = places[key] {
                if values[place] == value {
                    if isRelisting { seen.insert(key) }
                    return
                }
                values[place] = value
            } else {
                if let last = keys.last, key < last { inKeyOrder = false }
                places[key] = values.count
                keys.append(key)
                values.append(value)
            }
            if isRelisting { seen.insert(key) }
        case .deleted:
            guard let place = places.removeValue(forKey: key) else { break }
            // The last object fills the hole; the order is restored by the next `sortByKey()`.
            let last = values.count - 1
            if place != last {
                values[place] = values[last]
                keys[place] = keys[last]
                places[keys[place]] = place
                inKeyOrder = false
            }
            values.removeLast()
            keys.removeLast()
        case .bookmark, .error:
            return
        }
        version += 1
    }

    public mutating func finishRelist() {
        guard isRelisting else { return }
        if seen.count != values.count {
            let kept = keys.indices.filter { seen.contains(keys[$0]) }
            rearrange(kept)
            version += 1
        }
        isRelisting = false
        seen.removeAll()
    }

    /// Puts the values in key order (after additions or deletions); a no-op when they are.
    public mutating func sortByKey() {
        guard !inKeyOrder else { return }
        rearrange(keys.indices.sorted { keys[$0] < keys[$1] })
        inKeyOrder = true
    }

    /// Keeps the objects at `order`'s places, in that order.
    private mutating func rearrange(_ order: [Int]) {
        let oldKeys = keys
        let oldValues = values
        keys = order.map { oldKeys[$0] }
        values = order.map { oldValues[$0] }
        places = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
    }
}
