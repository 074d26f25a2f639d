import Foundation
import TriageCore
import TriageUI

extension WallModelBuilder {
    /// The wall's model from what the terminal thread already holds: the incident session (read-only
    /// store, runbook, ticks, events) and the probes' latest snapshot for the service tiles.
    ///
    /// Call it on the thread that owns the session, once per frame.
    /// - Parameters:
    ///   - lastChange: when the change watcher last saw the database change.
    ///   - notice: the bottom line, e.g. the "read-only" answer to a key; else the session's problem
    ///     or runbook warning.
    public static func build(
        session: IncidentSession, snapshot: DashboardSnapshot, now: Date, lastChange: Date?, timeZone: TimeZone,
        notice: String? = nil
    ) -> WallModel {
        build(
            incident: session.incident, runbook: session.runbook, runbookWarning: session.runbookWarning,
            ticks: session.ticks, events: session.events, services: tiles(from: snapshot), now: now,
            lastChange: lastChange, timeZone: timeZone, readOnly: session.readOnly,
            notice: notice ?? session.problem)
    }

    /// One tile per configured service, in configuration order.
    public static func tiles(from snapshot: DashboardSnapshot) -> [WallModel.ServiceTile] {
        snapshot.serviceOrder.compactMap { snapshot.services[$0] }.map {
            WallModel.ServiceTile(name: $0.name, state: $0.state)
        }
    }
}
