import Foundation
import TriageCore

/// The notice that an incident is over: how long it lasted, why it happened, what fixed it, what
/// is still to do.
///
/// Root cause and fix come from timeline notes beginning `root cause:` and `fix:` (any case; the
/// latest wins). What is missing is left bracketed and listed, never invented.
public enum ResolutionNotice {
    public static func render(_ input: ExportInput, format: ExportFormat) -> String {
        let draft = draft(input, format: format)
        switch format {
        case .markdown, .text: return ExportText.safe(draft.rendered(format: format))
        case .json: return json(input, draft: draft).rendered()
        }
    }

    /// The notice alone, with what triage left for the human listed apart.
    public static func draft(_ input: ExportInput, format: ExportFormat) -> MessageDraft {
        let facts = IncidentFacts(input)
        var notes: [String] = []
        if input.incident.status != .resolved {
            notes.append("the incident is not resolved yet (status \(input.incident.status.displayName)); durations run to now")
        }
        if let reason = input.live.notCollectedReason, !input.live.isCollected { notes.append(reason) }
        if let template = template(in: input.runbook) {
            var values = StatusUpdate.values(facts)
            values.messageTime = facts.time.minute(facts.end)
            values.actions = nil
            let result = TemplateFiller.fill(template.body, with: values)
            return MessageDraft(
                message: ExportText.safe(result.text), leftForHuman: result.leftForHuman,
                templateTitle: template.title, notes: notes)
        }
        let built = builtIn(facts, format: format == .json ? .text : format)
        return MessageDraft(message: ExportText.safe(built.text), leftForHuman: built.left, templateTitle: nil,
                            notes: notes)
    }

    /// The runbook's resolution template: the first whose title (or section) speaks of resolution.
    static func template(in runbook: Runbook?) -> RunbookTemplate? {
        guard let runbook else { return nil }
        for section in runbook.sections {
            for template in section.templates where StatusUpdate.isResolution(ChecklistItem.normalized(template.title)) {
                return template
            }
        }
        for section in runbook.sections where StatusUpdate.isResolution(ChecklistItem.normalized(section.title)) {
            // A section about resolution whose template is not an update ("During Resolution" holds updates).
            if let template = section.templates.first(where: {
                !ChecklistItem.normalized($0.title).contains("update")
            }) {
                return template
            }
        }
        return nil
    }

    static func builtIn(_ facts: IncidentFacts, format: ExportFormat) -> (text: String, left: [String]) {
        let input = facts.input
        let incident = input.incident
        var left: [String] = []
        var block = TextBlock(format: format)
        let resolved = incident.status == .resolved
        block.heading((resolved ? "Resolved: " : "Not resolved yet: ") + "\(incident.title) (\(incident.id))")
        block.field("Severity", incident.severity)
        if let resolvedAt = incident.resolvedAt {
            block.field("Resolved at", facts.time.minute(resolvedAt))
        } else {
            block.field("Status", incident.status.displayName)
        }
        var duration = ExportTime.duration(from: facts.detected, to: facts.end)
            + " from detection at \(facts.time.short(facts.detected)) to "
            + (resolved ? "resolution at \(facts.time.short(facts.end))" : "now")
        if let mitigated = incident.mitigatedAt {
            duration += "; impact mitigated after \(ExportTime.duration(from: facts.detected, to: mitigated))"
        }
        block.field("Duration", duration)
        if input.live.isCollected {
            block.list("Still affected", input.live.all.map { facts.describe($0) }, empty: "nothing failing now")
        }
        func fieldOrLeft(_ label: String, _ value: String?, hint: String) {
            if let value {
                block.field(label, value)
            } else {
                block.field(label, "[\(label)] (\(hint))")
                left.append("[\(label)]")
            }
        }
        fieldOrLeft("Impact", facts.impactNote, hint: "add a note beginning `impact:`")
        fieldOrLeft("Root cause", facts.rootCause, hint: "add a note beginning `root cause:`")
        fieldOrLeft("Fix", facts.fix, hint: "add a note beginning `fix:`")
        var followUps = facts.followUpNotes
            + facts.failedCommands.map { "look into the failed command \"\(CommandOutcome.summary(of: $0.event.text))\" (\($0.failure))" }
        let openItems = facts.openFollowUpItems.count
        if openItems > 0 {
            followUps.append("\(openItems) post-incident item\(openItems == 1 ? "" : "s") of the runbook not ticked yet "
                + "(listed in the post-mortem draft)")
        }
        block.list("Follow-ups", followUps, empty: "none recorded", limit: 10)
        return (block.text, left)
    }

    /// The JSON layout's version (docs/JSON.md); bumped when a key is renamed, changes meaning or goes away.
    public static let schemaVersion = 1

    static func json(_ input: ExportInput, draft: MessageDraft) -> JSONValue {
        let facts = IncidentFacts(input)
        let incident = input.incident
        return .object([
            JSONField("schemaVersion", .int(schemaVersion)),
            JSONField("kind", .string("resolution-notice")),
            JSONField("incidentID", .string(incident.id)),
            JSONField("title", .string(incident.title)),
            JSONField("severity", .string(incident.severity)),
            JSONField("status", .string(incident.status.rawValue)),
            JSONField("detectedAt", .string(ExportTime.rfc3339(facts.detected))),
            JSONField("mitigatedAt", incident.mitigatedAt.map { .string(ExportTime.rfc3339($0)) } ?? .null),
            JSONField("resolvedAt", incident.resolvedAt.map { .string(ExportTime.rfc3339($0)) } ?? .null),
            JSONField("durationSeconds", .int(Int(facts.end.timeIntervalSince(facts.detected).rounded(.down)))),
            JSONField("impact", .string(facts.impactNote)),
            JSONField("rootCause", .string(facts.rootCause)),
            JSONField("fix", .string(facts.fix)),
            JSONField("followUps", .array(facts.followUpNotes.map { .string($0) })),
            JSONField("openPostIncidentItems", .array(facts.openFollowUpItems.map { .string($0.text) })),
            JSONField("template", .string(draft.templateTitle)),
            JSONField("message", .string(draft.message)),
            JSONField("leftForHuman", .array(draft.leftForHuman.map { .string($0) })),
            JSONField("notes", .array(draft.notes.map { .string($0) })),
        ])
    }
}
