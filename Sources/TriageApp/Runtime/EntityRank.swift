import Foundation
import Synchronization
import TriageCore

/// Where each entity of a picture stands in its ``OutageEntities/all``, by key: what the panes
/// sort their rows by.
///
/// The positions of the pods are worked out only when a pod's is first asked for: with 5,000 pods,
/// hashing every pod's key for each new picture was a large part of a data frame, and the panes that
/// ask each frame (Services, Containers) ask for their own keys only; the Pods pane orders its rows
/// by the picture's order of pods without keys when the picture is kept (``PictureCache``).
public struct EntityRank: Sendable {
    /// Every entity but the pods, by key (the first of a key wins).
    private var others: [String: Int]
    private var pods: LazyPodPositions

    init(_ all: [OutageEntity]) {
        var others: [String: Int] = [:]
        // Each entity read where it stands: copying each of 5,000 pods' entities to skip it was most of this.
        for offset in all.indices where all[offset].kind != .pod && others[all[offset].key] == nil {
            others[all[offset].key] = offset
        }
        self.others = others
        pods = LazyPodPositions(all)
    }

    /// The same ranks, when the caller knows where in `all` the entities other than pods stand
    /// (`otherPositions`, increasing): only those are read (``OutageEntities/init(sortedOthers:orderedPods:podOrigins:slotSources:everySourceAnswered:)``).
    init(_ all: [OutageEntity], otherPositions: [Int]) {
        var others: [String: Int] = [:]
        for offset in otherPositions where others[all[offset].key] == nil {
            others[all[offset].key] = offset
        }
        self.others = others
        pods = LazyPodPositions(all)
    }

    /// The ranks of `all` whose other entities stand at `others` (by key): a patched picture's,
    /// its others' positions moved rather than hashed again (``take()``).
    init(others: [String: Int], all: [OutageEntity]) {
        self.others = others
        pods = LazyPodPositions(all)
    }

    /// Takes the other entities' positions out, and lets go of the list the pods' positions are made
    /// from: a patch then changes the list in place (``OutageEntities/patch(_:slotSources:everySourceAnswered:)``).
    mutating func take() -> [String: Int] {
        let taken = others
        self = EntityRank(others: [:], all: [])
        return taken
    }

    /// Moves the positions in `others` from `position` on by `delta` (an entity taken out or put in there).
    static func move(_ others: inout [String: Int], from position: Int, by delta: Int) {
        // Walked by index, not over `indices`, which would hold the dictionary and so copy it.
        var index = others.startIndex
        while index != others.endIndex {
            if others.values[index] >= position { others.values[index] += delta }
            others.formIndex(after: &index)
        }
    }

    /// The position of the first entity with this key in the picture, nil when it has none. Only
    /// pods' keys start with "pod:" (``OutageEntities/podKey(_:)``), so the two maps never share one.
    public subscript(key: String) -> Int? {
        if let offset = others[key] { return offset }
        return pods.position(of: key)
    }

    /// The pods' positions, made on first use from the picture they belong to.
    private final class LazyPodPositions: Sendable {
        private let all: [OutageEntity]
        private let positions = Mutex<[String: Int]?>(nil)

        init(_ all: [OutageEntity]) { self.all = all }

        func position(of key: String) -> Int? {
            positions.withLock { positions in
                if positions == nil {
                    var made: [String: Int] = [:]
                    for (offset, entity) in all.enumerated() where entity.kind == .pod && made[entity.key] == nil {
                        made[entity.key] = offset
                    }
                    positions = made
                }
                return positions?[key]
            }
        }
    }
}
