import Foundation
import TriageCore

/// The periodic status update: what is broken, what was done and what changed since the last one,
/// and when the next one comes.
///
/// When the runbook has its own update template, that wording is used with its placeholders
/// filled; otherwise triage's built-in layout. Either way the final text passes `SecretRedactor`.
public enum StatusUpdate {
    /// The update as a file or clipboard text: the message, then what is left for the human.
    /// `fills` are the responder's words for placeholders (`[Actions]` → "restarted the pool").
    public static func render(_ input: ExportInput, format: ExportFormat, fills: [String: String] = [:]) -> String {
        let draft = draft(input, format: format).filling(fills)
        switch format {
        case .markdown, .text: return ExportText.safe(draft.rendered(format: format))
        case .json: return json(input, draft: draft).rendered()
        }
    }

    /// The message alone, with what triage left for the human listed apart (for the dashboard).
    public static func draft(_ input: ExportInput, format: ExportFormat) -> MessageDraft {
        let facts = IncidentFacts(input)
        var notes: [String] = []
        if let reason = input.live.notCollectedReason, !input.live.isCollected { notes.append(reason) }
        if let template = template(in: input.runbook, input: input) {
            let result = TemplateFiller.fill(template.body, with: values(facts))
            return MessageDraft(
                message: ExportText.safe(result.text), leftForHuman: result.leftForHuman,
                templateTitle: template.title, notes: notes)
        }
        let built = builtIn(facts, format: format == .json ? .text : format)
        return MessageDraft(message: ExportText.safe(built.text), leftForHuman: built.left, templateTitle: nil,
                            notes: notes)
    }

    // MARK: - Template choice

    /// The runbook's status-update template, if it has one.
    ///
    /// A template counts when its title (or, failing that, its section's title) speaks of an update,
    /// status or progress and not of resolution. The first update of an incident still being
    /// investigated prefers an "initial"/"alert" template; later updates prefer the others.
    static func template(in runbook: Runbook?, input: ExportInput) -> RunbookTemplate? {
        guard let runbook else { return nil }
        var candidates: [(template: RunbookTemplate, initial: Bool)] = []
        for section in runbook.sections {
            for template in section.templates {
                let title = ChecklistItem.normalized(template.title)
                let context = title + " " + ChecklistItem.normalized(section.title)
                if isResolution(title) { continue }
                let speaksOfUpdate = ["update", "status", "progress"].contains { title.contains($0) }
                    || (!isResolution(context) && ["update", "status", "progress"].contains { context.contains($0) })
                let initial = ["initial", "alert", "first"].contains { context.contains($0) }
                if speaksOfUpdate || initial { candidates.append((template, initial)) }
            }
        }
        let wantInitial = input.previousUpdate == nil && input.incident.status == .investigating
        return candidates.first(where: { $0.initial == wantInitial })?.template ?? candidates.first?.template
    }

    static func isResolution(_ normalized: String) -> Bool {
        ["resolution", "resolved", "all clear", "closure", "closed"].contains { normalized.contains($0) }
    }

    // MARK: - Values

    static func values(_ facts: IncidentFacts) -> TemplateFiller.Values {
        let input = facts.input
        let incident = input.incident
        let actions = facts.actionsSinceLastUpdate.map { IncidentFacts.describe($0) }
        let actionsText = actions.isEmpty ? nil : summary(actions, limit: 5)
        // Only what responders wrote down: the runbook's generic post-incident steps belong in the
        // post-mortem's action items, not in a message to users.
        let followUps = facts.followUpNotes
        return TemplateFiller.Values(
            now: facts.time.minute(input.now), start: facts.time.minute(incident.startedAt),
            severity: incident.severity, status: incident.status.displayName, title: incident.title,
            incidentID: incident.id, name: incident.commander ?? input.actor, affected: facts.affectedNames,
            impact: facts.impactLine, actions: actionsText, nextUpdate: facts.time.minute(input.nextUpdateTime),
            duration: ExportTime.duration(from: facts.detected, to: facts.end), rootCause: facts.rootCause,
            fix: facts.fix, followUps: followUps.isEmpty ? nil : summary(followUps, limit: 5),
            messageTime: facts.time.minute(input.now))
    }

    /// `a; b; c (and 2 more)`: a list on one line, for template blanks.
    static func summary(_ items: [String], limit: Int, separator: String = "; ") -> String {
        var text = items.prefix(limit).joined(separator: separator)
        if items.count > limit { text += " (and \(items.count - limit) more)" }
        return text
    }

    // MARK: - Built-in layout

