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
    ///   - incident: the incident on the wall; nil shows "No open incident" with the service tiles.
    ///   - events: the timeline, newest first: the first five are shown, and all of them drive the
    ///     status-update clock (pass what the session holds, e.g. its last 200).
    ///   - services: one tile per configured service, in the order the dashboard lists them.
    ///   - lastChange: when the database last changed (from the change watcher), for "updated 12s ago".
    ///   - notice: the bottom line (e.g. "read-only" after a key); defaults to the runbook warning.
    public static func build(
        incident: Incident?, runbook: Runbook, runbookWarning: String? = nil, ticks: [String: ChecklistTick],
        events: [TimelineEvent], services: [WallModel.ServiceTile], now: Date, lastChange: Date?,
        timeZone: TimeZone, readOnly: Bool = true, notice: String? = nil
    ) -> WallModel {
        let age = lastChange.map { DurationText.age(.milliseconds(Int64(max(0, now.timeIntervalSince($0)) * 1000))) }
        guard let incident else {
            return WallModel(
                title: "No open incident", incidentID: nil, severity: "--", severityState: .ok, status: "All clear",
                statusState: .ok, elapsed: "--", services: services, readOnly: readOnly, lastChange: age, notice: notice)
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
            nextDue: due?.text, nextDueState: due?.state ?? .ok, services: services, sections: sections,
            events: Array(wallEvents), readOnly: readOnly, lastChange: age, notice: notice ?? runbookWarning.map(clean))
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
