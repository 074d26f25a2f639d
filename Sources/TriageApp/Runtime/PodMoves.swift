import TriageCore

/// What one ``PodEntityIndex/update(_:now:)`` did to the index's order of pods' entities, step by
/// step: each entity taken out of its place and each one put into a place, in the order they were
/// done, with the index's ``PodEntityIndex/changes`` before and after.
///
/// Replayed on the picture made at `from` (``OutageEntities/patch(_:slotSources:everySourceAnswered:)``),
/// it gives the picture at `to` moving the changed pods alone: merging the pods' entities with the
/// others again copied all 5,100 of them into a new list for a round in which one pod of 5,000
/// restarted (docs/PERFORMANCE.md (a) round seven).
struct PodMoves {
    /// One entity taken out of, or put into, `index` in the index's order of pods (where it stood
    /// or stands at that step), from the context slot `slot`.
    struct Step {
        enum Kind { case removed, inserted }
        let kind: Kind
        let index: Int
        let slot: Int
        let entity: OutageEntity
    }

    /// The index's changes before the update, and after it.
    let from: Int
    let to: Int
    let steps: [Step]

    /// More steps than this: merging again is cheaper than moving each entity's place in a list of
    /// 5,100 and every position after it.
    static let patchedAtMost = 16
}