    static func builtIn(_ facts: IncidentFacts, format: ExportFormat) -> (text: String, left: [String]) {
        let input = facts.input
        let incident = input.incident
        var left: [String] = []
        var block = TextBlock(format: format)
        block.heading("Status update #\(input.updateNumber): \(incident.title) (\(incident.id))")
        block.field("Time", facts.time.minute(input.now))
        block.field("Severity", incident.severity)
        block.field("Status", incident.status.displayName)
        block.field("Commander", incident.commander ?? "none named")
        block.field("Duration so far", ExportTime.duration(from: facts.detected, to: facts.end)
            + " since detection at \(facts.time.short(facts.detected))")
        if input.live.isCollected {
            // Critical items by kind; warnings only counted, so a degraded check never reads as down.
            for group in facts.criticalByKind {
                block.list(IncidentFacts.groupTitle(group.kind, count: group.items.count),
                           group.items.map { facts.describe($0, inGroup: true) }, empty: "")
            }
            if facts.criticalByKind.isEmpty {
                block.field("Affected", "nothing down now" + (facts.warningsPhrase.map { ", and \($0) (degraded)" } ?? ""))
            } else if let warnings = facts.warningsPhrase {
                block.field("Also", warnings + " (degraded, not down)")
            }
        } else {
            block.field("Affected", input.live.notCollectedReason ?? "live probe data not collected")
        }
        if let impact = facts.impactLine {
            block.field("Impact", impact)
        } else {
            block.field("Impact", "[Impact]")
            left.append("[Impact]")
        }
        let since = input.previousUpdate.map { "Actions since update #\($0.number) at \(facts.time.short($0.time))" }
            ?? "Actions so far"
        block.list(since, facts.actionsSinceLastUpdate.map(facts.line), empty: "none recorded in the timeline")
        var changes = facts.changesSinceLastUpdate.map(facts.line)
        changes += facts.newlyAffected.map { "new: " + facts.describe($0) }
        let changedLabel = input.previousUpdate == nil ? "Changes so far" : "What changed since the last update"
        block.list(changedLabel, changes, empty: "nothing")
        if let rootCause = facts.rootCause { block.field("Suspected cause", rootCause) }
        block.field("Next update", "by \(facts.time.minute(input.nextUpdateTime)) (every \(input.updateIntervalMinutes) min)")
        return (block.text, left)
    }

    // MARK: - JSON

    /// The JSON layout's version (docs/JSON.md); bumped when a key is renamed, changes meaning or goes away.
    public static let schemaVersion = 1

    static func json(_ input: ExportInput, draft: MessageDraft) -> JSONValue {
        let facts = IncidentFacts(input)
        let incident = input.incident
        return .object([
            JSONField("schemaVersion", .int(schemaVersion)),
            JSONField("kind", .string("status-update")),
            JSONField("number", .int(input.updateNumber)),
            JSONField("incidentID", .string(incident.id)),
            JSONField("title", .string(incident.title)),
            JSONField("severity", .string(incident.severity)),
            JSONField("status", .string(incident.status.rawValue)),
            JSONField("commander", .string(incident.commander)),
            JSONField("time", .string(ExportTime.rfc3339(input.now))),
            JSONField("liveProbeData", .string(input.live.isCollected ? "collected" : "not collected")),
            JSONField("affected", input.live.isCollected ? .array(input.live.all.map(affectedJSON)) : .null),
            JSONField("impact", .string(facts.impactLine)),
            JSONField("previousUpdate", input.previousUpdate.map { previous in
                .object([JSONField("number", .int(previous.number)), JSONField("time", .string(ExportTime.rfc3339(previous.time)))])
            } ?? .null),
            JSONField("actions", .array(facts.actionsSinceLastUpdate.map(TimelineExport.eventJSON))),
            JSONField("changes", .array(facts.changesSinceLastUpdate.map(TimelineExport.eventJSON))),
            JSONField("nextUpdate", .string(ExportTime.rfc3339(input.nextUpdateTime))),
            JSONField("template", .string(draft.templateTitle)),
            JSONField("message", .string(draft.message)),
            JSONField("leftForHuman", .array(draft.leftForHuman.map { .string($0) })),
            JSONField("notes", .array(draft.notes.map { .string($0) })),
        ])
    }

    static func affectedJSON(_ item: AffectedItem) -> JSONValue {
        .object([
            JSONField("kind", .string(item.kind)),
            JSONField("name", .string(item.name)),
            JSONField("state", .string(item.state)),
            JSONField("since", item.since.map { .string(ExportTime.rfc3339($0)) } ?? .null),
            JSONField("reason", .string(item.reason)),
            JSONField("severity", .string(item.severity.rawValue)),
            JSONField("host", item.host.map { .string($0) } ?? .null),
        ])
    }
}
