import Foundation
import TriageCore
import TriageProbes

/// The pods' entities of the last picture, kept per context, and all of them in the picture's
/// order (``OutageEntity/outageOrder(_:_:)``), so that a new picture makes and places only the
/// pods that changed (``PictureCache``).
///
/// With 5,000 pods, making every pod's entity (a cleaned name, a key, a reason) and sorting them
/// all again for each new snapshot was most of a data frame (docs/PERFORMANCE.md (a)). A pod's
/// entity is kept while the pod is equal to last round's (the same version of it, inside the window,
/// ``placesNotTheSameVersion(_:_:)``) and its restart is as recent as it was
/// (the one judgement by the time a pod's entity holds); a context whose pods are the very array
/// of last round (the kube probe hands its cache's array on while no pod changed) is not even
/// compared, until one of its restarts stops being recent. The order is the one a stable sort of
/// every context's pods gives: by the outage order, then by context slot and place in the
/// context, so each changed pod is taken out and put back by a binary search.
struct PodEntityIndex {
    /// Where a pod's entity comes from: its context's slot and its place in that context's pods.
    struct Origin: Equatable, Comparable {
        var slot: Int
        var index: Int

        static func < (a: Origin, b: Origin) -> Bool { (a.slot, a.index) < (b.slot, b.index) }
    }

    /// One context's pods and their entities, as last made.
    private struct Part {
        var context: String
        var source: String
        var suffix: String
        var staleSince: Date?
        var pods: [PodInfo]
        var entities: [OutageEntity]
        /// Each pod's ``PodInfo/restartedRecently(now:)`` when its entity was made.
        var recent: [Bool]
        /// When its pods were last compared (or made), and the first moment after that at which one
        /// of their restarts stops being recent: between the two, the same pods make the same entities.
        var comparedAt: Date
        var validUntil: Date
        /// Its pods are in strictly increasing namespace and name order and name this context: no two share a key.
        var keysUnique: Bool
        /// Its pods that fail and that are pending, as its Pods header counts them (``PodsContextHeader``):
        /// moved by the pods that changed, not counted again over every pod.
        var headerCounts: PodsContextHeader
    }

    private var parts: [Part] = []
    /// Every pod's entity in the picture's order, and where each came from.
    private(set) var ordered: [OutageEntity] = []
    private(set) var origins: [Origin] = []
    /// Pod entities made since the index was made: a round in which one pod changed makes one.
    private(set) var made = 0
    /// Pods compared with last round's, one by one.
    private(set) var compared = 0
    /// Times every pod's entity was sorted again (a context came, went or was renamed; many pods changed).
    private(set) var sortedWhole = 0
    /// Pods counted one by one for their context's header counts (a context made whole or matched by id).
    private(set) var countedForHeaders = 0
    /// Times ``ordered`` or ``origins`` changed: while it stands still, the pods' part of the picture
    /// is the last one (``PictureCache`` keeps the whole picture then).
    private(set) var changes = 0
    /// What the last update did to ``ordered``, when it moved entities one by one (nil when it sorted
    /// every pod again or moved every pod's staleness): the last picture is patched by it (``PodMoves``).
    private(set) var lastMoves: PodMoves?
    /// The steps of the update under way; nil once one moved every entity of a context.
    private var steps: [PodMoves.Step]? = []

    /// More changed pods than this in one round: sorting them all again is cheaper than placing each.
    static let placedAtMost = 64

    /// Each context slot's source, as its pods' entities name it.
    var sources: [String] { parts.map(\.source) }

    /// True when no two pods of the index share a key, so the picture's order of pods is the
    /// order their keys' ranks give (``PaneRowOrder/podsCounted(_:picture:ui:now:inPictureOrder:)``).
    var keysUnique: Bool {
        parts.allSatisfy(\.keysUnique) && Set(parts.map(\.context)).count == parts.count
    }

    /// Where each pod of `contexts` is, in the picture's order, after ``update(_:now:)`` with the
    /// same contexts (nil when they are not the ones it was given).
    func podsInPictureOrder(_ contexts: [KubeSnapshot]) -> [Origin]? {
        guard contexts.count == parts.count, zip(contexts, parts).allSatisfy({ $0.pods.sharesStorage(with: $1.pods) }) else { return nil }
        return origins
    }

    /// The header counts of the context at `slot` when the index was last brought to `pods` (the
    /// very array) there; nil otherwise.
    func headerCounts(slot: Int, pods: [PodInfo]) -> PodsContextHeader? {
        guard slot < parts.count, parts[slot].pods.sharesStorage(with: pods) else { return nil }
        return parts[slot].headerCounts
    }

