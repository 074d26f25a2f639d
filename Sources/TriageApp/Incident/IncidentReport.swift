import Foundation
import TriageCore

/// What `triage incident list` and `triage incident show` print, as text for people and JSON for
/// scripts.
///
/// Pure: the caller reads the store and the runbook and passes `now` and the time zone, so the
/// output is testable to the byte. Text from the database (titles, notes, command output) passes
/// `TerminalSanitizer.clean` before it reaches a terminal; JSON carries it as stored, controls
/// escaped by `JSONWriter`.
public enum IncidentReport {
    // MARK: List

    /// One line per incident under a header: id, severity, status, title, started, elapsed/resolved.
    /// - Parameter drills: the incidents that are drills (`IncidentStore.drills()`), titled "DRILL: …".
    public static func listText(_ incidents: [Incident], now: Date, timeZone: TimeZone, drills: Set<String> = []) -> String {
        guard !incidents.isEmpty else { return "No incidents.\n" }
        let header = ["ID", "SEV", "STATUS", "TITLE", "STARTED (\(zoneLabel(timeZone, at: now)))", "ELAPSED"]
        let rows = incidents.map { incident -> [String] in
            [
                incident.id, clean(incident.severity), incident.status.displayName,
                clean(drills.contains(incident.id) ? DrillTitle.shown(incident.title) : incident.title),
                IncidentTimeText.minute(incident.startedAt, timeZone: timeZone), elapsedText(incident, now: now),
            ]
        }
        return columns([header] + rows, maximumWidths: [nil, 8, nil, 48, nil, nil])
    }

    /// "12:03" while open; "resolved after 1:02:03" once resolved.
    public static func elapsedText(_ incident: Incident, now: Date) -> String {
        if let resolved = incident.resolvedAt, !incident.isOpen {
            return "resolved after " + DurationText.clock(duration(from: incident.startedAt, to: resolved))
        }
        return DurationText.clock(duration(from: incident.startedAt, to: now))
    }

    /// The JSON layouts' version (docs/JSON.md), of `list` and `show` alike; 1 replaced `list`'s
    /// bare array with `{incidents, schemaVersion}`.
    public static let schemaVersion = 1

    /// `{incidents, schemaVersion}`: the incidents newest first, with RFC 3339 UTC times and `null`
    /// for absent fields.
    public static func listJSON(_ incidents: [Incident]) -> String {
        JSONWriter.document(.object([
            JSONField("incidents", .array(incidents.map(incidentJSON))),
            JSONField("schemaVersion", .int(schemaVersion)),
        ]))
    }

    // MARK: Show

    /// How many timeline events `incident show` prints.
    public static let showEventLimit = 20

