import Foundation

/// Which entity a checklist item is about, and so what its tick records: a pure function of the
/// item, the runbook commands under it, the variables those commands would run with, and the picture.
///
/// In order:
/// 1. An entity named in the item's text ("Confirm backend is healthy" names the service
///    `backend`), by its whole name as words: for a pod also its name without the namespace, for a
///    container or pod on one of several hosts or contexts the name before " @ ".
/// 2. An entity a command under the item targets through a variable it uses (`$SERVICE`,
///    `$CONTAINER`, `$POD`, `$NODE`) whose value (from `vars:` or the panes' cursors) names one.
/// 3. An entity named in the text of a command under the item (`docker logs lab-backend`).
///
/// Of several entities a step names, the longest name wins ("lab-backend" over "backend"), then the
/// worst (the picture's order). No match: a summary of what was failing.
public enum TickEvidenceMatcher {
    /// Names shorter than this are never matched in free text ("db" would match too much).
    static let shortestName = 3
    /// How many failing names a summary lists.
    static let summaryNames = 3

    public static func evidence(
        for item: ChecklistItem, commands: [RunbookCommand], bound: [String: String], entities: [OutageEntity],
        figures: (OutageEntity) -> String? = { _ in nil }, at: Date
    ) -> TickEvidence {
        if let entity = entity(for: item, commands: commands, bound: bound, entities: entities) {
            return TickEvidence(entity: entity, figures: figures(entity), at: at)
        }
        return TickEvidence(summary: summary(entities), at: at)
    }

    /// The entity the item is about, if any (see the type's rules).
    public static func entity(
        for item: ChecklistItem, commands: [RunbookCommand], bound: [String: String], entities: [OutageEntity]
    ) -> OutageEntity? {
        let watched = entities.filter { $0.kind != .source && $0.kind != .events }
        if let named = named(in: item.text + " " + item.details.joined(separator: " "), watched) { return named }
        for command in commands {
            for (variable, kinds) in variableKinds {
                guard let value = bound[variable], !value.isEmpty, usesVariable(command.code, variable) else { continue }
                if let entity = watched.first(where: { kinds.contains($0.kind) && names($0).contains(value) }) { return entity }
            }
        }
        for command in commands {
            if let named = named(in: command.code, watched) { return named }
        }
        return nil
    }

    /// The variables a command binds an entity through, and the kinds each can name.
    static let variableKinds: [(String, Set<OutageEntity.Kind>)] = [
        ("SERVICE", [.service, .check, .query]), ("CONTAINER", [.container]), ("POD", [.pod]), ("NODE", [.node]),
    ]

    /// The runbook commands "under" an item: those of its section written after it and before the
    /// section's next item, which is where a runbook puts the command a step runs.
    public static func commands(under item: ChecklistItem, in section: RunbookSection) -> [RunbookCommand] {
        let next = section.items.map(\.line).filter { $0 > item.line }.min() ?? Int.max
        return section.commands.filter { $0.line > item.line && $0.line < next }
    }

    /// "2 CRIT, 1 WARN: backend, lab-backend, shop/api-7d9" (the first few, worst first); "nothing failing".
    public static func summary(_ entities: [OutageEntity]) -> String {
        let failing = entities.filter { $0.state == .crit || $0.state == .warn }.sorted(by: OutageEntity.outageOrder)
        guard !failing.isEmpty else { return "nothing failing" }
        let counts = [HealthState.crit, .warn].compactMap { state -> String? in
            let n = failing.count { $0.state == state }
            return n == 0 ? nil : "\(n) \(state.label)"
        }
        var names = failing.prefix(summaryNames).map(\.name).joined(separator: ", ")
        if failing.count > summaryNames { names += ", …" }
        return "failing: " + counts.joined(separator: ", ") + ": " + names
    }

    /// An item worded as a confirmation of health: "confirm X is healthy", "verify X recovered",
    /// "check X is back". Ticking one while X still fails asks first.
    public static func confirmsHealth(_ text: String) -> Bool {
        let words = ChecklistItem.normalized(text).split(separator: " ").map(String.init)
        let verbs: Set = ["confirm", "verify", "check", "ensure", "validate"]
        let healthy: Set = ["healthy", "recovered", "back", "restored", "green", "up", "working", "resolved", "stable"]
        guard let verb = words.firstIndex(where: verbs.contains) else { return false }
        return words[(verb + 1)...].contains(where: healthy.contains)
    }

    // MARK: Matching names

    /// The entity whose name appears as whole words in `text`: the longest name, then the worst.
    static func named(in text: String, _ entities: [OutageEntity]) -> OutageEntity? {
        let haystack = " " + ChecklistItem.normalized(text) + " "
        var best: (entity: OutageEntity, length: Int)?
        for entity in entities {
            for name in names(entity) {
                let needle = ChecklistItem.normalized(name)
                guard needle.count >= shortestName, haystack.contains(" " + needle + " ") else { continue }
                if best == nil || needle.count > best!.length { best = (entity, needle.count) }
            }
        }
        return best?.entity
    }

    /// The names an entity goes by: its display name, the part before " @ " (several hosts or
    /// contexts), and for a pod the name without its namespace.
    static func names(_ entity: OutageEntity) -> [String] {
        var out = [entity.name]
        let base = entity.name.components(separatedBy: " @ ").first ?? entity.name
        if base != entity.name { out.append(base) }
        if entity.kind == .pod, let slash = base.firstIndex(of: "/") { out.append(String(base[base.index(after: slash)...])) }
        return out
    }

    /// `$NAME` or `${NAME}` in `code`, not `$NAMES`.
    static func usesVariable(_ code: String, _ name: String) -> Bool {
        if code.contains("${\(name)}") || code.contains("${\(name):") { return true }
        return code.ranges(of: "$" + name).contains { range in
            range.upperBound == code.endIndex || !(code[range.upperBound].isLetter || code[range.upperBound].isNumber || code[range.upperBound] == "_")
        }
    }
}
