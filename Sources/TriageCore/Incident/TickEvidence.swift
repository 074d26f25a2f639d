import Foundation

/// What the outage looked like when someone ticked a checklist item: the state of the thing the
/// item is about, or, when it names nothing the probes watch, a summary of what was failing.
///
/// Stored with the tick (`tickEvidence` table) and written into the tick's timeline text, so the
/// timeline, the exports and the wall carry it without reading the table. Built by
/// ``TickEvidenceMatcher`` from the item, the commands under it and the picture.
public struct TickEvidence: Sendable, Codable, Equatable {
    /// The entity the item is about (`OutageEntity.key`, "service:backend"); nil for a summary.
    public var entityKey: String?
    /// Its display name ("backend", "shop/api-7d9"); nil for a summary.
    public var entityName: String?
    /// Its state when ticked; nil for a summary.
    public var state: HealthState?
    /// Why it was not ok, in the panes' words ("HTTP 500"); nil when ok or for a summary.
    public var reason: String?
    /// Its key figures ("latency 2.1s", "cpu 93% mem 71%"), when the picture had some.
    public var figures: String?
    /// When it entered that state, when the source said so.
    public var since: Date?
    /// For a summary: "2 CRIT, 1 WARN: backend, lab-backend, shop/api-7d9"; "nothing failing".
    public var summary: String?
    /// When the tick was made (the `for 3m12s` is counted up to it).
    public var at: Date

    public init(
        entityKey: String? = nil, entityName: String? = nil, state: HealthState? = nil, reason: String? = nil,
        figures: String? = nil, since: Date? = nil, summary: String? = nil, at: Date
    ) {
        self.entityKey = entityKey
        self.entityName = entityName
        self.state = state
        self.reason = reason
        self.figures = figures
        self.since = since
        self.summary = summary
        self.at = at
    }

    /// The evidence of one entity as the picture judged it.
    public init(entity: OutageEntity, figures: String? = nil, at: Date) {
        self.init(
            entityKey: entity.key, entityName: entity.name, state: entity.state, reason: entity.reason, figures: figures,
            since: entity.since, at: at)
    }

    /// One line: "backend CRIT HTTP 500 for 3m12s", "backend OK", "failing: 2 CRIT: backend, api".
    public var text: String {
        guard let state, let entityName else { return summary ?? "nothing failing" }
        var parts = [entityName, state.label]
        if let reason, !reason.isEmpty { parts.append(reason) }
        if let figures, !figures.isEmpty { parts.append("(\(figures))") }
        var line = parts.joined(separator: " ")
        if let since, since <= at { line += " for " + Self.span(at.timeIntervalSince(since)) }
        return line
    }

    /// "3m12s", "45s", "1h02m": how long, to the second under an hour.
    static func span(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds))
        let hours = total / 3600, minutes = (total % 3600) / 60, rest = total % 60
        if hours > 0 { return "\(hours)h" + (minutes < 10 ? "0" : "") + "\(minutes)m" }
        if minutes > 0 { return "\(minutes)m" + (rest < 10 ? "0" : "") + "\(rest)s" }
        return "\(rest)s"
    }

    /// The entity was failing (CRIT or WARN) when the tick was made.
    public var entityFailing: Bool { state == .crit || state == .warn }
}

extension TickEvidence {
    /// A tick's timeline text: the item, then what it was about when ticked
    /// ("Confirm backend is healthy — backend CRIT HTTP 500 for 3m12s"). One line, so every view
    /// that shows an event's first line (the wall, exports) carries the evidence.
    public static func timelineText(label: String, evidence: TickEvidence?) -> String {
        guard let evidence else { return label }
        return label + " — " + evidence.text
    }
}
