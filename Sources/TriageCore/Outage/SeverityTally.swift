import Foundation

/// What one ``SeverityRule`` counts in a picture: the entities it watches, how many of them are
/// CRIT, how many CRIT or WARN, and the newest failure among each.
///
/// Counted without copying an entity: with 5,000 pods, filtering copies of the picture for every
/// rule each frame was a sixth of a clock frame (docs/PERFORMANCE.md (a)). A tally depends on the
/// time only through the rule's `duration` (``dependsOnTime``), so a picture kept across frames
/// keeps the tallies of rules with none.
public struct SeverityTally: Sendable, Equatable {
    /// Entities that fail one way (CRIT, or CRIT or WARN), and when the newest of them failed.
    struct Failures: Sendable, Equatable {
        var count = 0
        /// False when some of them has no `since`: how long the condition held is then not known.
        var allDated = true
        /// The latest `since` among them: the condition has held since then.
        var newest: Date?

        mutating func add(since: Date?) {
            count += 1
            guard let since else { allDated = false; return }
            if newest.map({ since > $0 }) ?? true { newest = since }
        }

        /// Takes one failure out; false when what is left is not known without counting again (it
        /// was the newest, or some of them have no `since`).
        mutating func remove(since: Date?) -> Bool {
            guard allDated, let since, since != newest else { return false }
            count -= 1
            return true
        }
    }

    /// The entities the rule counts among.
    var pool = 0
    var crit = Failures()
    var critOrWarn = Failures()

    /// Tallies `entities` for `rule` at `now`.
    public init(_ rule: SeverityRule, entities: [OutageEntity], now: Date) {
        // The kinds as a short list and each entity read where it stands: hashing each entity's
        // kind into the rule's `Set` and copying each entity cost ~1,000 instructions an entity
        // (5,000 pods, docs/PERFORMANCE.md (a)).
        let kinds = Array(rule.kinds)
        for index in entities.indices {
            let kind = entities[index].kind
            guard kind != .source, kind != .events, kinds.isEmpty || kinds.contains(kind) else { continue }
            pool += 1
            let state = entities[index].state
            guard state == .crit || state == .warn, Self.aged(rule, entities[index], now: now) else { continue }
            if state == .crit { crit.add(since: entities[index].since) }
            critOrWarn.add(since: entities[index].since)
        }
    }

    /// The tally of the same picture with `removed` taken out and `added` put in (a pod that moved,
    /// ``dependsOnTime(_:)`` false): what a count over every entity gives, without reading 5,000
    /// of them. Nil when a removed failure was the newest of its kind: counting again tells the next.
    public func moving(_ rule: SeverityRule, removed: [OutageEntity], added: [OutageEntity]) -> SeverityTally? {
        guard !Self.dependsOnTime(rule) else { return nil }
        var moved = self
        for entity in removed where Self.counts(rule, entity) {
            moved.pool -= 1
            guard entity.state == .crit || entity.state == .warn else { continue }
            if entity.state == .crit, !moved.crit.remove(since: entity.since) { return nil }
            if !moved.critOrWarn.remove(since: entity.since) { return nil }
        }
        for entity in added where Self.counts(rule, entity) {
            moved.pool += 1
            guard entity.state == .crit || entity.state == .warn else { continue }
            if entity.state == .crit { moved.crit.add(since: entity.since) }
            moved.critOrWarn.add(since: entity.since)
        }
        return moved
    }

    /// True when the tally may differ at another time for the same entities.
    public static func dependsOnTime(_ rule: SeverityRule) -> Bool { rule.duration != nil }

    /// Watched at all (sources and events never are), and among the rule's kinds.
    static func watched(_ entity: OutageEntity) -> Bool { entity.kind != .source && entity.kind != .events }

    static func counts(_ rule: SeverityRule, _ entity: OutageEntity) -> Bool {
        watched(entity) && (rule.kinds.isEmpty || rule.kinds.contains(entity.kind))
    }

    /// Failing long enough to count: always, for a rule with no duration.
    static func aged(_ rule: SeverityRule, _ entity: OutageEntity, now: Date) -> Bool {
        guard let duration = rule.duration else { return true }
        guard let since = entity.since else { return false }
        return now.timeIntervalSince(since) >= Double(duration.components.seconds)
    }
}
