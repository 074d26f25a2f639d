import Foundation
import TriageCore

/// What the exports derive from an `ExportInput`: notes by prefix, actions and changes since the
/// last update, time per status, failed commands, open follow-up items, response targets.
///
/// Kept apart from the renderers so a status update, a resolution notice and a post-mortem can
/// never disagree about a fact.
struct IncidentFacts {
    let input: ExportInput
    let time: ExportTime

    init(_ input: ExportInput) {
        self.input = input
        self.time = ExportTime(timeZone: input.timeZone)
    }

    var incident: Incident { input.incident }

    // MARK: - Notes with a meaning

    /// Prefixes a responder can start a note with to fill the exports, lower-cased.
    static let rootCausePrefixes = ["root cause:", "root-cause:", "rootcause:"]
    static let fixPrefixes = ["fix:"]
    static let impactPrefixes = ["impact:"]
    static let followUpPrefixes = ["follow-up:", "follow up:", "followup:"]

    /// Every note starting with one of `prefixes` (case-insensitive), the rest trimmed, oldest first.
    func notes(_ prefixes: [String]) -> [String] {
        input.events.filter { $0.kind == .note }.compactMap { event in
            let text = event.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let lower = text.lowercased()
            guard let prefix = prefixes.first(where: { lower.hasPrefix($0) }) else { return nil }
            let rest = text.dropFirst(prefix.count).trimmingCharacters(in: .whitespacesAndNewlines)
            return rest.isEmpty ? nil : rest
        }
    }

    /// The latest `root cause:` note: later notes supersede earlier guesses.
    var rootCause: String? { notes(Self.rootCausePrefixes).last }
    var fix: String? { notes(Self.fixPrefixes).last }
    var impactNote: String? { notes(Self.impactPrefixes).last }
    var followUpNotes: [String] { notes(Self.followUpPrefixes) }

    // MARK: - Since the last update

    /// When the previous status update went out; the incident start when there was none.
    var lastUpdateTime: Date? { input.previousUpdate?.time }

    /// Events after the previous status update (all events when there was none), without exports.
    var eventsSinceLastUpdate: [TimelineEvent] {
        input.events.filter { event in
            event.kind != .export && (lastUpdateTime.map { event.time > $0 } ?? true)
        }
    }

    static let actionKinds: Set<TimelineKind> = [.tick, .untick, .note, .command, .ack]
    static let changeKinds: Set<TimelineKind> = [.status, .severity, .commander, .probe, .timer]

    /// What responders did since the last update: ticks, notes, commands run, acknowledgement.
    var actionsSinceLastUpdate: [TimelineEvent] { eventsSinceLastUpdate.filter { Self.actionKinds.contains($0.kind) } }

    /// What changed since the last update: status, severity, commander, probe transitions, timers.
    var changesSinceLastUpdate: [TimelineEvent] { eventsSinceLastUpdate.filter { Self.changeKinds.contains($0.kind) } }

    /// Critical items that went bad after the last update (none listed before the first update).
    var newlyAffected: [AffectedItem] {
        guard let last = lastUpdateTime else { return [] }
        return critical.filter { item in item.since.map { $0 > last } ?? false }
    }

    /// One line for an event in a list: `19:44 UTC alice: ticked "Confirm the outage"`.
    func line(_ event: TimelineEvent) -> String {
        "\(time.short(event.time)) \(event.actor): \(Self.describe(event))"
    }

    /// An event's text as a short phrase: its first line, at most 200 characters, with a verb for ticks.
    static func describe(_ event: TimelineEvent) -> String {
        let text = firstLine(event.text, limit: 200)
        switch event.kind {
        case .tick: return "ticked \"\(text)\""
        case .untick: return "unticked \"\(text)\""
        case .note: return "note: \(text)"
        case .command:
            // "$ Restart a deployment → exit 0" reads as "ran Restart a deployment → exit 0".
            return "ran " + (text.hasPrefix("$ ") ? String(text.dropFirst(2)) : text)
        default: return text
        }
    }

