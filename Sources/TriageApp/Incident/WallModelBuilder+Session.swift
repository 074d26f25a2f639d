import Foundation
import TriageCore
import TriageUI

extension WallModelBuilder {
    /// The wall's model from what the terminal thread already holds: the incident session (read-only
    /// store, runbook, ticks, events) and the probes' latest snapshot for the outage board.
    ///
    /// Call it on the thread that owns the session, once per frame.
    /// - Parameters:
    ///   - lastChange: when the change watcher last saw the database change.
    ///   - sources: the configured sources, so one that has not answered yet holds off "ALL CLEAR".
    ///   - notice: the bottom line, e.g. the "read-only" answer to a key; else the session's problem
    ///     or runbook warning.
    ///   - picture: the snapshot's picture when the caller keeps one across frames (``PictureCache``).
    ///   - pictureCache: the cache `picture` came from, which keeps the severity rules' tallies with
    ///     it, as the dashboard's frames do; nil tallies them here, every frame.
    public static func build(
        session: IncidentSession, snapshot: DashboardSnapshot, now: Date, lastChange: Date?, timeZone: TimeZone?,
        sources: DashboardSources? = nil, notice: String? = nil, picture: OutageEntities? = nil, pictureCache: PictureCache? = nil
    ) -> WallModel {
        // The cache's tallies are of the picture it returned: not of one built here.
        let tallyCache = picture == nil ? nil : pictureCache
        let picture = picture ?? OutageEntities(snapshot, now: now, sources: sources)
        var model = build(
            incident: session.incident, runbook: session.runbook, runbookWarning: session.runbookWarning,
            ticks: session.ticks, events: session.events, outages: picture, now: now,
            lastChange: lastChange, timeZone: timeZone, readOnly: session.readOnly,
            notice: notice ?? (session.isLoading ? "loading the incident…" : session.problem),
            suggestion: SuggestedSeverity.current(session: session, picture: picture, rules: sources?.severityRules, now: now,
                                                  pictureCache: tallyCache))
        if session.isDrill, let incident = session.incident { model.title = clean(DrillTitle.shown(incident.title)) }
        return model
    }
}
