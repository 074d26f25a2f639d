import Dispatch
import Foundation
import Synchronization
import TriageCore
import TriageProbes
import TriageTerminal
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

/// Starts probes, owns the terminal thread and shuts everything down in order.
///
/// Threads: probe loops run as tasks on Swift's cooperative pool and write into ``SnapshotStore``;
/// one dedicated thread owns ncurses, reads keys with a 100 ms timeout and draws when the snapshot
/// version, the clock second or the UI state changed. Nothing on the pool ever blocks on the
/// terminal, and the terminal never waits for a probe.
public final class DashboardRunner: Sendable {
    public struct Options: Sendable {
        public var theme: Theme
        public var noColor: Bool
        public var sources: DashboardSources
        public init(theme: Theme, noColor: Bool, sources: DashboardSources) {
            self.theme = theme
            self.noColor = noColor
            self.sources = sources
        }
    }

    private let options: Options
    private let store: SnapshotStore
    private let quitRequested = Atomic<Bool>(false)
    private let probeTasks = Mutex<[Task<Void, Never>]>([])

    public init(options: Options) {
        self.options = options
        store = SnapshotStore(DashboardSnapshot(startedAt: Date()))
    }

    /// Runs until the person quits or a signal arrives. Returns the exit status.
    public func run() async -> Int32 {
        let signalSources = installSignalHandlers()
        startProbes()
        let status: Int32 = await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                let status = self.terminalLoop()
                continuation.resume(returning: status)
            }
            thread.name = "triage-terminal"
            thread.stackSize = 4 << 20
            thread.start()
        }
        await stopProbes()
        for source in signalSources { source.cancel() }
        return status
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        // ncurses would install handlers that exit(1) without our teardown; ignoring the signals
        // before initscr and watching them through dispatch keeps shutdown on our path.
        [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in self.quitRequested.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
    }

    private func startProbes() {
        let store = self.store
        let refresh = options.sources.refresh
        let host = Task.detached(priority: .utility) {
            var sampler = HostSampler()
            while !Task.isCancelled {
                let sample = sampler.sample()
                store.update { $0.record(host: sample) }
                try? await Task.sleep(for: refresh)
            }
        }
        probeTasks.withLock { $0.append(host) }
    }

    private func stopProbes() async {
        let tasks = probeTasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// The terminal thread's loop. Builds the non-Sendable screen here and never lets it escape.
    private func terminalLoop() -> Int32 {
        let screen = TerminalScreen(theme: options.theme, noColor: options.noColor)
        defer { screen.shutdown() }
        var ui = UIState(readOnly: options.sources.readOnly)
        let keymap = Keymap.standard
        var lastVersion: UInt64 = .max
        var lastSecond = -1
        var dirty = true
        var rowCounts: [PaneID: Int] = [:]
        while !quitRequested.load(ordering: .relaxed) {
            if let key = screen.readKey() {
                if key == .resize {
                    dirty = true
                } else {
                    let (w, h) = screen.size
                    if w < DashboardLayout.minimumWidth || h < DashboardLayout.minimumHeight, key != .char("q"), key != .ctrl("c") {
                        continue
                    }
                    for effect in ui.handle(key, keymap: keymap, rowCounts: rowCounts, pageSize: max(1, h / 3)) {
                        switch effect {
                        case .quit: return 0
                        case .redraw: screen.invalidate()
                        case .domain: ui.flash = StyledLine("not available yet", CellStyle(.muted))
                        }
                    }
                    dirty = true
                }
            }
            let (snapshot, version) = store.read()
            let now = Date()
            let second = Int(now.timeIntervalSince1970)
            guard dirty || version != lastVersion || second != lastSecond else { continue }
            let (width, height) = screen.size
            let model = DashboardViewModel.build(snapshot, ui: ui, sources: options.sources, now: now)
            rowCounts = model.rowCounts
            let grid = DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: keymap)
            screen.draw(grid)
            lastVersion = version
            lastSecond = second
            dirty = false
        }
        return 0
    }
}
