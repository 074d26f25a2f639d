import Foundation
import TriageCore
import TriageUI

/// The top-border figures of the Services, Containers and Pods panes, from the picture's entities
/// (``OutageEntities``): the counts the wall and `triage check` count, and the age of old data.
enum PaneBadge {
    /// "✖2 ▲1 ✔5": how many entities are in each state, worst first; empty when there are none.
    static func counts(_ entities: [OutageEntity]) -> [Span] {
        counts(Dictionary(grouping: entities, by: \.state).mapValues(\.count))
    }

    /// The same from how many entities are in each state.
    static func counts(_ counts: [HealthState: Int]) -> [Span] {
        var spans: [Span] = []
        for state in [HealthState.crit, .warn, .unknown, .ok] where (counts[state] ?? 0) > 0 {
            if !spans.isEmpty { spans.append(Span(" ")) }
            spans.append(Span("\(state.symbol)\(counts[state]!)", CellStyle(state.styleRole, [.bold])))
        }
        return spans
    }

    /// " stale 42s" when some of the entities were judged from old data, with the age of the oldest
    /// per source (" stale lab 42s prod 3m" when `named`); empty when all of it is fresh. A source
    /// that failed without rows has nothing old to mark: its own row says it failed.
    static func stale(_ entities: [OutageEntity], now: Date, named: Bool) -> [Span] {
        var oldest: [(source: String, since: Date)] = []
        for entity in entities {
            guard let since = entity.staleSince else { continue }
            if let index = oldest.firstIndex(where: { $0.source == entity.source }) {
                oldest[index].since = min(oldest[index].since, since)
            } else {
                oldest.append((entity.source, since))
            }
        }
        guard !oldest.isEmpty else { return [] }
        let parts = oldest.map { item -> String in
            let age = DurationText.age(.seconds(max(0, now.timeIntervalSince(item.since))))
            guard named, let colon = item.source.firstIndex(of: ":") else { return age }
            return TerminalText.clean(String(item.source[item.source.index(after: colon)...])) + " " + age
        }
        return [Span(" stale " + parts.joined(separator: " "), CellStyle(.stale))]
    }
}
