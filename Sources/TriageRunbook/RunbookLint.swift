import Foundation
import TriageCore

/// What `triage runbook lint FILE [--json]` prints: everything the parser understood, and warnings.
///
/// The text report is for a person checking a runbook before an outage; the JSON has the stable,
/// documented keys of docs/RUNBOOKS.md for scripts and CI, and no others.
public enum RunbookLint {
    // MARK: Text

    public static func text(_ runbook: Runbook) -> String {
        var out: [String] = []
        // "Runbook: Payments" is a common title; the report says "Runbook:" once.
        var title = runbook.title
        if title.lowercased().hasPrefix("runbook:") { title = title.dropFirst(8).trimmingCharacters(in: .whitespaces) }
        var header = "Runbook: \(title)"
        if let path = runbook.sourcePath { header += "  (\(path))" }
        out.append(header)
        let commands = runbook.allCommands
        let destructive = commands.count(where: \.destructive)
        out.append(
            "\(count(runbook.taskCount, "task")), \(count(runbook.stepCount, "step")) in "
                + "\(count(runbook.sections.count, "section")); \(count(commands.count, "command"))"
                + (destructive > 0 ? " (\(destructive) destructive)" : "")
                + "; \(count(runbook.allTemplates.count, "template"))")

        let width = String(runbook.sections.map(\.line).max() ?? 1).count
        func lineLabel(_ line: Int) -> String {
            let digits = String(line)
            return String(repeating: " ", count: max(0, width - digits.count)) + digits
        }

        out.append("")
        out.append("Sections")
        if runbook.sections.isEmpty { out.append("  (none)") }
        for section in runbook.sections {
            let indent = String(repeating: "  ", count: max(0, section.level - 1))
            var parts: [String] = []
            let tasks = section.items.count(where: { $0.kind == .task })
            let steps = section.items.count(where: { $0.kind == .step })
            if tasks > 0 { parts.append(count(tasks, "task")) }
            if steps > 0 { parts.append(count(steps, "step")) }
            if !section.commands.isEmpty { parts.append(count(section.commands.count, "command")) }
            if !section.templates.isEmpty { parts.append(count(section.templates.count, "template")) }
            let title = section.level == 0 ? "(before the first heading)" : section.title
            out.append("  \(lineLabel(section.line))  \(indent)\(title)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")))
        }

        out.append("")
        out.append("Commands")
        if commands.isEmpty { out.append("  (none)") }
        for section in runbook.sections {
            for command in section.commands {
                let language = command.language.isEmpty ? "unlabelled" : command.language
                let mark = command.destructive ? "  [\(command.destructiveReason ?? "destructive")]" : ""
                let place = section.level == 0 ? "" : "\(section.title) · "
                let note = command.note.isEmpty ? "" : "  # \(command.note)"
                out.append("  \(lineLabel(command.line))  \(place)\(language): \(command.summary)\(note)\(mark)")
            }
        }

        out.append("")
        out.append("Templates")
        let templates = runbook.allTemplates
        if templates.isEmpty { out.append("  (none)") }
        for template in templates {
            let placeholders = template.placeholders
            let suffix = placeholders.isEmpty ? "" : "  placeholders: " + placeholders.map { "[\($0)]" }.joined(separator: " ")
            out.append("  \(lineLabel(template.line))  \(template.title)\(suffix)")
        }

        out.append("")
        out.append("Severities")
        if runbook.severities.isEmpty { out.append("  (none)") }
        for severity in runbook.severities {
            let target = severity.responseMinutes.map { "respond within \(minutesText($0))" } ?? "no response target"
            let description = severity.description.isEmpty ? "" : " \(severity.description);"
            out.append("  \(lineLabel(severity.line))  \(severity.name):\(description) \(target)")
        }

        out.append("")
        out.append("Phases")
        if runbook.phases.isEmpty { out.append("  (none)") }
        for phase in runbook.phases {
            let window = phase.endMinutes.map { "\(minutesText(phase.startMinutes))–\(minutesText($0))" }
                ?? "after \(minutesText(phase.startMinutes))"
            out.append("  \(lineLabel(phase.line))  \(window): \(phase.title)")
        }

        out.append("")
        out.append("Escalations")
        if runbook.escalations.isEmpty { out.append("  (none)") }
        for escalation in runbook.escalations {
            let level = escalation.level.isEmpty ? "(level not stated)" : escalation.level
            let time = escalation.afterMinutes.map { " after \(minutesText($0))" } ?? ""
            let severity = escalation.severity.map { "[\($0)] " } ?? ""
            let contact = escalation.contact.map { " (\($0))" } ?? ""
            let condition = escalation.condition.isEmpty ? "" : ": \(escalation.condition)"
            out.append("  \(lineLabel(escalation.line))  \(severity)\(level)\(contact)\(time)\(condition)")
        }

        out.append("")
        out.append("Contacts")
        if runbook.contacts.isEmpty { out.append("  (none)") }
        for contact in runbook.contacts {
            out.append("  \(lineLabel(contact.line))  \(contact.role)" + (contact.detail.isEmpty ? "" : ": \(contact.detail)"))
        }

        out.append("")
        if runbook.declaredSeverity != nil || runbook.responseMinutes != nil {
            out.append(
                "Whole runbook: severity " + (runbook.declaredSeverity ?? "not stated") + ", respond within "
                    + (runbook.responseMinutes.map(minutesText) ?? "not stated"))
        }
        out.append(
            "Status updates: "
                + (runbook.statusUpdateMinutes.map { "every \(minutesText($0))" } ?? "not stated (triage uses every 15 min)"))

        out.append("")
        out.append("Warnings (\(runbook.warnings.count))")
        if runbook.warnings.isEmpty { out.append("  (none)") }
        for warning in runbook.warnings {
            let place = warning.line.map { "line \($0): " } ?? ""
            out.append("  \(place)\(warning.message)")
        }
        // A runbook may come from a shared repository: its titles and code are printed to a
        // terminal here, so escape sequences in them are shown (`␛`), never obeyed.
        // One entry a line: a line break inside a value is shown (`␤`), so it cannot forge a line.
        return out.map(OutsideText.inline).joined(separator: "\n") + "\n"
    }

    /// "15 min", "2 h", "1 h 30 min", "3 d".
    static func minutesText(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) min" }
        if minutes % 1440 == 0 { return "\(minutes / 1440) d" }
        if minutes % 60 == 0 { return "\(minutes / 60) h" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    // MARK: JSON

    /// The JSON layout's version (docs/JSON.md); bumped when a key is renamed, changes meaning or goes away.
    public static let schemaVersion = 1

    /// The documented JSON: sorted keys, pretty-printed, `null` for absent values, a trailing newline.
    ///
    /// The shape is spelled out here so that model fields added later never leak into it.
    public static func json(_ runbook: Runbook) -> String {
        let sections = runbook.sections.map { section -> JSONValue in
            .object([
                JSONField("commands", .array(section.commands.map { command in
                    .object([
                        JSONField("code", .string(command.code)),
                        JSONField("destructive", .bool(command.destructive)),
                        JSONField("destructiveReason", .string(command.destructiveReason)),
                        JSONField("language", .string(command.language)),
                        JSONField("line", .int(command.line)),
                    ])
                })),
                JSONField("items", .array(section.items.map { item in
                    .object([
                        JSONField("checked", .bool(item.checked)),
                        JSONField("kind", .string(item.kind.rawValue)),
                        JSONField("line", .int(item.line)),
                        JSONField("text", .string(item.text)),
                    ])
                })),
                JSONField("level", .int(section.level)),
                JSONField("line", .int(section.line)),
                JSONField("templates", .array(section.templates.map { template in
                    .object([
                        JSONField("body", .string(template.body)),
                        JSONField("line", .int(template.line)),
                        JSONField("title", .string(template.title)),
                    ])
                })),
                JSONField("title", .string(section.title)),
            ])
        }
        let report = JSONValue.object([
            JSONField("escalations", .array(runbook.escalations.map { escalation in
                .object([
                    JSONField("afterMinutes", .int(escalation.afterMinutes)),
                    JSONField("condition", .string(escalation.condition)),
                    JSONField("level", .string(escalation.level)),
                ])
            })),
            JSONField("phases", .array(runbook.phases.map { phase in
                .object([
                    JSONField("endMinutes", .int(phase.endMinutes)),
                    JSONField("startMinutes", .int(phase.startMinutes)),
                    JSONField("title", .string(phase.title)),
                ])
            })),
            JSONField("schemaVersion", .int(schemaVersion)),
            JSONField("sections", .array(sections)),
            JSONField("severities", .array(runbook.severities.map { severity in
                .object([
                    JSONField("description", .string(severity.description)),
                    JSONField("name", .string(severity.name)),
                    JSONField("responseMinutes", .int(severity.responseMinutes)),
                ])
            })),
            JSONField("title", .string(runbook.title)),
            JSONField("warnings", .array(runbook.warnings.map { warning in
                .object([
                    JSONField("kind", .string(warning.kind.rawValue)),
                    JSONField("line", .int(warning.line)),
                    JSONField("message", .string(warning.message)),
                ])
            })),
        ])
        return JSONWriter.document(report)
    }
}
