import Foundation
import TriageCore

/// What `triage incident list` and `triage incident show` print, as text for people and JSON for
/// scripts.
///
/// Pure: the caller reads the store and the runbook and passes `now` and the time zone, so the
/// output is testable to the byte. Text from the database (titles, notes, command output) passes
/// `TerminalSanitizer.clean` before it reaches a terminal; JSON carries it as stored.
public enum IncidentReport {
    // MARK: List

    /// One line per incident under a header: id, severity, status, title, started, elapsed/resolved.
    public static func listText(_ incidents: [Incident], now: Date, timeZone: TimeZone) -> String {
        guard !incidents.isEmpty else { return "No incidents.\n" }
        let header = ["ID", "SEV", "STATUS", "TITLE", "STARTED (\(zoneLabel(timeZone, at: now)))", "ELAPSED"]
        let rows = incidents.map { incident -> [String] in
            [
                incident.id, clean(incident.severity), incident.status.displayName, clean(incident.title),
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

    /// A JSON array of incidents, newest first, with RFC 3339 UTC times and `null` for absent fields.
    public static func listJSON(_ incidents: [Incident]) -> String {
        encode(incidents.map(IncidentJSON.init))
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
        let report = ShowJSON(
            incident: IncidentJSON(incident),
            runbook: .init(title: runbook.title, path: incident.runbookPath, warning: runbookWarning),
            checklist: sections.map {
                .init(section: $0.title, level: $0.level, done: $0.done, total: $0.total, overdue: $0.overdue)
            },
            events: events.map {
                .init(
                    time: IncidentTimeText.rfc3339($0.time), actor: $0.actor, kind: $0.kind.rawValue, text: $0.text,
                    automatic: $0.automatic)
            },
            elapsed: elapsedText(incident, now: now),
            nextDue: NextDue.compute(incident: incident, runbook: runbook, events: allEvents, now: now)?.text)
        return encode(report)
    }

    // MARK: JSON shapes

    struct IncidentJSON: Encodable {
        var id: String
        var title: String
        var severity: String
        var status: String
        var commander: String?
        var runbookPath: String?
        var runbookHash: String?
        var startedAt: String
        var detectedAt: String?
        var acknowledgedAt: String?
        var mitigatedAt: String?
        var resolvedAt: String?

        init(_ incident: Incident) {
            id = incident.id
            title = incident.title
            severity = incident.severity
            status = incident.status.rawValue
            commander = incident.commander
            runbookPath = incident.runbookPath
            runbookHash = incident.runbookHash
            startedAt = IncidentTimeText.rfc3339(incident.startedAt)
            detectedAt = incident.detectedAt.map(IncidentTimeText.rfc3339)
            acknowledgedAt = incident.acknowledgedAt.map(IncidentTimeText.rfc3339)
            mitigatedAt = incident.mitigatedAt.map(IncidentTimeText.rfc3339)
            resolvedAt = incident.resolvedAt.map(IncidentTimeText.rfc3339)
        }

        enum CodingKeys: String, CodingKey {
            case id, title, severity, status, commander, runbookPath, runbookHash, startedAt, detectedAt,
                acknowledgedAt, mitigatedAt, resolvedAt
        }

        /// `null` for absent values rather than a missing key, so the shape never changes.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(severity, forKey: .severity)
            try c.encode(status, forKey: .status)
            try c.encode(commander, forKey: .commander)
            try c.encode(runbookPath, forKey: .runbookPath)
            try c.encode(runbookHash, forKey: .runbookHash)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(detectedAt, forKey: .detectedAt)
            try c.encode(acknowledgedAt, forKey: .acknowledgedAt)
            try c.encode(mitigatedAt, forKey: .mitigatedAt)
            try c.encode(resolvedAt, forKey: .resolvedAt)
        }
    }

    struct ShowJSON: Encodable {
        struct RunbookInfo: Encodable {
            var title: String
            var path: String?
            var warning: String?
            enum CodingKeys: String, CodingKey { case title, path, warning }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(title, forKey: .title)
                try c.encode(path, forKey: .path)
                try c.encode(warning, forKey: .warning)
            }
        }
        struct Section: Encodable {
            var section: String
            var level: Int
            var done: Int
            var total: Int
            var overdue: Bool
        }
        struct Event: Encodable {
            var time: String
            var actor: String
            var kind: String
            var text: String
            var automatic: Bool
        }
        var incident: IncidentJSON
        var runbook: RunbookInfo
        var checklist: [Section]
        var events: [Event]
        var elapsed: String
        var nextDue: String?

        enum CodingKeys: String, CodingKey { case incident, runbook, checklist, events, elapsed, nextDue }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(incident, forKey: .incident)
            try c.encode(runbook, forKey: .runbook)
            try c.encode(checklist, forKey: .checklist)
            try c.encode(events, forKey: .events)
            try c.encode(elapsed, forKey: .elapsed)
            try c.encode(nextDue, forKey: .nextDue)
        }
    }

    // MARK: Support

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

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
