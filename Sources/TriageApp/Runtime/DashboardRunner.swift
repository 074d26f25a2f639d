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
/// one dedicated thread owns ncurses (``TerminalLoop``): it sleeps until a key, a change (probe
/// transitions, the log inbox, the incident database and the signals raise one ``WakeSignal``) or
/// the clock's next second, and draws what changed. Nothing on the pool ever blocks on the terminal,
/// and the terminal never waits for a probe.
public final class DashboardRunner: Sendable {
    public struct Options: Sendable {
        public var theme: Theme
        public var noColor: Bool
        public var sources: DashboardSources
        public var configuration: TriageConfiguration?
        /// An incident database opened already; the dashboard leaves it nil and passes ``openStore``.
        public var store: IncidentStore?
        public var storeProblem: String?
        /// Opens the incident database: once on the terminal thread after the first frame is on
        /// screen, then by the incident writer while it fails (a read-only, full or locked state directory).
        public var openStore: (@Sendable () throws(StoreError) -> IncidentStore)?
        /// How long quitting waits for unsaved incident changes before giving up on them.
        public var flushTimeout: Duration = .seconds(4)
        public var runbookPath: String?
        public var actor: String
        /// Nothing configured: discover docker and kubectl in the background after the first frame.
        public var discover = false
        /// `notify:` entries that may run (empty for an untrusted config: ``LoadedConfiguration/notifiers``).
        public var notifiers: [NotifierSpec] = []
        /// The incident to show instead of the latest open one (`triage wall --incident ID`, e.g. a drill).
        public var pinnedIncidentID: String?
        /// `triage replay` and `triage drill`: a recording instead of probes (no probe, log follower or notifier runs).
        public var playback: SourcePlayback?

        /// The session writes nothing: the wall, and a replay (a drill writes its own incident).
        var sessionReadOnly: Bool { sources.readOnly || playback?.mode == .replay }
        /// The outage is recorded only from live probes, by a session that may write.
        var records: Bool { !sources.readOnly && playback == nil }

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
    /// Wakes the terminal thread; nil only when no pipe could be made (it then polls).
    private let wake: WakeSignal?

    /// Probe transitions waiting to be written to the incident timeline by the terminal thread.
    private let transitions: PendingEvents
    /// Starts the probes once the first frame is on screen (nil until then).
    private let probesStarting = Mutex<Task<Void, Never>?>(nil)

    public init(options: Options) {
        self.options = options
        let wake = WakeSignal()
        self.wake = wake
        let store = SnapshotStore(DashboardSnapshot(startedAt: Date()))
        let logHub = LogHub(wake: wake)
        let transitions = PendingEvents(wake: wake)
        self.transitions = transitions
        self.store = store
        self.logHub = logHub
        probes = DashboardProbes(options: options, store: store, transitions: transitions, logHub: logHub)
    }

    /// The incident store and how to open it (nil when there is neither). A store not opened yet is
    /// opened by the terminal thread after its first frame; the writer waits for that.
    private var incidentTarget: StoreWriteTarget? {
        options.store == nil && options.openStore == nil ? nil
            : StoreWriteTarget(store: options.store, opener: options.openStore, holdOpening: options.store == nil)
    }

    /// Runs until the person quits or a signal arrives. Returns the exit status: `.ok`, or
    /// `.unsavedIncidentChanges` when incident changes were still unsaved (they are printed to
    /// stderr after the screen is gone, so they can be redone).
    public func run() async -> ExitStatus {
        let signalSources = installSignalHandlers()
        let target = incidentTarget
        let writer = options.sessionReadOnly ? nil : target.map { IncidentWriter(target: $0) }
        var status: ExitStatus = await withCheckedContinuation { continuation in
            let loop = TerminalLoop(.init(
                options: options, store: store, logHub: logHub, transitions: transitions, wake: wake,
                quitRequested: { [self] in quitRequested.load(ordering: .relaxed) },
                takeSuspendRequest: { [self] in suspendRequested.exchange(false, ordering: .relaxed) },
                dockerHostArgument: { [probes] tag in probes.dockerHostArgument(tag) },
                firstFrameDrawn: { [self] in startProbes(); StartupMemoryRelease.schedule() }))
            let thread = Thread {
                let status = loop.run(target: target, writer: writer)
                continuation.resume(returning: status)
            }
            thread.name = TerminalLoop.threadName
            thread.stackSize = 8 << 20
            thread.start()
        }
        await probesStarting.withLock { $0 }?.value
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

    /// The probes, and discovery's docker and kubectl runs, start once the first frame is on screen:
    /// on a busy machine they took the CPU that frame needed. It shows "connecting…" until they report.
    /// A replay or drill starts none: its snapshots come from the recording (``SourcePlayback``).
    private func startProbes() {
        guard options.playback == nil else { return }
        probesStarting.withLock { task in
            guard task == nil else { return }
            task = Task { [probes] in await probes.start() }
        }
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
                wake?.raise()
            }
            source.resume()
            return source
        }
    }
}
