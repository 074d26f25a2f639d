import Foundation
import TriageCore
import TriageUI

/// Builds the wall display's model from what the store and the probes know right now.
///
/// The wall loop reads the incident, its ticks and its last five events (read-only store), loads the
/// runbook once with `IncidentRunbookLoader.load(incident:)`, and calls this on every change or
/// clock second; `WallRenderer.render` then draws the result.
public enum WallModelBuilder {
    /// - Parameters:
    ///   - incident: the incident on the wall; nil leaves the outage board on its own.
    ///   - events: the timeline, newest first: the first five are shown, and all of them drive the
    ///     status-update clock (pass what the session holds, e.g. its last 200).
    ///   - outages: every entity the probes judged (see ``OutageEntities``).
    ///   - lastChange: when the database last changed (from the change watcher), for "updated 12s ago".
    ///   - notice: the bottom line (e.g. "read-only" after a key); defaults to the runbook warning.
    ///   - suggestion: the severity the outage suggests (``SuggestedSeverity``), shown beside the declared one.
    public static func build(
        incident: Incident?, runbook: Runbook, runbookWarning: String? = nil, ticks: [String: ChecklistTick],
        events: [TimelineEvent], outages: OutageEntities, now: Date, lastChange: Date?,
        timeZone: TimeZone?, readOnly: Bool = true, notice: String? = nil, suggestion: SeveritySuggestion? = nil
    ) -> WallModel {
        let board = board(outages, now: now)
        let okCount = outages.all.count { $0.state == .ok }
        let age = lastChange.map { DurationText.age(.milliseconds(Int64(max(0, now.timeIntervalSince($0)) * 1000))) }
        guard let incident else {
            return WallModel(
                title: "No open incident", incidentID: nil, severity: "--", severityState: .ok, status: "--",
                statusState: .ok, elapsed: "--", outages: board, okCount: okCount, allClear: outages.allClear, readOnly: readOnly, lastChange: age, notice: notice)
        }
        let due = NextDue.compute(incident: incident, runbook: runbook, events: events, now: now)
        let sections = ChecklistProgress.sections(runbook: runbook, ticks: ticks, incident: incident, now: now).map {
            WallModel.SectionProgress(title: clean($0.title), done: $0.done, total: $0.total, overdue: $0.overdue)
        }
        let wallEvents = events.prefix(WallModel.eventCount).map { event in
            WallModel.Event(
                time: IncidentTimeText.timeOfDay(event.time, timeZone: timeZone), actor: clean(event.actor),
                text: eventText(event), automatic: event.automatic)
        }
        return WallModel(
            title: clean(incident.title), incidentID: incident.id, severity: clean(incident.severity),
            severityState: severityState(incident.severity), status: incident.status.displayName,
            statusState: statusState(incident.status), elapsed: IncidentReport.elapsedText(incident, now: now),
            nextDue: due?.text, nextDueState: due?.state ?? .ok, outages: board, okCount: okCount,
            allClear: outages.allClear, sections: sections,
            events: Array(wallEvents), readOnly: readOnly, lastChange: age, notice: notice ?? runbookWarning.map(clean),
            suggestion: suggestion.map { clean($0.text) })
    }

    /// The entities that are not ok, in their order, worded for the board: "▸ 12s" for a change
    /// within ``ContainerInfo/recentChangeWindow``, else its age.
    static func board(_ outages: OutageEntities, now: Date) -> [WallModel.Outage] {
        outages.failing.map { entity in
            let age = entity.since.map { max(0, now.timeIntervalSince($0)) }
            return WallModel.Outage(
                state: entity.state, kind: entity.kind.rawValue, name: clean(entity.name), reason: clean(entity.reason ?? entity.state.label),
                since: age.map { DurationText.age(.milliseconds(Int64($0 * 1000))) },
                recent: age.map { $0 < ContainerInfo.recentChangeWindow } ?? false)
        }
    }

    /// The colour of a severity name across the common schemes: P0/P1, SEV0/SEV1, Critical, Major
    /// and Emergency are red; P2, SEV2 and High amber; lower levels green; anything else amber.
    public static func severityState(_ severity: String) -> HealthState {
        let word = severity.lowercased().filter { $0.isLetter }
        let digits = severity.filter(\.isNumber)
        if ["critical", "crit", "emergency", "major", "blocker"].contains(word) { return .crit }
        if word == "high" { return .warn }
        if ["medium", "moderate", "low", "minor", "info", "informational"].contains(word) { return .ok }
        if ["p", "sev", "s"].contains(word), let level = Int(digits) {
            return level <= 1 ? .crit : level == 2 ? .warn : .ok
        }
        return .warn
    }

    /// Red until the cause is known, amber while it is being fixed, green once the fix is in.
    public static func statusState(_ status: IncidentStatus) -> HealthState {
        switch status {
        case .investigating: .crit
        case .identified, .mitigating: .warn
        case .monitoring, .resolved: .ok
        }
    }

    /// The first line of an event, with the kind where the text alone would not say it.
    static func eventText(_ event: TimelineEvent) -> String {
        let first = clean(event.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
        switch event.kind {
        case .tick: return "ticked: \(first)"
        case .untick: return "unticked: \(first)"
        case .note: return "note: \(first)"
        case .command: return "ran: \(first)"
        default: return first
        }
    }

    static func clean(_ text: String) -> String { TerminalSanitizer.clean(text, newline: " ") }
}