    /// Brings the index to `contexts` at `now`; returns every pod's entity in the picture's order.
    mutating func update(_ contexts: [KubeSnapshot], now: Date) -> [OutageEntity] {
        let multiContext = OutageEntities.namesContexts(contexts)
        var removed: [(entity: OutageEntity, origin: Origin)] = []
        var added: [(entity: OutageEntity, origin: Origin)] = []
        var remaps: [Int: [Int?]] = [:]
        var sortWhole = contexts.count != parts.count
        var stalenessMoved = false
        for (slot, context) in contexts.enumerated() {
            let suffix = multiContext ? " @ " + OutageEntities.clean(context.context) : ""
            let staleSince = OutageEntities.staleSince(of: context, now: now)
            guard slot < parts.count, parts[slot].context == context.context, parts[slot].suffix == suffix else {
                let part = Self.part(context, now: now, suffix: suffix, staleSince: staleSince)
                made += part.entities.count
                countedForHeaders += part.pods.count
                if slot < parts.count { parts[slot] = part } else { parts.append(part) }
                sortWhole = true
                continue
            }
            if parts[slot].staleSince != staleSince {
                stalenessMoved = true
                parts[slot].staleSince = staleSince
                for index in parts[slot].entities.indices { parts[slot].entities[index].staleSince = staleSince }
            }
            if context.pods.sharesStorage(with: parts[slot].pods), now >= parts[slot].comparedAt, now < parts[slot].validUntil { continue }
            if context.pods.count == parts[slot].pods.count {
                let changedVersionsOnly = parts[slot].keysUnique && now >= parts[slot].comparedAt && now < parts[slot].validUntil
                comparePlaceByPlace(context, slot: slot, now: now, changedVersionsOnly: changedVersionsOnly, removed: &removed, added: &added)
            } else {
                remaps[slot] = compareByID(context, slot: slot, now: now, removed: &removed, added: &added, sortWhole: &sortWhole)
            }
        }
        if parts.count > contexts.count { parts.removeLast(parts.count - contexts.count) }
        made += added.count
        let changesBefore = changes
        steps = []
        lastMoves = nil
        if sortWhole || removed.count + added.count > Self.placedAtMost || !place(removed: removed, added: added, remaps: remaps, stalenessMoved: stalenessMoved) {
            sortAll()
        } else if let steps {
            lastMoves = PodMoves(from: changesBefore, to: changes, steps: steps)
        }
        steps = []
        return ordered
    }

    /// The pods of a context whose count did not change, compared with last round's at each place;
    /// with `changedVersionsOnly` (inside the window in which last round's pods made last round's
    /// entities, their keys unique), only at the places whose pod is not the same version of the
    /// same pod as last round's (``placesNotTheSameVersion(_:_:)``): comparing and reading each of
    /// 1,250 pods copied it (~3,000 instructions a pod, docs/PERFORMANCE.md (a) round five). The pods
    /// kept then keep their key order, their recency (the same window) and their restarts' moments,
    /// so the window can only shrink by the changed pods'.
    private mutating func comparePlaceByPlace(
        _ context: KubeSnapshot, slot: Int, now: Date, changedVersionsOnly: Bool,
        removed: inout [(entity: OutageEntity, origin: Origin)], added: inout [(entity: OutageEntity, origin: Origin)]
    ) {
        var part = take(slot)
        var validUntil = changedVersionsOnly ? part.validUntil : .distantFuture
        var keysUnique = changedVersionsOnly ? part.keysUnique : true
        let places = changedVersionsOnly ? Self.placesNotTheSameVersion(context.pods, part.pods) : Array(context.pods.indices)
        for index in places {
            let pod = context.pods[index]
            let recent = pod.restartedRecently(now: now)
            Self.consider(pod, now: now, until: &validUntil)
            if keysUnique {
                keysUnique = Self.keyFollows(context.pods, index, in: part.context)
                    && (!changedVersionsOnly || index + 1 == context.pods.count || Self.keyFollows(context.pods, index + 1, in: part.context))
            }
            compared += 1
            if recent == part.recent[index], pod == part.pods[index] { continue }
            let entity = OutageEntities.podEntity(pod, now: now, source: part.source, staleSince: part.staleSince, suffix: part.suffix)
            part.headerCounts = part.headerCounts.replacing(part.pods[index], with: pod, now: now)
            removed.append((part.entities[index], Origin(slot: slot, index: index)))
            added.append((entity, Origin(slot: slot, index: index)))
            part.entities[index] = entity
            part.recent[index] = recent
        }
        part.pods = context.pods
        part.comparedAt = now
        part.validUntil = validUntil
        part.keysUnique = keysUnique
        parts[slot] = part
    }

