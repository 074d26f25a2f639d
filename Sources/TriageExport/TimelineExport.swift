import Foundation
import TriageCore

/// Every timeline event of an incident, oldest first, as Markdown, text or JSON.
///
/// The JSON is `{schemaVersion, incidentID, events}`, `events` an array of `{time, actor, kind,
/// text}`: `time` in RFC 3339 UTC to the second (`2026-11-23T19:42:03Z`), `kind` one of
/// `TimelineKind`'s raw values. Nothing else, so scripts can rely on the shape; the other formats
/// add local time for people.
public enum TimelineExport {
    /// The JSON layout's version (docs/JSON.md); 1 replaced the bare array of events.
    public static let schemaVersion = 1

    public static func render(_ input: ExportInput, format: ExportFormat) -> String {
        switch format {
        case .json:
            return JSONValue.object([
                JSONField("schemaVersion", .int(schemaVersion)),
                JSONField("incidentID", .string(input.incident.id)),
                JSONField("events", .array(input.events.map(eventJSON))),
            ]).rendered()
        case .text: return ExportText.safe(text(input))
        case .markdown: return ExportText.safe(markdown(input))
        }
    }

    static func eventJSON(_ event: TimelineEvent) -> JSONValue {
        .object([
            JSONField("time", .string(ExportTime.rfc3339(event.time))),
            JSONField("actor", .string(event.actor)),
            JSONField("kind", .string(event.kind.rawValue)),
            JSONField("text", .string(event.text)),
        ])
    }

    static func text(_ input: ExportInput) -> String {
        let time = ExportTime(timeZone: input.timeZone)
        var lines = ["Timeline of \(input.incident.id): \(input.incident.title)"]
        if input.events.contains(where: { time.showsLocal(at: $0.time) }) {
            lines.append("Times in UTC; local time (\(input.timeZone.identifier)) in brackets.")
        }
        lines.append("")
        for event in input.events {
            var stamp = time.utcDateTime(event.time) + "Z"
            if time.showsLocal(at: event.time) { stamp += " [\(time.localTime(event.time))]" }
            let body = event.text.split(separator: "\n", omittingEmptySubsequences: false)
            let kind = event.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append("\(stamp)  \(kind) \(event.actor): \(body.first.map(String.init) ?? "")")
            for more in body.dropFirst() { lines.append("    \(more)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ input: ExportInput) -> String {
        "# Timeline: \(input.incident.title) (\(input.incident.id))\n\n" + table(input.events, input: input)
    }

    /// A Markdown table of events with UTC and local times; used by the post-mortem too.
    static func table(_ events: [TimelineEvent], input: ExportInput) -> String {
        let time = ExportTime(timeZone: input.timeZone)
        let local = events.contains(where: { time.showsLocal(at: $0.time) })
        var lines: [String] = []
        if local {
            lines.append("| Time (UTC) | Local (\(input.timeZone.identifier)) | Who | Kind | What |")
            lines.append("|---|---|---|---|---|")
        } else {
            lines.append("| Time (UTC) | Who | Kind | What |")
            lines.append("|---|---|---|---|")
        }
        for event in events {
            var cells = [time.utcDateTime(event.time)]
            if local { cells.append(time.localTime(event.time)) }
            cells += [cell(event.actor), event.kind.rawValue, cell(event.text)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table-safe text: pipes escaped, line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
