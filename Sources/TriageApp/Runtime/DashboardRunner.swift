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

/// Starts probes, owns the terminal thread and shuts everything down in order.
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
        /// Docker hosts and kubernetes scopes to poll (from the config).
        public var dockerTargets: [DockerHostTarget] = []
        public var kubeTargets: [KubeTarget] = []
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
    private let probeTasks = Mutex<[Task<Void, Never>]>([])
    private let logHub: LogHub
    /// Wakes the terminal thread; nil only when no pipe could be made (it then polls).
    private let wake: WakeSignal?
    /// Docker host tag → the follower's host argument, for offering containers' logs in the picker.
    private let hostArguments = Mutex<[String: String?]>([:])

    private func offerDockerHosts(_ targets: [DockerHostTarget]) {
        hostArguments.withLock { map in
            for target in targets {
                switch target.endpoint {
                case .host(let address): map[target.tag] = .some(address)
                case .context(let name): map[target.tag] = .some("context:" + name)
                case .cliDefault: map[target.tag] = .some(nil)
                }
            }
        }
    }

    /// Probe transitions waiting to be written to the incident timeline by the terminal thread.
    private let transitions: PendingEvents

    public init(options: Options) {
        self.options = options
        let wake = WakeSignal()
        self.wake = wake
        store = SnapshotStore(DashboardSnapshot(startedAt: Date()))
        logHub = LogHub(wake: wake)
        transitions = PendingEvents(wake: wake)
    }

    /// The incident writer's store and thread (nil for the wall and when there is no store at all).
    private var incidentTarget: StoreWriteTarget? {
        options.store == nil && options.openStore == nil ? nil : StoreWriteTarget(store: options.store, opener: options.openStore)
    }

    /// Exit status when incident changes could not be saved before exit.
    public static let unsavedExitStatus: Int32 = 3

    /// Runs until the person quits or a signal arrives. Returns the exit status: 0, or
    /// ``unsavedExitStatus`` when incident changes were still unsaved (they are printed to stderr
    /// after the screen is gone, so they can be redone).
    public func run() async -> Int32 {
        let signalSources = installSignalHandlers()
        let target = incidentTarget
        let writer = options.sources.readOnly ? nil : target.map { IncidentWriter(target: $0) }
        await startProbes()
        var status: Int32 = await withCheckedContinuation { continuation in
            offerDockerHosts(options.dockerTargets)
            let loop = TerminalLoop(.init(
                options: options, store: store, logHub: logHub, transitions: transitions, wake: wake,
                quitRequested: { [self] in quitRequested.load(ordering: .relaxed) },
                takeSuspendRequest: { [self] in suspendRequested.exchange(false, ordering: .relaxed) },
                dockerHostArgument: { [self] tag in hostArguments.withLock { $0[tag] ?? nil } }))
            let thread = Thread {
                let status = loop.run(target: target, writer: writer)
                continuation.resume(returning: status)
            }
            thread.name = TerminalLoop.threadName
            thread.stackSize = 8 << 20
            thread.start()
        }
        await stopProbes()
        for source in signalSources { source.cancel() }
        if let writer {
            let (unsaved, headMayBeSaved) = writer.finish(within: .milliseconds(500))
            if !unsaved.isEmpty {
                Self.reportUnsaved(unsaved, headMayBeSaved: headMayBeSaved, reason: writer.status().failure)
                status = Self.unsavedExitStatus
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
                wake?.raise()
            }
            source.resume()
            return source
        }
    }

    private func addTask(_ task: Task<Void, Never>) { probeTasks.withLock { $0.append(task) } }

    private func startProbes() async {
        let store = self.store
        let refresh = options.sources.refresh
        addTask(Task.detached(priority: .utility) {
            var sampler = HostSampler()
            while !Task.isCancelled {
                let sample = sampler.sample()
                store.update { $0.record(host: sample) }
                try? await Task.sleep(for: refresh)
            }
        })
        let dockerTargets = options.dockerTargets
        let kubeTargets = options.kubeTargets
        let transitions = self.transitions
        if options.discover {
            // Discovery runs the CLIs; the first frame must not wait for them.
            store.update { $0.discovery = .running }
            addTask(Task.detached(priority: .userInitiated) { [self] in
                let found = await Discovery.run(deadline: .seconds(3))
                guard !Task.isCancelled else { return }
                store.update {
                    $0.discovery = .done(
                        dockerHosts: found.dockerTargets.map(\.tag), kubeContexts: found.kubeTargets.map(\.contextName),
                        dockerNote: found.notes.first { $0.lowercased().contains("docker") },
                        kubeNote: found.notes.first { $0.lowercased().contains("kube") })
                }
                self.startContainerProbes(found.dockerTargets, found.kubeTargets, refresh: refresh, transitions: transitions)
                self.offerDockerHosts(found.dockerTargets)
            })
        }
        guard let config = options.configuration else {
            startContainerProbes(dockerTargets, kubeTargets, refresh: refresh, transitions: transitions)
            return
        }
        let suite = ServiceCheckSuite(http: config.services, commands: config.checks, prometheus: config.prometheus, commandsWithheld: options.sources.commandsWithheld)
        store.update { snapshot in
            snapshot.declareServices(config.services.map { ($0.name, .http, $0.policy) }
                + config.checks.map { ($0.name, .command, $0.policy) }
                + config.prometheus.map { ($0.name, .prometheus, $0.policy) })
        }
        for loop in suite.makeLoops(refresh: refresh, clock: ContinuousClock(), deliver: { results in
            var changed: [(name: String, from: HealthState, to: HealthState, reason: String?)] = []
            store.update { changed = $0.record(services: results) }
            let notable = changed.filter { $0.from != .unknown || $0.to == .crit }
            if !notable.isEmpty {
                for t in notable {
                    let verb = t.to == .ok ? "came back" : t.to == .crit ? "went down" : "is \(t.to.label)"
                    transitions.append("service \(t.name) \(verb)" + (t.to == .ok ? "" : t.reason.map { ": \($0)" } ?? ""))
                }
            }
        }) {
            addTask(Task.detached(priority: .utility) { await loop.run() })
        }
        startContainerProbes(dockerTargets, kubeTargets, refresh: refresh, transitions: transitions)
        for (index, source) in config.logs.enumerated() {
            switch source {
            case .docker(let container, let endpoint):
                var host: String?
                switch endpoint {
                case .default: host = nil
                case .host(let value): host = value
                case .context(let name): host = "context:" + name
                }
                if LogSourceGlob(container).isPattern {
                    followMatchingContainers(LogSourceGlob(container), host: host, colorIndex: index)
                } else {
                    _ = await logHub.add(.docker(container: container, host: host), colorIndex: index)
                }
            case .kubectl(let target, let context, let namespace, let selector):
                _ = await logHub.add(.kubectl(target: target.isEmpty ? nil : target, selector: selector, namespace: namespace, context: context, container: nil), colorIndex: index)
            case .file(let path):
                _ = await logHub.add(.file(path: path), colorIndex: index)
            }
        }
    }

    /// One polling task per docker host and per kubernetes scope; each stops its streams on exit.
    private func startContainerProbes(_ dockerTargets: [DockerHostTarget], _ kubeTargets: [KubeTarget], refresh: Duration, transitions: PendingEvents) {
        let store = self.store
        let deadline = max(Duration.seconds(10), refresh * 3)
        for (slot, target) in dockerTargets.enumerated() {
            let probe = DockerProbe(target: target)
            pollRounds(every: refresh, transitions: transitions, poll: { await probe.poll(deadline: deadline) }, stop: { await probe.stop() }) { round in
                var notes: [String] = []
                store.update { notes = $0.record(docker: round, slot: slot) }
                return notes
            }
        }
        for (slot, target) in kubeTargets.enumerated() {
            let probe = KubeProbe(target: target)
            pollRounds(every: refresh, transitions: transitions, poll: { await probe.poll(deadline: deadline) }, stop: { await probe.stop() }) { round in
                var notes: [String] = []
                store.update { notes = $0.record(kubernetes: round, slot: slot, now: Date()) }
                return notes
            }
        }
    }

    /// `logs: - docker: web-*`: follows every container whose name matches, including ones that
    /// appear later (the list is asked for every 10 s).
    private func followMatchingContainers(_ glob: LogSourceGlob, host: String?, colorIndex: Int) {
        let hub = logHub
        var global: [String] = []
        if let host { global = host.hasPrefix("context:") ? ["--context", String(host.dropFirst("context:".count))] : ["--host", host] }
        let arguments = global + ["ps", "--format", "{{.Names}}"]
        addTask(Task.detached(priority: .utility) {
            var following = Set<String>()
            while !Task.isCancelled {
                let outcome = await ProcessRunner.run("docker", arguments, deadline: .seconds(10))
                if outcome.succeeded {
                    let names = outcome.stdoutText.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
                    for name in names.sorted() where glob.matches(name) && !following.contains(name) {
                        following.insert(name)
                        _ = await hub.add(.docker(container: name, host: host), colorIndex: colorIndex + following.count - 1)
                    }
                }
                try? await Task.sleep(for: .seconds(10))
            }
        })
    }

    /// A single-flight polling task: one round at a time, `refresh` apart, the probe's streams
    /// stopped when the task is cancelled; what a round reports as notable goes to the timeline.
    private func pollRounds<Round: Sendable>(
        every refresh: Duration, transitions: PendingEvents, poll: @escaping @Sendable () async -> Round,
        stop: @escaping @Sendable () async -> Void, record: @escaping @Sendable (Round) -> [String]
    ) {
        addTask(Task.detached(priority: .utility) {
            while !Task.isCancelled {
                let round = await poll()
                if Task.isCancelled { break }
                for note in record(round) { transitions.append(note) }
                try? await Task.sleep(for: refresh)
            }
            await stop()
        })
    }

    private func stopProbes() async {
        let tasks = probeTasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        await logHub.stopAll()
        for task in tasks { await task.value }
        // Belt and braces: any child group still listed (a probe stuck past cancellation) is ended.
        ProcessRunner.terminateAllChildGroups()
    }
}

/// Probe transitions waiting for the terminal thread to write them to the incident timeline.
final class PendingEvents: Sendable {
    private let items = Mutex<[String]>([])
    private let wake: WakeSignal?
    init(wake: WakeSignal?) { self.wake = wake }
    func append(_ text: String) {
        items.withLock { $0.append(text) }
        wake?.raise()
    }
    func takeAll() -> [String] {
        items.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
