import Foundation
import TriageCore

/// What one notifier run is told: the text on its stdin and the fields in its environment.
///
/// Built from what is saved (a committed action and the incident as stored) or, for a status
/// update, from the text that was sent. Every value passes the secret redactor first: a token pasted
/// into a title must not leave for a chat room.
public struct NotifierMessage: Sendable, Equatable {
    public var event: NotifierEvent
    public var incidentID: String
    public var title: String
    public var severity: String
    public var status: IncidentStatus
    public var actor: String
    /// A practice incident (a drill). `triage drill` gives its session no notifier (a drill tells
    /// no one), so it is false everywhere today; `$TRIAGE_DRILL` is there so receivers can tell
    /// practice from real should a drill ever notify.
    public var drill: Bool
    /// When it happened (the action's time, not the run's).
    public var time: Date
    /// The stdin text: the status update itself, or one line saying what happened.
    public var text: String

    public init(event: NotifierEvent, incident: Incident, actor: String, time: Date, text: String, drill: Bool = false) {
        self.event = event
        incidentID = incident.id
        title = SecretRedactor.redact(incident.title)
        severity = SecretRedactor.redact(incident.severity)
        status = incident.status
        self.actor = SecretRedactor.redact(actor)
        self.drill = drill
        self.time = time
        self.text = SecretRedactor.redact(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// The notification a committed action calls for, or nil: a declaration, a severity change, a
    /// status set to Resolved. `incident` is the incident as stored after the action.
    public static func committed(_ action: IncidentAction, incident: Incident) -> NotifierMessage? {
        switch action {
        case .declare(_, _, _, _, let actor, let at):
            return NotifierMessage(event: .declare, incident: incident, actor: actor, time: at,
                                   text: "Declared \(incident.id) \"\(incident.title)\" (\(incident.severity), \(incident.status.displayName)) by \(actor)")
        case .severity(_, let severity, let actor, let at):
            return NotifierMessage(event: .severity, incident: incident, actor: actor, time: at,
                                   text: "\(incident.id) \"\(incident.title)\": severity set to \(severity) by \(actor)")
        case .status(_, .resolved, let actor, let at):
            return NotifierMessage(event: .resolve, incident: incident, actor: actor, time: at,
                                   text: "\(incident.id) \"\(incident.title)\" (\(incident.severity)) resolved by \(actor)")
        default:
            return nil
        }
    }

    /// The variables added to triage's environment for `notifier`'s run (documented in docs/CONFIG.md).
    public func environment(notifier: String, attempt: Int) -> [String: String] {
        [
            "TRIAGE_EVENT": event.rawValue,
            "TRIAGE_INCIDENT_ID": incidentID,
            "TRIAGE_TITLE": title,
            "TRIAGE_SEVERITY": severity,
            "TRIAGE_STATUS": status.rawValue,
            "TRIAGE_ACTOR": actor,
            "TRIAGE_DRILL": drill ? "1" : "0",
            "TRIAGE_TIME": IncidentTimeText.rfc3339(time),
            "TRIAGE_NOTIFIER": notifier,
            "TRIAGE_ATTEMPT": String(attempt),
        ]
    }
}
