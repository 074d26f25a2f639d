import Dispatch
import Foundation
import Synchronization
import TriageConfig
import TriageCore
import TriageLogs
import TriageProbes
import TriageRunbook
import TriageStore
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// Composes the probes (``DashboardProbes``), owns the terminal thread and shuts everything down in order.
///
/// Threads: probe loops run as tasks on Swift's cooperative pool and write into ``SnapshotStore``;
/// one dedicated thread owns ncurses, reads keys with a 100 ms timeout and draws when the snapshot
/// version, the log inbox, the incident database, the clock second or the UI state changed.
/// Nothing on the pool ever blocks on the terminal, and the terminal never waits for a probe.
public final class DashboardRunner: Sendable {
    public struct Options: Sendable {
        public var theme: Theme
        public var noColor: Bool
        public var sources: DashboardSources
        public var configuration: TriageConfiguration?
        /// The incident database, opened before the screen starts (nil with the reason when it cannot be).
        public var store: IncidentStore?
        public var storeProblem: String?
        /// Opens the store when it could not be opened at start-up (a read-only or full state
        /// directory); the incident writer keeps trying it with backoff.
        public var openStore: (@Sendable () throws(StoreError) -> IncidentStore)?
        /// How long quitting waits for unsaved incident changes before giving up on them.
        public var flushTimeout: Duration = .seconds(4)
        public var runbookPath: String?
        public var actor: String
        /// Nothing configured: discover docker and kubectl in the background after the first frame.
        public var discover = false

        public init(theme: Theme, noColor: Bool, sources: DashboardSources, configuration: TriageConfiguration? = nil,
                    store: IncidentStore? = nil, storeProblem: String? = nil, runbookPath: String? = nil, actor: String = "triage") {
            self.theme = theme
            self.noColor = noColor
            self.sources = sources
            self.configuration = configuration
            self.store = store
            self.storeProblem = storeProblem
            self.runbookPath = runbookPath
            self.actor = actor
        }
    }

    private let options: Options
    private let store: SnapshotStore
    private let quitRequested = Atomic<Bool>(false)
    /// Ctrl-Z (SIGTSTP): the terminal thread hands the terminal back and stops the process.
    private let suspendRequested = Atomic<Bool>(false)
    private let logHub: LogHub
    private let probes: DashboardProbes

    /// Probe transitions waiting to be written to the incident timeline by the terminal thread.
    private let transitions: PendingEvents

    public init(options: Options) {
        self.options = options
        let store = SnapshotStore(DashboardSnapshot(startedAt: Date()))
        let logHub = LogHub()
        let transitions = PendingEvents()
        self.transitions = transitions
        self.store = store
        self.logHub = logHub
        probes = DashboardProbes(options: options, store: store, transitions: transitions, logHub: logHub)
    }

    /// The incident writer's store and thread (nil for the wall and when there is no store at all).
    private var incidentTarget: StoreWriteTarget? {
        options.store == nil && options.openStore == nil ? nil : StoreWriteTarget(store: options.store, opener: options.openStore)
    }

