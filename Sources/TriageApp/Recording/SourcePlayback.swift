import Foundation
import TriageCore
import TriageUI

/// What the dashboard plays instead of running probes (`triage replay`, `triage drill`): the
/// recorded sources, the clock that says which moment of them is shown, and how the session
/// answers keys that would act on live systems.
///
/// With a playback the runner starts no probe, no log follower and no notifier, and never records;
/// the terminal loop puts the recording's snapshot at the clock's position into the snapshot store
/// (``PlaybackDriver``), so the panes are the dashboard's own.
public struct SourcePlayback: Sendable {
    public enum Mode: Sendable, Equatable {
        /// `triage replay`: read-only; the recorded time is "now" for every age and clock.
        case replay
        /// `triage drill`: the practice incident is written as in a live session; "now" stays the
        /// wall clock (its timers run) and the recording is shifted to it.
        case drill
    }

    public var recording: SourceRecording
    public var clock: ReplayClock
    public var mode: Mode

    public init(recording: SourceRecording, clock: ReplayClock, mode: Mode) {
        self.recording = recording
        self.clock = clock
        self.mode = mode
    }

    /// The flash for a key that would act on a live system (or, in a replay, write anything).
    public var refusal: String {
        mode == .replay ? ReplayScreen.refusal : DrillScreen.refusal
    }

    /// The key that pauses: space in a replay, `p` in a drill (where space ticks).
    public var pauseKey: Key { mode == .replay ? .char(" ") : .char("p") }

    /// The dashboard's configured sources: every source the recording ever holds, in the order first seen.
    public var sources: DashboardSources {
        var rows = SourceRows()
        for frame in recording.keyFrames {
            for (source, key, body) in frame.rows.all where rows[source] == nil { rows.set(source: source, key: key, body: body) }
        }
        for change in recording.changes where rows[change.source] == nil {
            rows.set(source: change.source, key: change.key, body: change.body ?? "{}")
        }
        return SnapshotSourceRows.sources(of: rows, logSources: Set(recording.logLines.map(\.source)).count)
    }

    /// Actions that run something against a live system or start a stream: refused in both modes.
    static func actsLive(_ action: Action) -> Bool {
        switch action {
        case .runCommand, .rowRunbookCommands, .selectionAction, .silenceAlert, .expireSilence, .followSelectionLogs,
             .followSelectionLogsSince, .previousSelectionLogs, .describeSelection, .pickSources:
            return true
        default:
            return false
        }
    }
}
