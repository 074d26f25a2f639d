import Foundation
import TriageCore
import TriageUI

/// What a replay shows and how it answers keys, as a value: the recorded picture at the clock's
/// position on the wall's layout (incident header, the outage board, checklist progress and the
/// timeline as they stood then) with the progress line under it.
///
/// Read-only by construction: it holds no store and no session, so no key can run a command or
/// write to an incident; a key that would anywhere else is answered with a flash saying so.
public struct ReplayScreen {
    public enum Outcome: Equatable { case quit, redraw }

    public var clock: ReplayClock
    public let recording: PictureRecording
    public let incident: Incident
    public let runbook: Runbook
    /// The incident's timeline, newest first (as the store returns it).
    public let events: [TimelineEvent]
    public let ticks: [String: ChecklistTick]
    public let timeZone: TimeZone
    /// The flash line after a refused key, until the next key.
    public private(set) var flash: String?
    /// Said when no key flashed (e.g. that the recording predates pane recording).
    public let notice: String?

    /// The flash for every key that would act anywhere else.
    public static let refusal = "replay is read-only: nothing runs and nothing is written"

    public init(recording: PictureRecording, incident: Incident, runbook: Runbook, events: [TimelineEvent],
                ticks: [String: ChecklistTick], clock: ReplayClock, timeZone: TimeZone, notice: String? = nil) {
        self.notice = notice
        self.recording = recording
        self.incident = incident
        self.runbook = runbook
        self.events = events
        self.ticks = ticks
        self.clock = clock
        self.timeZone = timeZone
    }

    /// space pause, ← → one minute, [ ] previous/next transition, + - speed, q quit; anything else is refused.
    public mutating func handle(_ key: Key) -> Outcome {
        flash = nil
        switch key {
        case .char("q"), .ctrl("c"): return .quit
        case .char(" "): clock.paused.toggle()
        default: if !clock.applyPlaybackKey(key) { flash = Self.refusal }
        }
        return .redraw
    }

    /// The picture at the clock's position, as the panes judge it.
    public var picture: OutageEntities {
        OutageEntities(all: recording.picture(at: clock.position).map(\.entity).sorted(by: OutageEntity.outageOrder),
                       everySourceAnswered: true)
    }

    /// The wall's model at the clock's position: only the events and ticks recorded by then.
    public var model: WallModel {
        let now = clock.position
        let shownIncident = incident.resolvedAt.map { $0 > now } ?? false ? Self.unresolved(incident) : incident
        return WallModelBuilder.build(
            incident: shownIncident, runbook: runbook, ticks: ticks.filter { $0.value.time <= now },
            events: events.filter { $0.time <= now }, outages: picture, now: now, lastChange: nil, timeZone: timeZone,
            readOnly: true, notice: flash ?? notice)
    }

    /// The progress line and the key help.
    public var progressLine: String {
        clock.progressText(timeZone: timeZone) + "   space pause  ←/→ 1 min  [/] transition  +/- speed  q quit"
    }

    /// The whole frame: the wall's layout and, on the last row, the progress line.
    public func render(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.blit(WallRenderer.render(model, width: width, height: max(1, height - 1)), x: 0, y: 0)
        let style = CellStyle(clock.paused ? .warn : .header, [.bold, .reverse])
        grid.fill(Rect(x: 0, y: height - 1, width: width, height: 1), with: Cell(" ", style: style))
        _ = grid.put(" " + progressLine, x: 0, y: height - 1, style: style, limit: width)
        return grid
    }

    /// The incident as it stood before it was resolved (a replay before the resolution must not say Resolved).
    static func unresolved(_ incident: Incident) -> Incident {
        var copy = incident
        copy.resolvedAt = nil
        if copy.status == .resolved { copy.status = copy.mitigatedAt == nil ? .investigating : .monitoring }
        return copy
    }
}