    /// The first non-blank line, cut to `limit` characters; " …" marks further lines.
    static func firstLine(_ text: String, limit: Int) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let first = lines.first ?? ""
        if first.count > limit { return String(first.prefix(limit - 1)) + "…" }
        return lines.count > 1 ? first + " …" : first
    }

    // MARK: - Affected

    /// What the probes see down (critical), in the order given; warnings are only counted.
    var critical: [AffectedItem] { input.live.all.filter(\.isCritical) }
    var warningCount: Int { input.live.all.count(where: { !$0.isCritical }) }

    /// Critical items grouped by kind, kinds in order of first appearance.
    var criticalByKind: [(kind: String, items: [AffectedItem])] {
        var groups: [(kind: String, items: [AffectedItem])] = []
        for item in critical {
            if let index = groups.firstIndex(where: { $0.kind == item.kind }) {
                groups[index].items.append(item)
            } else {
                groups.append((item.kind, [item]))
            }
        }
        return groups
    }

    /// `3 warnings`, or nil when there are none.
    var warningsPhrase: String? {
        warningCount == 0 ? nil : "\(warningCount) warning\(warningCount == 1 ? "" : "s")"
    }

    /// How a list heads a kind's critical items: `Services down`, `Pods not ready`.
    static func groupTitle(_ kind: String, count: Int) -> String {
        switch kind {
        case "service": return count == 1 ? "Service down" : "Services down"
        case "pod": return count == 1 ? "Pod not ready" : "Pods not ready"
        case "container": return count == 1 ? "Container down" : "Containers down"
        default: return "\(kind) (\(count))"
        }
    }

    /// How many names of one kind a one-line summary shows before "and N more".
    static let namesPerKind = 5

    /// `payments, api; pod shop/web-1; container redis-cache on db1; and 2 warnings`: the
    /// critical items by kind, warnings counted; nil when no probe data was collected.
    var affectedNames: String? {
        guard input.live.isCollected else { return nil }
        var parts = criticalByKind.map { group in
            let names = StatusUpdate.summary(group.items.map(\.readableName), limit: Self.namesPerKind, separator: ", ")
            // Services bare, as the placeholder's own words say "services"; other kinds named.
            if group.kind == "service" { return names }
            return (group.items.count == 1 ? group.kind : group.kind + "s") + " " + names
        }
        if parts.isEmpty { parts.append("nothing down now") }
        if let warningsPhrase { parts.append("and " + warningsPhrase) }
        return parts.joined(separator: "; ")
    }

    /// `api: down since 19:42 UTC (12m), HTTP 503`; `inGroup` leaves out the kind, for a list
    /// already headed by it (`redis-cache on db1: exited (137) …`).
    func describe(_ item: AffectedItem, inGroup: Bool = false) -> String {
        var text = "\(inGroup ? item.readableName : item.label): \(item.state)"
        if let since = item.since {
            text += " since \(time.short(since)) (\(ExportTime.duration(from: since, to: input.now)))"
        }
        if !item.reason.isEmpty { text += ", \(Self.firstLine(item.reason, limit: 160))" }
        return text
    }

    /// The impact line: the latest `impact:` note, else a count of what the probes see. Only
    /// critical items count as down; warnings are counted as warnings, never as failing.
    var impactLine: String? {
        if let impactNote { return impactNote }
        guard input.live.isCollected else { return nil }
        let live = input.live
        if live.all.isEmpty { return "nothing down or degraded at \(time.short(live.collectedAt ?? input.now))" }
        var parts: [String] = []
        func count(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        count(live.failingChecks.count(where: \.isCritical), "check down", "checks down")
        count(live.podsNotReady.count(where: \.isCritical), "pod failing", "pods failing")
        count(live.containersDown.count(where: \.isCritical), "container down", "containers down")
        count(live.firingAlerts.count(where: \.isCritical), "critical alert firing", "critical alerts firing")
        if parts.isEmpty { parts.append("nothing down") }
        var text = parts.joined(separator: ", ")
        if let earliest = critical.compactMap(\.since).min() {
            text += "; the first for \(ExportTime.duration(from: earliest, to: input.now))"
        }
        if let warningsPhrase { text += "; \(warningsPhrase) (degraded, not down)" }
        return text
    }

    // MARK: - Durations

    /// When the problem started for the purpose of durations: detection, else declaration.
    var detected: Date { incident.detectedAt ?? incident.startedAt }

    /// The end of the incident for durations: resolution, else now.
    var end: Date { incident.resolvedAt ?? input.now }

    /// Periods in each status, oldest first, from the status events (the declaration starts Investigating).
    var statusSpans: [(status: IncidentStatus, start: Date, end: Date)] {
        var spans: [(IncidentStatus, Date, Date)] = []
        var current: (IncidentStatus, Date) = (.investigating, incident.startedAt)
        for event in input.events where event.kind == .status {
            guard let arrow = event.text.range(of: "→", options: .backwards) else { continue }
            let word = event.text[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let status = IncidentStatus(userText: word), event.time >= current.1 else { continue }
            if status == current.0 { continue }
            spans.append((current.0, current.1, event.time))
            current = (status, event.time)
        }
        if current.0 != .resolved { spans.append((current.0, current.1, end)) }
        return spans.map { (status: $0.0, start: $0.1, end: $0.2) }
    }

    /// Total seconds per status, in the order statuses come, for statuses the incident went through.
    var secondsPerStatus: [(status: IncidentStatus, seconds: TimeInterval)] {
        IncidentStatus.allCases.compactMap { status in
            let spans = statusSpans.filter { $0.status == status }
            guard !spans.isEmpty else { return nil }
            return (status, spans.reduce(0) { $0 + $1.end.timeIntervalSince($1.start) })
        }
    }

    // MARK: - Commands

    /// Command events whose text says they failed, with how (`exit 1`, `signal 9`, `timed out`).
    var failedCommands: [(event: TimelineEvent, failure: String)] {
        input.events.filter { $0.kind == .command }.compactMap { event in
            CommandOutcome.failure(in: event.text).map { (event, $0) }
        }
    }

    // MARK: - Runbook

    /// Words in a section title that make its items follow-ups rather than response steps.
    static let followUpSectionWords = [
        "post incident", "postincident", "post mortem", "postmortem", "post outage", "follow up", "followup",
        "after action", "retrospective", "lessons learned", "prevention",
    ]

    /// Runbook items under post-incident/post-mortem/follow-up headings that nobody ticked.
    var openFollowUpItems: [ChecklistItem] {
        guard let runbook = input.runbook else { return [] }
        var items: [ChecklistItem] = []
        for (index, section) in runbook.sections.enumerated() {
            let path = runbook.titlePath(ofSection: index).map(ChecklistItem.normalized).joined(separator: " / ")
            guard Self.followUpSectionWords.contains(where: { path.contains($0) }) else { continue }
            items += section.items.filter { !isTicked($0) }
        }
        return items
    }

    func isTicked(_ item: ChecklistItem) -> Bool { input.ticks[item.key]?.checked ?? item.checked }

    /// The runbook's level for the incident's severity.
    var severityLevel: SeverityLevel? { input.runbook?.severity(named: incident.severity) }

    /// "P1 acknowledged in 3m12s, target 5m: met", or why it cannot be judged.
    var acknowledgementTarget: String {
        let severity = incident.severity
        let target = input.runbook?.responseTarget(severity: severity)
        guard let ack = incident.acknowledgedAt else {
            let waited = ExportTime.duration(from: detected, to: end)
            if let target {
                let missed = end.timeIntervalSince(detected) > TimeInterval(target * 60)
                return "\(severity) not acknowledged after \(waited), target \(ExportTime.minutes(target)): "
                    + (missed ? "missed" : "still open")
            }
            return "\(severity) not acknowledged after \(waited); the runbook gives no response target for \(severity)"
        }
        let took = ack.timeIntervalSince(detected)
        var text = "\(severity) acknowledged in \(ExportTime.duration(seconds: took))"
        if let target {
            text += ", target \(ExportTime.minutes(target)): " + (took <= TimeInterval(target * 60) ? "met" : "missed")
        } else {
            text += "; the runbook gives no response target for \(severity)"
        }
        return text
    }

    /// Timed escalation triggers and whether the incident crossed them before it was resolved.
    var escalationLines: [String] {
        guard let runbook = input.runbook else { return [] }
        let elapsed = end.timeIntervalSince(incident.startedAt)
        return runbook.escalations(forSeverity: incident.severity).compactMap { trigger in
            guard let minutes = trigger.afterMinutes else { return nil }
            let who = trigger.level.isEmpty ? "escalate" : "escalate to \(trigger.level)"
            let mark = incident.startedAt.addingTimeInterval(TimeInterval(minutes * 60))
            // Only the time is known; whether the condition held at that mark is for people to judge.
            return "\(who) after \(ExportTime.minutes(minutes)) (\(Self.firstLine(trigger.condition, limit: 120))): "
                + (elapsed > TimeInterval(minutes * 60)
                    ? "the incident was still open at that mark (\(time.short(mark)))" : "not reached")
        }
    }

    /// Per runbook phase: its window, how many of its items were ticked, when, and how many late.
    var phaseLines: [String] {
        guard let runbook = input.runbook else { return [] }
        return runbook.phases.map { phase in
            let items = runbook.sections.indices.filter { runbook.phase(forSection: $0) == phase }
                .flatMap { runbook.sections[$0].items }
            let window = phase.endMinutes.map { "\(phase.startMinutes)–\($0) min" } ?? "after \(phase.startMinutes) min"
            let tickTimes = items.compactMap { item -> Date? in
                guard let tick = input.ticks[item.key], tick.checked else { return nil }
                return tick.time
            }.sorted()
            // "Investigation (5-30 minutes)" already says its window; "Recovery" gets it added.
            let title = phase.title.contains(where: \.isNumber) ? phase.title : "\(phase.title) (\(window))"
            if items.isEmpty { return "\(title): no checklist items" }
            var text = "\(title): \(tickTimes.count) of \(items.count) items ticked"
            if tickTimes.count == 1, let only = tickTimes.first {
                text += ", at +\(ExportTime.duration(from: incident.startedAt, to: only))"
            } else if let first = tickTimes.first, let last = tickTimes.last {
                let from = ExportTime.duration(from: incident.startedAt, to: first)
                let to = ExportTime.duration(from: incident.startedAt, to: last)
                text += ", from +\(from) to +\(to) (\(ExportTime.duration(from: first, to: last)) spent)"
                if let endMinutes = phase.endMinutes {
                    let deadline = incident.startedAt.addingTimeInterval(TimeInterval(endMinutes * 60))
                    let late = tickTimes.count(where: { $0 > deadline })
                    if late > 0 { text += ", \(late) after the window" }
                }
            }
            return text
        }
    }
}
