import Foundation

/// The severity the outage itself suggests, and why: "P1 suggested: 3 of 5 services CRIT for 4m,
/// checkout among them". Shown beside the declared severity; only a person applies it.
public struct SeveritySuggestion: Sendable, Equatable {
    public var severity: String
    /// "3 of 5 services CRIT for 4m, checkout among them".
    public var reason: String

    public init(severity: String, reason: String) {
        self.severity = severity
        self.reason = reason
    }

    /// "P1 suggested: 3 of 5 services CRIT for 4m, checkout among them".
    public var text: String { "\(severity) suggested: \(reason)" }

    /// The first rule the picture meets, top-down; nil when none does (or there are no rules).
    public static func evaluate(_ rules: [SeverityRule], entities: [OutageEntity], now: Date) -> SeveritySuggestion? {
        for rule in rules {
            let tally = SeverityTally(rule, entities: entities, now: now)
            if let reason = reason(rule, tally, entities, now: now) { return SeveritySuggestion(severity: rule.severity, reason: reason) }
        }
        return nil
    }

    /// The same, with each rule's ``SeverityTally`` of `entities` already counted (kept with a picture).
    public static func evaluate(_ rules: [SeverityRule], tallies: [SeverityTally], entities: [OutageEntity], now: Date) -> SeveritySuggestion? {
        for (rule, tally) in zip(rules, tallies) {
            if let reason = reason(rule, tally, entities, now: now) { return SeveritySuggestion(severity: rule.severity, reason: reason) }
        }
        return nil
    }

    /// Why `rule` holds, or nil when it does not.
    static func reason(_ rule: SeverityRule, _ tally: SeverityTally, _ entities: [OutageEntity], now: Date) -> String? {
        func failing(_ entity: OutageEntity) -> Bool {
            (entity.state == .crit || entity.state == .warn) && SeverityTally.aged(rule, entity, now: now)
        }
        let noun = Self.noun(rule.kinds)
        var parts: [String] = []
        // What the condition rests on: the CRIT ones when they are counted and there are some,
        // else the CRIT or WARN ones.
        var counted: (failures: SeverityTally.Failures, critOnly: Bool)?
        if let threshold = rule.crit {
            guard threshold.holds(tally.crit.count, of: tally.pool) else { return nil }
            parts.append("\(tally.crit.count) of \(tally.pool) \(noun) CRIT")
            counted = (tally.crit, true)
        }
        if let threshold = rule.warn {
            guard threshold.holds(tally.critOrWarn.count, of: tally.pool) else { return nil }
            parts.append("\(tally.critOrWarn.count) of \(tally.pool) \(noun) CRIT or WARN")
            if (counted?.failures.count ?? 0) == 0 { counted = (tally.critOrWarn, false) }
        }
        var named: [OutageEntity] = []
        for name in rule.failing {
            guard let entity = entities.first(where: { SeverityTally.watched($0) && TickEvidenceMatcher.names($0).contains(name) && failing($0) })
            else { return nil }
            named.append(entity)
        }
        guard !parts.isEmpty || !named.isEmpty else { return nil }
        // How long the condition has held: the newest failure among those it rests on.
        var restsOn = counted?.failures ?? SeverityTally.Failures()
        for entity in named { restsOn.add(since: entity.since) }
        let held = restsOn.count > 0 && restsOn.allDated ? restsOn.newest.map { now.timeIntervalSince($0) } : nil
        var text = parts.joined(separator: ", ")
        if !named.isEmpty {
            let names = named.map(\.name).joined(separator: ", ")
            func isCounted(_ entity: OutageEntity) -> Bool {
                guard let counted, SeverityTally.counts(rule, entity) else { return false }
                return counted.critOnly ? entity.state == .crit && SeverityTally.aged(rule, entity, now: now) : failing(entity)
            }
            if parts.isEmpty {
                text = named.map { "\($0.name) \($0.state.label)" }.joined(separator: ", ")
            } else if named.allSatisfy({ one in entities.contains { $0.key == one.key && isCounted($0) } }) {
                text += (held.map { " for " + DurationText.age(.seconds(Int64(max(0, $0)))) } ?? "") + ", \(names) among them"
                return text
            } else {
                text += ", \(names) failing"
            }
        }
        if let held { text += " for " + DurationText.age(.seconds(Int64(max(0, held)))) }
        return text
    }

    /// "services" for one kind (or the service-like three), "entities" for a mix.
    static func noun(_ kinds: Set<OutageEntity.Kind>) -> String {
        if kinds.isEmpty { return "entities" }
        if kinds.isSubset(of: serviceKinds) { return kinds.count == 1 ? kinds.first!.rawValue + "s" : "services" }
        return kinds.count == 1 ? kinds.first!.rawValue + "s" : "entities"
    }

    /// What the Services pane lists: HTTP/TCP/DNS/TLS checks, command checks, Prometheus queries.
    public static let serviceKinds: Set<OutageEntity.Kind> = [.service, .check, .query]

    // MARK: The default rules

    /// Words in a severity's description that make it the "complete outage" level.
    static let outageWords = ["complete outage", "outage", "down", "unavailable", "critical", "data at risk"]
    /// … the "degraded" level.
    static let degradedWords = ["partial", "degraded", "degradation", "major", "high", "many"]
    /// … the "minor" level.
    static let minorWords = ["minor", "low", "few", "cosmetic", "medium", "workaround", "single"]

    /// The rules used when the config has no `severity_rules:`, from the runbook's own severity
    /// table, read in its order (most severe first):
    /// - the first level whose description says "complete outage", "outage", "down", "unavailable",
    ///   "critical" or "data at risk": suggested when at least half the services are CRIT;
    /// - the first level after it that says "partial", "degraded", "major", "high" or "many" (else
    ///   the next level): when any service is CRIT;
    /// - the first level after that which says "minor", "low", "few", "medium", "workaround",
    ///   "cosmetic" or "single" (else the next level): when anything is CRIT or WARN.
    /// No level says "outage" (or the runbook has no table): no default rules, no suggestion.
    public static func defaultRules(for levels: [SeverityLevel]) -> [SeverityRule] {
        func says(_ level: SeverityLevel, _ words: [String]) -> Bool {
            let text = " " + ChecklistItem.normalized(level.description) + " "
            return words.contains { text.contains(" " + $0 + " ") }
        }
        guard let outage = levels.firstIndex(where: { says($0, outageWords) }) else { return [] }
        var rules = [SeverityRule(severity: levels[outage].name, kinds: serviceKinds, crit: .fraction(0.5))]
        let afterOutage = levels.indices.filter { $0 > outage }
        guard let degraded = afterOutage.first(where: { says(levels[$0], degradedWords) }) ?? afterOutage.first else { return rules }
        rules.append(SeverityRule(severity: levels[degraded].name, kinds: serviceKinds, crit: .count(1)))
        let afterDegraded = levels.indices.filter { $0 > degraded }
        guard let minor = afterDegraded.first(where: { says(levels[$0], minorWords) }) ?? afterDegraded.first else { return rules }
        rules.append(SeverityRule(severity: levels[minor].name, warn: .count(1)))
        return rules
    }
}
