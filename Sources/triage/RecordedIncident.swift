import Foundation
import TriageApp
import TriageCore
import TriageStore

/// What `triage replay` and `triage drill` play: an incident and its recordings, read once from the
/// database opened read-only and closed again before the screen starts.
struct RecordedIncident {
    let incident: Incident
    let picture: PictureRecording
    /// What the panes were built from; empty for an incident recorded before v4 (the board is shown then).
    let sources: SourceRecording
    let events: [TimelineEvent]
    let ticks: [String: ChecklistTick]
    let start: Date
    let end: Date

    /// The line a replay of an incident recorded before pane recording shows.
    static let predatesPanes = "recorded before triage recorded its panes: showing the outage board"

    /// - Throws: a ``CommandFailure`` saying what is missing (status 1) or what is wrong with the database (2).
    static func load(_ id: String, state: StateOption) throws -> RecordedIncident {
        guard let store = try state.openReadOnly() else {
            throw CommandFailure.fail("no incident \(id) (no incident database at \(state.databasePath) yet)", status: .warningOrNotFound)
        }
        let incident: Incident
        let picture: PictureRecording
        let sources: SourceRecording
        let events: [TimelineEvent]
        let ticks: [String: ChecklistTick]
        do {
            incident = try store.incident(id: id)
            picture = try store.pictureRecording(incidentID: id)
            sources = try store.sourceRecording(incidentID: id)
            events = try store.events(incidentID: id)
            ticks = try store.ticks(incidentID: id)
            try store.close()
        } catch {
            throw CommandFailure.fail(error)
        }
        let starts = [picture.start, sources.start].compactMap { $0 }
        let ends = [picture.end, sources.end].compactMap { $0 }
        guard let start = starts.min(), let end = ends.max() else {
            throw CommandFailure.fail("\(id) has no recorded picture (it is recorded while the dashboard has the incident open)",
                                      status: .warningOrNotFound)
        }
        return RecordedIncident(incident: incident, picture: picture, sources: sources, events: events, ticks: ticks, start: start, end: end)
    }

    /// The replay clock over the whole recording; `[` and `]` seek to the picture's transitions.
    func clock(from position: Date? = nil, speed: Double) -> ReplayClock {
        ReplayClock(start: start, end: end, transitionTimes: picture.transitionTimes, from: position, speed: speed)
    }
}
