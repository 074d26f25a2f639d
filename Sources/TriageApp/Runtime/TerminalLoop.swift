import CTerminalShim
import Foundation
import TriageCore
import TriageLogs
import TriageProbes
import TriageStore
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// The terminal thread: owns ncurses, the incident session and the app state, draws frames and
/// answers keys.
///
/// Event-driven: between frames the thread blocks in `poll(2)` on the terminal's descriptor and the
/// ``WakeSignal`` that the log inbox, the incident store's watcher, the incident writer, probe
/// transitions, the signal handlers and SIGWINCH raise; the timeout is only for what is due next:
/// the clock's next second (the header's clock, ages, timers and the errors-per-minute window move
/// with it) or an open paste's quiet limit. Routine probe results (a host sample, a check that
/// stayed OK) do not wake it: they are drawn with the clock's next second, at most a second later,
/// so an idle dashboard wakes and draws once a second, not ten times. A transition (a service went
/// down or came back, a container restarted) wakes it and is drawn at once. New log lines wake it
/// only while the Logs pane has the focus (``LogInbox/wakesOnNewLines``); otherwise they too come
/// with the clock's next frame, so a lab whose sources print a few lines a second draws one frame
/// a second, not four.
///
/// A key is answered at once; a burst of data (a log firehose) is drawn at most every
/// ``dataFrameInterval``, so ingest never turns into back-to-back frames.
final class TerminalLoop: Sendable {
    /// What the loop needs from the runner, all of it Sendable (the loop itself stays on its thread).
    struct Parts: Sendable {
        var options: DashboardRunner.Options
        var store: SnapshotStore
        var logHub: LogHub
        var transitions: PendingEvents
        var wake: WakeSignal?
        var quitRequested: @Sendable () -> Bool
        /// True once per Ctrl-Z (SIGTSTP).
        var takeSuspendRequest: @Sendable () -> Bool
        var dockerHostArgument: @Sendable (String) -> String?
        /// Called once, when the first frame is on screen.
        var firstFrameDrawn: @Sendable () -> Void
    }

    /// The terminal thread's name in `/proc/PID/task/TID/comm` (15 bytes at most).
    static let threadName = "triage-terminal"
    /// The shortest time between two frames that only new data asked for.
    static let dataFrameInterval: Duration = .milliseconds(100)
    /// Without a wake-up pipe (no descriptors left), the loop falls back to polling this often.
    static let fallbackPollInterval: Duration = .milliseconds(100)

    let parts: Parts

    init(_ parts: Parts) { self.parts = parts }

