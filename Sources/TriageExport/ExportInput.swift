import Foundation
import TriageCore

/// Everything an export is made from, gathered by the caller; the renderers do no I/O.
///
/// `events` may come in any order (the store returns newest first): the initializer sorts them
/// oldest first, ties by id, which is the order every export uses.
public struct ExportInput: Sendable {
    public var incident: Incident
    /// The incident's timeline, oldest first.
    public var events: [TimelineEvent]
    /// The latest tick state by checklist item key (`IncidentStore.ticks(incidentID:)`).
    public var ticks: [String: ChecklistTick]
    /// The incident's runbook, for templates, response targets, phases and follow-up items.
    public var runbook: Runbook?
    public var live: LiveFacts
    /// The last status update issued, found in `events` unless given.
    public var previousUpdate: StatusUpdateLog.Previous?
    public var now: Date
    /// The responders' time zone; exports give UTC and, when it differs, this local time.
    public var timeZone: TimeZone
    /// Who is exporting, for `[Your Name]` when the incident has no commander.
    public var actor: String
    /// The outage picture recorded while the incident was open (the post-mortem's "What the screen showed").
    public var recording: PictureRecording?

    public init(
        incident: Incident, events: [TimelineEvent], ticks: [String: ChecklistTick] = [:], runbook: Runbook? = nil,
        live: LiveFacts, previousUpdate: StatusUpdateLog.Previous? = nil, now: Date, timeZone: TimeZone,
        actor: String, recording: PictureRecording? = nil
    ) {
        self.incident = incident
        self.events = events.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        self.ticks = ticks
        self.runbook = runbook
        self.live = live
        self.previousUpdate = previousUpdate ?? StatusUpdateLog.previous(in: events)
        self.now = now
        self.timeZone = timeZone
        self.actor = actor
        self.recording = recording
    }

    /// The number of the status update being written now.
    public var updateNumber: Int { (previousUpdate?.number ?? 0) + 1 }

    /// Minutes between status updates: the runbook's, else 15.
    public var updateIntervalMinutes: Int { runbook?.statusUpdateMinutes ?? 15 }

    /// When the next status update is due, counted from this one.
    public var nextUpdateTime: Date { now.addingTimeInterval(TimeInterval(updateIntervalMinutes * 60)) }
}