    /// Everything `incident show ID` prints: fields, checklist progress by section, recent timeline.
    ///
    /// - Parameters:
    ///   - events: the whole timeline, newest first (the timers need it); the first
    ///     `showEventLimit` are printed.
    ///   - runbookWarning: from `IncidentRunbookLoader.load(incident:)`, printed under the fields.
    public static func showText(
        incident: Incident, runbook: Runbook, runbookWarning: String?, ticks: [String: ChecklistTick],
        events allEvents: [TimelineEvent], now: Date, timeZone: TimeZone
    ) -> String {
        let events = Array(allEvents.prefix(showEventLimit))
        var out: [String] = []
        out.append("\(incident.id)  \(clean(incident.title))")
        var fields: [(String, String)] = [
            ("Severity", clean(incident.severity)),
            ("Status", incident.status.displayName),
            ("Commander", incident.commander.map(clean) ?? "(none)"),
            ("Runbook", "\(clean(runbook.title)) (\(clean(incident.runbookPath ?? "built-in")))"),
            ("Started", IncidentTimeText.utcAndLocal(incident.startedAt, timeZone: timeZone)),
        ]
        let milestones: [(String, Date?)] = [
            ("Detected", incident.detectedAt), ("Acknowledged", incident.acknowledgedAt),
            ("Mitigated", incident.mitigatedAt), ("Resolved", incident.resolvedAt),
        ]
        for (label, date) in milestones {
            fields.append((label, date.map { IncidentTimeText.utcAndLocal($0, timeZone: timeZone) } ?? "-"))
        }
        fields.append(("Elapsed", elapsedText(incident, now: now)))
        if let due = NextDue.compute(incident: incident, runbook: runbook, events: allEvents, now: now) {
            fields.append(("Next due", due.text))
        }
        let labelWidth = fields.map { $0.0.count }.max() ?? 0
        for (label, value) in fields {
            out.append("  " + DisplayWidth.pad(label + ":", to: labelWidth + 1) + " " + value)
        }
        if let runbookWarning { out.append("  warning: \(clean(runbookWarning))") }

        let sections = ChecklistProgress.sections(runbook: runbook, ticks: ticks, incident: incident, now: now)
        let totals = ChecklistProgress.totals(sections)
        out.append("")
        out.append("Checklist \(totals.done)/\(totals.total)")
        if sections.isEmpty { out.append("  (the runbook has no checklist)") }
        let titleWidth = min(48, sections.map { DisplayWidth.of(clean($0.title)) + 2 * max(0, $0.level - 2) }.max() ?? 0)
        for section in sections {
            let indent = String(repeating: "  ", count: max(0, section.level - 2))
            let title = DisplayWidth.pad(DisplayWidth.truncate(indent + clean(section.title), to: titleWidth), to: titleWidth)
            let figure = "\(section.done)/\(section.total)"
            let mark = section.overdue ? "  OVERDUE" : (section.isComplete ? "  done" : "")
            out.append("  \(title)  \(DisplayWidth.pad(figure, to: 5, align: .right))\(mark)")
        }

        out.append("")
        out.append("Timeline (last \(events.count), newest first, \(zoneLabel(timeZone, at: now)))")
        if events.isEmpty { out.append("  (empty)") }
        for event in events {
            let time = IncidentTimeText.minute(event.time, timeZone: timeZone)
                + ":" + String(IncidentTimeText.timeOfDay(event.time, timeZone: timeZone).suffix(2))
            let auto = event.automatic ? " (auto)" : ""
            let firstLine = clean(event.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
            out.append("  \(time)  \(DisplayWidth.pad(event.kind.rawValue, to: IncidentPaneBuilder.kindWidth)) \(clean(event.actor))\(auto): \(firstLine)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The same as `showText`, for scripts: `incident`, `runbook` {title, path, warning},
    /// `checklist` [{section, level, done, total, overdue}], `events` newest first (the last 20).
    public static func showJSON(
        incident: Incident, runbook: Runbook, runbookWarning: String?, ticks: [String: ChecklistTick],
        events allEvents: [TimelineEvent], now: Date
    ) -> String {
        let events = Array(allEvents.prefix(showEventLimit))
        let sections = ChecklistProgress.sections(runbook: runbook, ticks: ticks, incident: incident, now: now)
        // Keys sorted, as they always were.
        let report = JSONValue.object([
            JSONField("checklist", .array(sections.map { section in
                .object([
                    JSONField("done", .int(section.done)),
                    JSONField("level", .int(section.level)),
                    JSONField("overdue", .bool(section.overdue)),
                    JSONField("section", .string(section.title)),
                    JSONField("total", .int(section.total)),
                ])
            })),
            JSONField("elapsed", .string(elapsedText(incident, now: now))),
            JSONField("events", .array(events.map { event in
                .object([
                    JSONField("actor", .string(event.actor)),
                    JSONField("automatic", .bool(event.automatic)),
                    JSONField("kind", .string(event.kind.rawValue)),
                    JSONField("text", .string(event.text)),
                    JSONField("time", .string(IncidentTimeText.rfc3339(event.time))),
                ])
            })),
            JSONField("incident", incidentJSON(incident)),
            JSONField("nextDue", .string(NextDue.compute(incident: incident, runbook: runbook, events: allEvents, now: now)?.text)),
            JSONField("runbook", .object([
                JSONField("path", .string(incident.runbookPath)),
                JSONField("title", .string(runbook.title)),
                JSONField("warning", .string(runbookWarning)),
            ])),
            JSONField("schemaVersion", .int(schemaVersion)),
        ])
        return JSONWriter.document(report)
    }

    // MARK: JSON shapes

    /// One incident, keys sorted; `null` for absent values rather than a missing key, so the shape
    /// never changes.
    static func incidentJSON(_ incident: Incident) -> JSONValue {
        .object([
            JSONField("acknowledgedAt", .string(incident.acknowledgedAt.map(IncidentTimeText.rfc3339))),
            JSONField("commander", .string(incident.commander)),
            JSONField("detectedAt", .string(incident.detectedAt.map(IncidentTimeText.rfc3339))),
            JSONField("id", .string(incident.id)),
            JSONField("mitigatedAt", .string(incident.mitigatedAt.map(IncidentTimeText.rfc3339))),
            JSONField("resolvedAt", .string(incident.resolvedAt.map(IncidentTimeText.rfc3339))),
            JSONField("runbookHash", .string(incident.runbookHash)),
            JSONField("runbookPath", .string(incident.runbookPath)),
            JSONField("severity", .string(incident.severity)),
            JSONField("startedAt", .string(IncidentTimeText.rfc3339(incident.startedAt))),
            JSONField("status", .string(incident.status.rawValue)),
            JSONField("title", .string(incident.title)),
        ])
    }

    // MARK: Support

    static func clean(_ text: String) -> String { TerminalSanitizer.clean(text, newline: " ") }

    static func duration(from start: Date, to end: Date) -> Duration {
        .milliseconds(Int64((end.timeIntervalSince(start) * 1000).rounded(.down)))
    }

    static func zoneLabel(_ timeZone: TimeZone, at date: Date) -> String {
        timeZone.secondsFromGMT(for: date) == 0 ? "UTC" : (timeZone.abbreviation(for: date) ?? timeZone.identifier)
    }

    /// Left-aligned columns two spaces apart, cells truncated to a maximum width where given.
    static func columns(_ rows: [[String]], maximumWidths: [Int?]) -> String {
        let count = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: count)
        let fitted = rows.map { row in
            row.enumerated().map { index, cell in
                if index < maximumWidths.count, let maximum = maximumWidths[index] {
                    return DisplayWidth.truncate(cell, to: maximum)
                }
                return cell
            }
        }
        for row in fitted {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        return fitted.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += index == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[index]) + "  "
            }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
