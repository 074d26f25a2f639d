import Foundation
import TriageCore
import TriageUI

/// The terminal thread's side of a ``SourcePlayback``: moves the replay clock with real time,
/// rebuilds the snapshot at its position into the snapshot store, feeds the Logs pane the recorded
/// lines up to it, answers the playback keys before the dashboard sees them, and draws the
/// progress line over the footer.
struct PlaybackDriver {
    /// How often a playing replay moves its clock and draws.
    static let frameInterval: Duration = .milliseconds(250)
    /// A snapshot is rebuilt at least this often (recorded time) even when no row changed, so a
    /// check's last round never looks stale.
    static let rebuildInterval: TimeInterval = 30

    private var playback: SourcePlayback
    private var rows = SourceRows()
    private var fedAt: Date?
    private var builtAt: Date?
    private var snapshot: DashboardSnapshot?
    private var logLinesApplied = 0
    /// Each recorded log source's id in the Logs pane, and the next sequence number of its lines.
    private let logSources: [String: LogSourceID]
    private var logSequences: [LogSourceID: UInt64] = [:]
    private var lastTick = ContinuousClock.now
    private var settled = false

    init(_ playback: SourcePlayback) {
        self.playback = playback
        var names: [String: LogSourceID] = [:]
        for line in playback.recording.logLines where names[line.source] == nil { names[line.source] = LogSourceID(names.count) }
        logSources = names
    }

    /// Until when the loop may sleep: a playing replay draws ``frameInterval`` apart.
    var frameDeadline: ContinuousClock.Instant? {
        playback.clock.paused || playback.clock.atEnd ? nil : .now + Self.frameInterval
    }

    /// Moves the clock by the real time since the last call, and when the position moved puts the
    /// recording's snapshot there into `store` and its log lines into `logs`. Returns the time the
    /// dashboard draws at (the recorded time in a replay, the wall clock in a drill) and whether
    /// anything shown changed.
    mutating func feed(_ store: SnapshotStore, logs: inout LogPaneModel) -> (now: Date, changed: Bool) {
        let tick = ContinuousClock.now
        let elapsed = lastTick.duration(to: tick)
        lastTick = tick
        playback.clock.advance(realSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let position = playback.clock.position
        let now = playback.mode == .replay ? position : Date()
        guard position != fedAt else { return (now, false) }
        let recording = playback.recording
        var rowsChanged = false
        if let fedAt, position > fedAt {
            for change in recording.changes(after: fedAt, through: position) {
                rows.set(source: change.source, key: change.key, body: change.body)
                rowsChanged = true
            }
        } else {
            rows = recording.rows(at: position)
            snapshot = nil
            rowsChanged = true
        }
        if rowsChanged || builtAt.map({ abs(position.timeIntervalSince($0)) >= Self.rebuildInterval }) ?? true {
            let shift = playback.mode == .replay ? 0 : now.timeIntervalSince(position)
            let built = SnapshotSourceRows.snapshot(from: rows, at: position, startedAt: playback.clock.start, previous: snapshot, shift: shift)
            snapshot = built
            builtAt = position
            store.update { $0 = built }
        }
        feedLogs(through: position, rewound: fedAt.map { position < $0 } ?? false, logs: &logs)
        fedAt = position
        // The progress line moved, whatever else did.
        return (now, true)
    }

    /// The recorded log lines up to `position` into the Logs pane (all again after a seek back).
    private mutating func feedLogs(through position: Date, rewound: Bool, logs: inout LogPaneModel) {
        let lines = playback.recording.logLines
        if rewound {
            logs.clear()
            logLinesApplied = 0
            logSequences = [:]
        }
        let end = playback.recording.logLines(through: position).count
        guard end > logLinesApplied else { return }
        var batch: [LogLine] = []
        for line in lines[logLinesApplied..<end] {
            let id = logSources[line.source] ?? LogSourceID(0)
            batch.append(LogLine(source: id, sequence: logSequences[id, default: 0],
                                 arrival: LogTimestamp(nanoseconds: Int64(line.time.timeIntervalSince1970 * 1e9)), text: line.text))
            logSequences[id, default: 0] += 1
        }
        let statuses = logSources.sorted { $0.value < $1.value }.map { name, id in
            LogSourceStatus(source: LogSource(id: id, kind: .file(path: name), shortName: name), state: .running)
        }
        logs.apply(LogBatch(lines: batch, sources: statuses))
        logLinesApplied = end
    }

    /// Answers the playback keys (pause, ← → a minute, [ ] transitions, + - speed) and refuses what
    /// would act on a live system, or in a replay write anything; passes the rest to the dashboard.
    /// Keys typed into an open prompt, filter or view are the dashboard's.
    mutating func intercept(_ events: [InputDecoder.Event], ui: inout UIState, keymap: Keymap) -> [InputDecoder.Event] {
        events.filter { event in
            guard case .key(let key) = event, ui.modal == nil, ui.detail == nil, ui.filters[ui.focus] == nil else { return true }
            if key == playback.pauseKey {
                playback.clock.paused.toggle()
                return false
            }
            if playback.clock.applyPlaybackKey(key) { return false }
            if let binding = keymap.action(for: key, focus: ui.focus),
               SourcePlayback.actsLive(binding.action) || (playback.mode == .replay && binding.mutates) {
                ui.flash = StyledLine(playback.refusal, CellStyle(.warn, [.bold]))
                return false
            }
            return true
        }
    }

    /// A drill opens on its checklist, on the first open item, once the incident is loaded.
    mutating func settle(_ app: inout TerminalApp) {
        // A replay's Incident pane is the incident as it stood at the clock's position, as its
        // other panes are; a drill's is its own practice incident, live.
        if playback.mode == .replay { app.session.show(asOf: playback.clock.position) }
        guard playback.mode == .drill, !settled, !app.session.isLoading, app.session.incident != nil else { return }
        settled = true
        app.ui.focus = .incident
        app.landOnOpenItem()
    }

    /// The progress line over the footer, with the flash after it when there is one.
    func overlay(_ grid: inout CellGrid, flash: StyledLine?) {
        let y = grid.height - 1
        guard y >= 0 else { return }
        let pause = playback.mode == .replay ? "space" : "p"
        let help = "\(pause) pause  ←/→ 1 min  [/] transition  +/- speed  q quit"
        let text = " " + playback.clock.progressText() + "   " + (flash?.plainText ?? help)
        let style = CellStyle(playback.clock.paused ? .warn : .header, [.bold, .reverse])
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), with: Cell(" ", style: style))
        _ = grid.put(text, x: 0, y: y, style: style, limit: grid.width)
    }
}