    /// The places at which two arrays of as many pods do not hold the same version of the same pod:
    /// the same uid and the same resourceVersion, not empty. The API server moves a pod's
    /// resourceVersion with every change to it and the probe makes a pod's value from its object
    /// alone (its context is the slot's), so the same version is the same value; an empty one
    /// (a pod made without it) is compared whole. (Comparing the values' bytes does not do: a copied
    /// pod's padding bytes are not copied.)
    static func placesNotTheSameVersion(_ new: [PodInfo], _ old: [PodInfo]) -> [Int] {
        precondition(new.count == old.count)
        return new.withUnsafeBufferPointer { new in
            old.withUnsafeBufferPointer { old in
                new.indices.filter {
                    new[$0].resourceVersion.isEmpty || new[$0].resourceVersion != old[$0].resourceVersion || new[$0].uid != old[$0].uid
                }
            }
        }
    }

    /// The pods of a context some of which came or went, matched with last round's by id. Returns
    /// each old place's new place (nil: gone); asks for a whole sort when the pods kept moved
    /// relative to each other.
    private mutating func compareByID(
        _ context: KubeSnapshot, slot: Int, now: Date, removed: inout [(entity: OutageEntity, origin: Origin)],
        added: inout [(entity: OutageEntity, origin: Origin)], sortWhole: inout Bool
    ) -> [Int?] {
        let old = take(slot)
        var oldPlace = Dictionary(old.pods.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var remap = [Int?](repeating: nil, count: old.pods.count)
        var part = old
        part.entities = []
        part.recent = []
        part.entities.reserveCapacity(context.pods.count)
        part.recent.reserveCapacity(context.pods.count)
        var validUntil = Date.distantFuture
        var keysUnique = true
        var lastKept = -1
        for (index, pod) in context.pods.enumerated() {
            let recent = pod.restartedRecently(now: now)
            Self.consider(pod, now: now, until: &validUntil)
            if keysUnique { keysUnique = Self.keyFollows(pod, previous: index > 0 ? context.pods[index - 1] : nil, in: old.context) }
            compared += 1
            if let place = oldPlace.removeValue(forKey: pod.id), recent == old.recent[place], pod == old.pods[place] {
                remap[place] = index
                if place < lastKept { sortWhole = true }
                lastKept = place
                part.entities.append(old.entities[place])
                part.recent.append(recent)
                continue
            }
            let entity = OutageEntities.podEntity(pod, now: now, source: old.source, staleSince: old.staleSince, suffix: old.suffix)
            added.append((entity, Origin(slot: slot, index: index)))
            part.entities.append(entity)
            part.recent.append(recent)
        }
        for place in old.pods.indices where remap[place] == nil {
            removed.append((old.entities[place], Origin(slot: slot, index: place)))
        }
        part.headerCounts = PodsContextHeader(context, now: now)
        countedForHeaders += context.pods.count
        part.pods = context.pods
        part.comparedAt = now
        part.validUntil = validUntil
        part.keysUnique = keysUnique
        parts[slot] = part
        return remap
    }

    /// The part of a slot, taken out of ``parts`` so that changing its arrays copies none of them.
    private mutating func take(_ slot: Int) -> Part {
        let part = parts[slot]
        parts[slot] = Part(context: part.context, source: "", suffix: "", staleSince: nil, pods: [], entities: [], recent: [],
                           comparedAt: .distantFuture, validUntil: .distantPast, keysUnique: false, headerCounts: part.headerCounts)
        return part
    }

    /// Takes each removed entity out of ``ordered`` and puts each added one in its place; false
    /// when one was not where it should be (then the caller sorts them all).
    private mutating func place(removed: [(entity: OutageEntity, origin: Origin)], added: [(entity: OutageEntity, origin: Origin)],
                                remaps: [Int: [Int?]], stalenessMoved: Bool) -> Bool {
        // One pod changed (the usual round): moved between its two places at once, not taken out
        // and put back, so only the entities between them move.
        if removed.count == 1, added.count == 1, removed[0].origin == added[0].origin, remaps.isEmpty, !stalenessMoved {
            let origin = removed[0].origin
            let from = insertionPoint(removed[0].entity, origin)
            guard from < ordered.count, origins[from] == origin else { return false }
            // Its place among the others: one less when the old entity came before it.
            let before = insertionPoint(added[0].entity, origin)
            let to = before > from ? before - 1 : before
            steps?.append(PodMoves.Step(kind: .removed, index: from, slot: origin.slot, entity: ordered[from]))
            steps?.append(PodMoves.Step(kind: .inserted, index: to, slot: origin.slot, entity: added[0].entity))
            ordered.replaceMoving(from: from, to: to, with: added[0].entity)
            origins.replaceMoving(from: from, to: to, with: origin)
            changes += 1
            return true
        }
        for (entity, origin) in removed {
            let position = insertionPoint(entity, origin)
            guard position < ordered.count, origins[position] == origin else { return false }
            steps?.append(PodMoves.Step(kind: .removed, index: position, slot: origin.slot, entity: ordered[position]))
            ordered.remove(at: position)
            origins.remove(at: position)
        }
        if !removed.isEmpty || !added.isEmpty || !remaps.isEmpty { changes += 1 }
        if !remaps.isEmpty {
            for position in origins.indices {
                guard let remap = remaps[origins[position].slot] else { continue }
                guard let index = remap[origins[position].index] else { return false }
                origins[position].index = index
            }
        }
        var staleness = false
        // Only when a context's staleness moved this round: reading 5,000 entities for it was
        // 0.12 M instructions of every data frame.
        if stalenessMoved {
            for position in ordered.indices {
                // Their staleness moved with their context's (set on the parts above).
                let origin = origins[position]
                if ordered[position].staleSince != parts[origin.slot].staleSince {
                    ordered[position].staleSince = parts[origin.slot].staleSince
                    staleness = true
                }
            }
        }
        if staleness {
            changes += 1
            // Every entity of a context changed: not a patch of a few places.
            steps = nil
        }
        for (entity, origin) in added {
            let position = insertionPoint(entity, origin)
            ordered.insert(entity, at: position)
            origins.insert(origin, at: position)
            steps?.append(PodMoves.Step(kind: .inserted, index: position, slot: origin.slot, entity: entity))
        }
        return true
    }

    /// The first position in ``ordered`` whose entity does not come before `entity` from `origin`.
    private func insertionPoint(_ entity: OutageEntity, _ origin: Origin) -> Int {
        var low = 0, high = ordered.count
        while low < high {
            let middle = (low + high) / 2
            if Self.comesBefore(ordered[middle], origins[middle], entity, origin) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The outage order, then the order of the contexts and of the pods in each: a stable sort's.
    private static func comesBefore(_ a: OutageEntity, _ aOrigin: Origin, _ b: OutageEntity, _ bOrigin: Origin) -> Bool {
        if OutageEntity.outageOrder(a, b) { return true }
        if OutageEntity.outageOrder(b, a) { return false }
        return aOrigin < bOrigin
    }

    /// Every pod's entity sorted again from the parts.
    private mutating func sortAll() {
        var entities: [OutageEntity] = []
        var from: [Origin] = []
        for (slot, part) in parts.enumerated() {
            entities += part.entities
            from += part.entities.indices.map { Origin(slot: slot, index: $0) }
        }
        let order = entities.indices.sorted { Self.comesBefore(entities[$0], from[$0], entities[$1], from[$1]) }
        ordered = order.map { entities[$0] }
        origins = order.map { from[$0] }
        sortedWhole += 1
        changes += 1
    }

    /// A context's part made whole.
    private static func part(_ context: KubeSnapshot, now: Date, suffix: String, staleSince: Date?) -> Part {
        let source = "kube:" + context.context
        var validUntil = Date.distantFuture
        var keysUnique = true
        for (index, pod) in context.pods.enumerated() {
            consider(pod, now: now, until: &validUntil)
            if keysUnique { keysUnique = keyFollows(pod, previous: index > 0 ? context.pods[index - 1] : nil, in: context.context) }
        }
        return Part(
            context: context.context, source: source, suffix: suffix, staleSince: staleSince, pods: context.pods,
            entities: context.pods.map { OutageEntities.podEntity($0, now: now, source: source, staleSince: staleSince, suffix: suffix) },
            recent: context.pods.map { $0.restartedRecently(now: now) }, comparedAt: now, validUntil: validUntil, keysUnique: keysUnique,
            headerCounts: PodsContextHeader(context, now: now))
    }

    /// Moves `until` to the pod's restart leaving its window, when that is after `now` and sooner.
    private static func consider(_ pod: PodInfo, now: Date, until: inout Date) {
        guard pod.columns.restarts > 0, let last = pod.columns.lastRestartAt else { return }
        let flip = last.addingTimeInterval(PodInfo.recentRestartWindow)
        if flip > now, flip < until { until = flip }
    }

    /// The pod at `index` names `context` and comes after the one before it by namespace and name:
    /// its fields read in the array (an optional previous pod was a copy of it).
    private static func keyFollows(_ pods: [PodInfo], _ index: Int, in context: String) -> Bool {
        guard pods[index].context == context else { return false }
        guard index > 0 else { return true }
        return (pods[index - 1].namespace, pods[index - 1].name) < (pods[index].namespace, pods[index].name)
    }

    /// The pod names `context` and comes after `previous` by namespace and name (so their keys differ).
    private static func keyFollows(_ pod: PodInfo, previous: PodInfo?, in context: String) -> Bool {
        guard pod.context == context else { return false }
        guard let previous else { return true }
        return (previous.namespace, previous.name) < (pod.namespace, pod.name)
    }
}
