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

    /// Affected items that went bad after the last update (all of them before the first update).
    var newlyAffected: [AffectedItem] {
        guard let last = lastUpdateTime else { return [] }
        return input.live.all.filter { item in item.since.map { $0 > last } ?? false }
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

    /// `api, checkout, pod shop/web-1`; nil when no probe data was collected.
    var affectedNames: String? {
        guard input.live.isCollected else { return nil }
        let names = input.live.all.map(\.label)
        return names.isEmpty ? "none failing now" : names.joined(separator: ", ")
    }

    /// `api: down since 19:42 UTC (12m), HTTP 503`.
    func describe(_ item: AffectedItem) -> String {
        var text = "\(item.label): \(item.state)"
        if let since = item.since {
            text += " since \(time.short(since)) (\(ExportTime.duration(from: since, to: input.now)))"
        }
        if !item.reason.isEmpty { text += ", \(Self.firstLine(item.reason, limit: 160))" }
        return text
    }

    /// The impact line: the latest `impact:` note, else a count of what the probes see.
    var impactLine: String? {
        if let impactNote { return impactNote }
        guard input.live.isCollected else { return nil }
        let live = input.live
        if live.all.isEmpty { return "no failing checks, pods or containers at \(time.short(live.collectedAt ?? input.now))" }
        var parts: [String] = []
        func count(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        count(live.failingChecks.count, "check failing", "checks failing")
        count(live.podsNotReady.count, "pod not ready", "pods not ready")
        count(live.containersDown.count, "container down", "containers down")
        var text = parts.joined(separator: ", ")
        if let earliest = live.all.compactMap(\.since).min() {
            text += "; the first for \(ExportTime.duration(from: earliest, to: input.now))"
        }
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