    /// Runs until quit; returns the exit status. Builds the non-Sendable screen and session here and
    /// never lets them escape.
    func run(target: StoreWriteTarget?, writer: IncidentWriter?) -> ExitStatus {
        // Named for the kernel, so `top -H` and the wake-up test find it.
        triage_name_this_thread(Self.threadName)
        let options = parts.options
        let screen = TerminalScreen(theme: options.theme, noColor: options.noColor)
        defer { screen.shutdown() }
        if let wake = parts.wake { screen.wakeOnResize(writingTo: wake.writeDescriptor) }
        let session = IncidentSession(target: target ?? StoreWriteTarget(store: options.store), writer: writer,
                                      problem: options.storeProblem, readOnly: options.sessionReadOnly,
                                      actor: options.actor, defaultRunbookPath: options.runbookPath, loadNow: false,
                                      pinnedIncidentID: options.pinnedIncidentID)
        defer { session.stop() }
        session.changes.wakeOnRaise(parts.wake)
        if let writer = session.writer, !options.notifiers.isEmpty, options.playback == nil {
            session.notify(through: NotifierDispatcher(specs: options.notifiers, wake: parts.wake, recordingInto: writer))
        }
        var app = TerminalApp(session: session, keymap: .standard, sources: options.sources, readOnly: options.sources.readOnly)
        let hub = parts.logHub
        var playback = options.playback.map(PlaybackDriver.init)
        if playback == nil {
            app.followLogSource = { kind, name, window in
                Task.detached { _ = await hub.add(kind, shortName: name, window: window) }
            }
        }
        app.dockerHostArgument = parts.dockerHostArgument
        let recording = !options.records ? nil : target.map { target in
            IncidentPictureRecording(writer: PictureRecordingWriter(store: { target.store }))
        }
        var lastSecond = -1
        var lastDataFrameAt = ContinuousClock.now - Self.dataFrameInterval
        var wokenByData = false
        var dirty = true
        while !parts.quitRequested() {
            // New log lines wake the thread only while someone reads them; else the clock's next
            // frame shows them. Set before the drain below, so no line falls between the two.
            hub.inbox.wakesOnNewLines = !app.ui.readOnly && app.ui.focus == .logs
            // Re-armed before anything is looked at: a change after this point wakes the next wait.
            parts.wake?.consume()
            if parts.takeSuspendRequest() {
                screen.suspend()
                dirty = true
            }
            if session.changes.consume() {
                session.reload()
                app.lastChangeAt = Date()
                dirty = true
            }
            if session.refreshPending() { dirty = true }
            for dropped in session.takeDropped() {
                app.ui.flash = StyledLine("not saved: \(TerminalText.clean(dropped.action.summary)): \(TerminalText.clean(dropped.error.description))", CellStyle(.crit, [.bold]))
                dirty = true
            }
            for problem in session.notifier?.takeFlashes() ?? [] {
                app.ui.flash = StyledLine(TerminalText.clean(problem), CellStyle(.crit, [.bold]))
                dirty = true
            }
            for text in parts.transitions.takeAll() {
                session.recordAutomatic(kind: .probe, text: text)
                dirty = true
            }
            // Not only on new lines: the errors-per-minute window slides with the clock.
            if let batch = hub.inbox.drain() {
                app.logs.apply(batch)
                recording?.received(batch)
                dirty = true
            }
            let played = playback?.feed(parts.store, logs: &app.logs)
            if played?.changed == true { dirty = true }
            playback?.settle(&app)
            let (snapshot, version) = parts.store.read()
            app.latestSnapshot = snapshot
            app.framePicture.latestVersion = version
            let now = played?.now ?? Date()
            let second = Int(now.timeIntervalSince1970)
            if second != lastSecond { session.recordTimerCrossings(now: now) }
            // Draw first, then wait for a key: the first frame must not wait for anything.
            // A new snapshot alone waits for the next second (see the type's comment).
            if dirty || second != lastSecond {
                let (width, height) = screen.size
                var grid = app.render(snapshot, version: version, width: width, height: height, now: now)
                playback?.overlay(&grid, flash: app.ui.flash)
                screen.draw(grid)
                lastSecond = second
                if wokenByData { lastDataFrameAt = .now }
                dirty = false
            }
            recording?.observe(app.framePicture.current, snapshot: snapshot, version: version,
                               incidentID: session.incident.flatMap { $0.status == .resolved ? nil : $0.id },
                               now: now)
            // The incident database, the incident and its runbook (a large one takes a while to
            // parse) are opened and read only once the first frame, which says "loading", is on screen.
            if session.isLoading {
                DiagnosticLog.write(.debug, "firstFrame", [])
                parts.firstFrameDrawn()
                session.openStore()
                session.reload()
                dirty = true
                continue
            }
            wokenByData = waitForWork(screen: screen, lastDataFrameAt: lastDataFrameAt, due: playback?.frameDeadline)
            // One read takes everything already waiting: a storm of resizes (a window dragged, tmux
            // relaying out) is drawn once, at the size it ends on.
            let events = screen.readInput()
            if events.contains(.key(.resize)) { dirty = true }
            let (w, h) = screen.size
            // Too small to draw the dashboard: only quitting is listened to.
            let tooSmall = w < DashboardLayout.minimumWidth || h < DashboardLayout.minimumHeight
            var input = events.filter { tooSmall ? $0 == .key(.char("q")) || $0 == .key(.ctrl("c")) : $0 != .key(.resize) }
            if var driver = playback {
                let count = input.count
                input = driver.intercept(input, ui: &app.ui, keymap: app.keymap)
                if input.count != count { dirty = true }
                playback = driver
            }
            if !input.isEmpty {
                switch app.handle(input, height: h) {
                case .quit:
                    flushBeforeExit(session: session, app: &app, screen: screen)
                    return .ok
                case .redraw: screen.invalidate()
                case .clipboard(let sequence): screen.passThrough(sequence)
                case .none: break
                }
                dirty = true
            }
        }
        flushBeforeExit(session: session, app: &app, screen: screen)
        return .ok
    }

    /// Blocks until a key (or a resize) comes, something raised the wake-up signal, or the next
    /// thing is due: the clock's next second, or an open paste's quiet limit. Returns true when
    /// only the wake-up signal (new data) ended the wait.
    ///
    /// Frames that data asks for come at most every ``dataFrameInterval`` after the last such
    /// frame; a frame for the clock or a key does not count, so a probe result that lands just
    /// after the clock's frame is still drawn at once, with one wake-up.
    private func waitForWork(screen: TerminalScreen, lastDataFrameAt: ContinuousClock.Instant, due: ContinuousClock.Instant?) -> Bool {
        var deadline = min(Self.nextWallSecond(), due ?? .now + .seconds(1))
        if let paste = screen.inputDeadline { deadline = min(deadline, paste) }
        let terminal = pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard let wake = parts.wake else {
            Self.poll([terminal], until: min(deadline, .now + Self.fallbackPollInterval))
            return false
        }
        let woken = Self.poll([terminal, pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0)], until: deadline)
        guard woken.count == 2, woken[0].revents == 0, woken[1].revents != 0 else { return false }
        // Only data woke us: a key that comes meanwhile is still answered at once.
        let due = lastDataFrameAt + Self.dataFrameInterval
        if ContinuousClock.now < due { Self.poll([terminal], until: min(due, deadline)) }
        return true
    }

    /// `poll(2)` until `deadline` (rounded up to the next millisecond); returns the descriptors
    /// with what happened on them. A signal ends the wait early, which only costs one more look.
    @discardableResult
    static func poll(_ descriptors: [pollfd], until deadline: ContinuousClock.Instant) -> [pollfd] {
        var descriptors = descriptors
        let remaining = ContinuousClock.now.duration(to: deadline)
        let (seconds, attoseconds) = remaining.components
        let milliseconds = remaining <= .zero ? 0 : Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        _ = Glibc.poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        return descriptors
    }

    /// Just after the wall clock's next whole second, when the header's clock changes.
    static func nextWallSecond() -> ContinuousClock.Instant {
        let now = Date().timeIntervalSince1970
        let remaining = max(0.001, now.rounded(.down) + 1 - now)
        return .now + .milliseconds(Int(remaining * 1000) + 2)
    }
}
