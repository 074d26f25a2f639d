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
        var header = "Runbook: \(runbook.title)"
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
                out.append("  \(lineLabel(command.line))  \(place)\(language): \(command.summary)\(mark)")
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
            out.append("  \(lineLabel(escalation.line))  \(level)\(time): \(escalation.condition)")
        }

        out.append("")
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
        return out.map { TerminalSanitizer.clean($0, newline: "\n") }.joined(separator: "\n") + "\n"
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

    /// The documented JSON: sorted keys, pretty-printed, `null` for absent values, a trailing newline.
    public static func json(_ runbook: Runbook) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Report(runbook)) else { return "{}\n" }
        return escapingTerminalControls(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// JSONEncoder escapes C0 controls but writes DEL, C1 and bidi controls raw; those can only be
    /// inside strings, where `\uXXXX` means the same, so they are escaped and cannot act on a terminal.
    static func escapingTerminalControls(_ json: String) -> String {
        func active(_ v: UInt32) -> Bool {
            v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C
        }
        guard json.unicodeScalars.contains(where: { active($0.value) }) else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            if active(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The JSON shape, spelled out so that model fields added later never leak into it.
    struct Report: Encodable {
        struct Item: Encodable {
            var text: String
            var checked: Bool
            var line: Int
            var kind: String
        }
        struct Command: Encodable {
            var language: String
            var code: String
            var line: Int
            var destructive: Bool
            var destructiveReason: String?
            enum CodingKeys: String, CodingKey { case language, code, line, destructive, destructiveReason }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(language, forKey: .language)
                try container.encode(code, forKey: .code)
                try container.encode(line, forKey: .line)
                try container.encode(destructive, forKey: .destructive)
                try container.encode(destructiveReason, forKey: .destructiveReason)
            }
        }
        struct Template: Encodable {
            var title: String
            var body: String
            var line: Int
        }
        struct Section: Encodable {
            var title: String
            var level: Int
            var line: Int
            var items: [Item]
            var commands: [Command]
            var templates: [Template]
        }
        struct Severity: Encodable {
            var name: String
            var description: String
            var responseMinutes: Int?
            enum CodingKeys: String, CodingKey { case name, description, responseMinutes }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(description, forKey: .description)
                try container.encode(responseMinutes, forKey: .responseMinutes)
            }
        }
        struct Phase: Encodable {
            var title: String
            var startMinutes: Int
            var endMinutes: Int?
            enum CodingKeys: String, CodingKey { case title, startMinutes, endMinutes }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(title, forKey: .title)
                try container.encode(startMinutes, forKey: .startMinutes)
                try container.encode(endMinutes, forKey: .endMinutes)
            }
        }
        struct Escalation: Encodable {
            var level: String
            var afterMinutes: Int?
            var condition: String
            enum CodingKeys: String, CodingKey { case level, afterMinutes, condition }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(level, forKey: .level)
                try container.encode(afterMinutes, forKey: .afterMinutes)
                try container.encode(condition, forKey: .condition)
            }
        }

        var title: String
        var sections: [Section]
        var severities: [Severity]
        var phases: [Phase]
        var escalations: [Escalation]
        var warnings: [RunbookWarning]

        init(_ runbook: Runbook) {
            title = runbook.title
            sections = runbook.sections.map { section in
                Section(
                    title: section.title, level: section.level, line: section.line,
                    items: section.items.map { Item(text: $0.text, checked: $0.checked, line: $0.line, kind: $0.kind.rawValue) },
                    commands: section.commands.map {
                        Command(language: $0.language, code: $0.code, line: $0.line, destructive: $0.destructive,
                                destructiveReason: $0.destructiveReason)
                    },
                    templates: section.templates.map { Template(title: $0.title, body: $0.body, line: $0.line) })
            }
            severities = runbook.severities.map {
                Severity(name: $0.name, description: $0.description, responseMinutes: $0.responseMinutes)
            }
            phases = runbook.phases.map { Phase(title: $0.title, startMinutes: $0.startMinutes, endMinutes: $0.endMinutes) }
            escalations = runbook.escalations.map {
                Escalation(level: $0.level, afterMinutes: $0.afterMinutes, condition: $0.condition)
            }
            warnings = runbook.warnings
        }
    }
}