    /// Runs until the person quits or a signal arrives. Returns the exit status: `.ok`, or
    /// `.unsavedIncidentChanges` when incident changes were still unsaved (they are printed to
    /// stderr after the screen is gone, so they can be redone).
    public func run() async -> ExitStatus {
        let signalSources = installSignalHandlers()
        let target = incidentTarget
        let writer = options.sources.readOnly ? nil : target.map { IncidentWriter(target: $0) }
        await probes.start()
        var status: ExitStatus = await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                let status = self.terminalLoop(target: target, writer: writer)
                continuation.resume(returning: status)
            }
            thread.name = "triage-terminal"
            thread.stackSize = 8 << 20
            thread.start()
        }
        await probes.stop()
        for source in signalSources { source.cancel() }
        if let writer {
            let (unsaved, headMayBeSaved) = writer.finish(within: .milliseconds(500))
            if !unsaved.isEmpty {
                Self.reportUnsaved(unsaved, headMayBeSaved: headMayBeSaved, reason: writer.status().failure)
                status = .unsavedIncidentChanges
            }
        }
        return status
    }

    /// Prints what could not be saved, one action a line, for the person to redo.
    static func reportUnsaved(_ unsaved: [IncidentAction], headMayBeSaved: Bool, reason: StoreError?) {
        var text = "triage: \(unsaved.count) incident change\(unsaved.count == 1 ? "" : "s") NOT saved"
        if let reason { text += " (\(OutsideText.inline("\(reason)")))" }
        text += "; redo them:\n"
        for (index, action) in unsaved.enumerated() {
            text += "  " + OutsideText.inline(action.summary) + (index == 0 && headMayBeSaved ? "   (was being written: check before redoing)" : "") + "\n"
        }
        StandardStreams.writeError(text)
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        // ncurses would install handlers that exit(1) without our teardown (and one for SIGTSTP
        // that runs curses inside a signal handler, on whatever thread it lands); ignoring the
        // signals before initscr and watching them through dispatch keeps both on our path.
        [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                if number == SIGTSTP { suspendRequested.store(true, ordering: .relaxed) } else { quitRequested.store(true, ordering: .relaxed) }
            }
            source.resume()
            return source
        }
    }

    /// The terminal thread's loop. Builds the non-Sendable screen and session here and never lets them escape.
    private func terminalLoop(target: StoreWriteTarget?, writer: IncidentWriter?) -> ExitStatus {
        let screen = TerminalScreen(theme: options.theme, noColor: options.noColor)
        defer { screen.shutdown() }
        let session = IncidentSession(target: target ?? StoreWriteTarget(store: options.store), writer: writer,
                                      problem: options.storeProblem, readOnly: options.sources.readOnly,
                                      actor: options.actor, defaultRunbookPath: options.runbookPath)
        defer { session.stop() }
        var app = TerminalApp(session: session, keymap: .standard, sources: options.sources, readOnly: options.sources.readOnly)
        let hub = logHub
        app.followLogSource = { kind, name, window in
            Task.detached { _ = await hub.add(kind, shortName: name, window: window) }
        }
        app.dockerHostArgument = { [probes] tag in probes.dockerHostArgument(tag) }
        var lastVersion: UInt64 = .max
        var lastSecond = -1
        var dirty = true
        while !quitRequested.load(ordering: .relaxed) {
            if suspendRequested.exchange(false, ordering: .relaxed) {
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
            for text in transitions.takeAll() { session.recordAutomatic(kind: .probe, text: text) }
            // Not only on new lines: the errors-per-minute window slides with the clock.
            if let batch = logHub.inbox.drain() {
                app.logs.apply(batch)
                dirty = true
            }
            let (snapshot, version) = store.read()
            app.latestSnapshot = snapshot
            let now = Date()
            let second = Int(now.timeIntervalSince1970)
            if second != lastSecond { session.recordTimerCrossings(now: now) }
            // Draw first, then wait for a key: the first frame must not wait out the key timeout.
            if dirty || version != lastVersion || second != lastSecond {
                let (width, height) = screen.size
                let grid = app.render(snapshot, width: width, height: height, now: now)
                screen.draw(grid)
                lastVersion = version
                lastSecond = second
                dirty = false
            }
            // One read takes everything already waiting: a storm of resizes (a window dragged, tmux
            // relaying out) is drawn once, at the size it ends on.
            let events = screen.readInput()
            if events.contains(.key(.resize)) { dirty = true }
            let (w, h) = screen.size
            // Too small to draw the dashboard: only quitting is listened to.
            let tooSmall = w < DashboardLayout.minimumWidth || h < DashboardLayout.minimumHeight
            let input = events.filter { tooSmall ? $0 == .key(.char("q")) || $0 == .key(.ctrl("c")) : $0 != .key(.resize) }
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

    /// Gives unsaved incident changes a bounded time to commit, showing the count while it waits,
    /// before the screen goes; whatever is left is reported by `run()` after the teardown.
    private func flushBeforeExit(session: IncidentSession, app: inout TerminalApp, screen: TerminalScreen) {
        guard let writer = session.writer, !writer.status().pending.isEmpty else { return }
        let deadline = ContinuousClock.now + options.flushTimeout
        // `finish` retries at once instead of after the backoff, then stops the writer; `run()`
        // collects what is left once the screen is gone.
        let flushing = Thread { _ = writer.finish(within: self.options.flushTimeout) }
        flushing.start()
        while ContinuousClock.now < deadline {
            session.refreshPending()
            let pending = session.writeStatus.pending.count
            if pending == 0 { break }
            app.ui.flash = StyledLine("saving \(pending) incident change\(pending == 1 ? "" : "s") before exit…", CellStyle(.warn, [.bold]))
            let (width, height) = screen.size
            screen.draw(app.render(store.read().0, width: width, height: height, now: Date()))
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}

/// Probe transitions waiting for the terminal thread to write them to the incident timeline.
final class PendingEvents: Sendable {
    private let items = Mutex<[String]>([])
    func append(_ text: String) { items.withLock { $0.append(text) } }
    func takeAll() -> [String] {
        items.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
