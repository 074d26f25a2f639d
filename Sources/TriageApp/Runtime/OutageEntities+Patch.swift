import Foundation
import TriageCore

extension OutageEntities {
    /// Brings a merged picture to the one its pods' index gives after `steps` (``PodMoves``), in
    /// place: each pod's entity is taken out of ``all`` or put into it where the merge puts it, the
    /// positions by source and the other entities' positions after it move by one, and the ranks are
    /// made again (the ~200 other keys; the pods' on first use). While the list is this picture's
    /// alone (the cache let go of it and no frame holds it), no entity but the moved ones is copied or
    /// freed; held elsewhere, its first change copies it, as a merge would.
    ///
    /// Returns false when a removed entity is not where the merge put it: the picture is then no
    /// longer whole and the caller merges instead.
    mutating func patch(_ steps: [PodMoves.Step], slotSources: [String], everySourceAnswered: Bool) -> Bool {
        guard var others = otherPositions else { return false }
        otherPositions = nil
        // The ranks hold the list for the pods' positions: let go of them first. The others' ranks
        // are moved, not hashed again (~200 keys, 0.33 M instructions).
        var ranked = rank.take()
        // One pod that moved (the usual round): both its places worked out before the list changes,
        // then it moves between them at once, so only the entities between them move.
        let paired = steps.count == 2 && steps[0].kind == .removed && steps[1].kind == .inserted && steps[0].slot == steps[1].slot
        let pairedPositions = paired ? steps.map { $0.index + Self.othersBefore($0.entity, in: all, at: others) } : []
        for (offset, step) in steps.enumerated() {
            guard step.slot < slotSources.count else { return false }
            let source = slotSources[step.slot]
            let position = paired ? pairedPositions[offset] : step.index + Self.othersBefore(step.entity, in: all, at: others)
            switch step.kind {
            case .removed:
                // Each source's positions read in place: a copy held across the change would copy them.
                guard position < all.count, all[position].key == step.entity.key,
                      let (place, count) = positionsBySource[source].map({ (Self.firstIndex(atLeast: position, in: $0), $0.count) }),
                      place < count, positionsBySource[source]?[place] == position else { return false }
                if !paired { all.remove(at: position) }
                if count == 1 { positionsBySource[source] = nil } else { positionsBySource[source]?.remove(at: place) }
                moveAll(&others, &ranked, from: position + 1, by: -1)
            case .inserted:
                guard position <= all.count - (paired ? 1 : 0) else { return false }
                if paired {
                    all.replaceMoving(from: pairedPositions[0], to: position, with: step.entity)
                } else {
                    all.insert(step.entity, at: position)
                }
                moveAll(&others, &ranked, from: position, by: 1)
                let place = Self.firstIndex(atLeast: position, in: positionsBySource[source] ?? [])
                positionsBySource[source, default: []].insert(position, at: place)
            }
        }
        self.everySourceAnswered = everySourceAnswered
        otherPositions = others
        rank = EntityRank(others: ranked, all: all)
        return true
    }

    /// Moves every position from `position` on by `delta`: the others', their ranks and each source's.
    private mutating func moveAll(_ others: inout [Int], _ ranked: inout [String: Int], from position: Int, by delta: Int) {
        Self.move(&others, from: position, by: delta)
        EntityRank.move(&ranked, from: position, by: delta)
        // Walked by index, not over `indices`, which would hold the dictionary and so copy it, and
        // each source's positions, at the first change.
        var index = positionsBySource.startIndex
        while index != positionsBySource.endIndex {
            Self.move(&positionsBySource.values[index], from: position, by: delta)
            positionsBySource.formIndex(after: &index)
        }
    }

    /// How many of the other entities (at `others` in `all`, in the outage order) the merge puts
    /// before the pod's `entity`: those it does not come before.
    private static func othersBefore(_ entity: OutageEntity, in all: [OutageEntity], at others: [Int]) -> Int {
        var low = 0, high = others.count
        while low < high {
            let middle = (low + high) / 2
            if OutageEntity.outageOrder(entity, all[others[middle]]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The first place in increasing `positions` holding `position` or more.
    private static func firstIndex(atLeast position: Int, in positions: [Int]) -> Int {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Moves the increasing `positions` from `position` on by `delta`.
    private static func move(_ positions: inout [Int], from position: Int, by delta: Int) {
        let start = firstIndex(atLeast: position, in: positions)
        // Through the buffer: ~5,000 positions a step, without a check per element.
        positions.withUnsafeMutableBufferPointer { positions in
            for index in start..<positions.count { positions[index] &+= delta }
        }
    }
}
