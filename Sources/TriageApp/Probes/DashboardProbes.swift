import Foundation
import Synchronization
import TriageConfig
import TriageCore
import TriageLogs
import TriageProbes

/// The dashboard's probes: the registry's table run continuously by one `ProbeEngine`, each
/// delivery taken into the `SnapshotStore` (and the timeline, and the log hub for globbed
/// containers), discovery when nothing is configured, and the configured log streams.
///
/// Every source has the engine's one lifecycle; this type only wires deliveries to where they go.
final class DashboardProbes: Sendable {
    private let store: SnapshotStore
    private let transitions: PendingEvents
    private let logHub: LogHub
    private let engine = ProbeEngine(clock: ContinuousClock())
    private let registry: Mutex<ProbeRegistry>
    private let logs: [TriageConfig.LogSource]
    private let declared: [(String, ServiceCheckResult.Kind, CheckStateMachine.Policy)]
    private let discover: Bool
    /// Containers already followed per `logs:` glob (by the glob's config index).
    private let followed = Mutex<[Int: Set<String>]>([:])
    private let tasks = Mutex<[Task<Void, Never>]>([])
    /// Docker host tag → the follower's host argument, for offering containers' logs in the picker.
    private let hostArguments = Mutex<[String: String?]>([:])

    init(options: DashboardRunner.Options, store: SnapshotStore, transitions: PendingEvents, logHub: LogHub) {
        self.store = store
        self.transitions = transitions
        self.logHub = logHub
        let config = options.configuration
        registry = Mutex(ProbeRegistry.dashboard(
            configuration: config, commandsWithheld: options.sources.commandsWithheld, refresh: options.sources.refresh))
        logs = config?.logs ?? []
        declared = (config?.services.map { ($0.name, .http, $0.policy) } ?? [])
            + (config?.network.map { ($0.name, $0.kind, $0.policy) } ?? [])
            + (config?.checks.map { ($0.name, .command, $0.policy) } ?? [])
            + (config?.prometheus.map { ($0.name, .prometheus, $0.policy) } ?? [])
        discover = options.discover
    }

    /// The follower's host argument for a docker host tag (nil: the CLI default).
    func dockerHostArgument(_ tag: String) -> String? { hostArguments.withLock { $0[tag] ?? nil } }

    func start() async {
        let declared = self.declared
        store.update { $0.declareServices(declared) }
        let (entries, targets) = registry.withLock { ($0.entries, $0.dockerTargets) }
        offer(targets)
        engine.start(entries, sink: deliver)
        if discover { startDiscovery() }
        await followConfiguredLogs()
    }

    /// Stops every probe and log stream; a probe stuck past cancellation has its child group ended.
    func stop() async {
        let pending = tasks.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for task in pending { task.cancel() }
        // Discovery first: once it has ended it can start no probe after the engine stopped.
        for task in pending { await task.value }
        await engine.stop()
        await logHub.stopAll()
        ProcessRunner.terminateAllChildGroups()
    }

    private var deliver: ProbeEngine<ContinuousClock>.Sink {
        { [self] delivery in
            var notes: [String] = []
            store.update { notes = $0.record(delivery, now: Date()) }
            for note in notes { transitions.append(note) }
            if case .containerNames(let names, _)? = delivery.data { await follow(names, globIndex: delivery.registration.slot) }
        }
    }

    /// Discovery runs the CLIs; the first frame must not wait for them.
    private func startDiscovery() {
        store.update { $0.discovery = .running }
        let task = Task.detached(priority: .userInitiated) { [self] in
            let found = await Discovery.run(deadline: .seconds(3))
            guard !Task.isCancelled else { return }
            store.update {
                $0.discovery = .done(
                    dockerHosts: found.dockerTargets.map(\.tag), kubeContexts: found.kubeTargets.map(\.contextName),
                    dockerNote: found.notes.first { $0.lowercased().contains("docker") },
                    kubeNote: found.notes.first { $0.lowercased().contains("kube") })
            }
            let added = registry.withLock { $0.add(dockerTargets: found.dockerTargets, kubeTargets: found.kubeTargets) }
            offer(found.dockerTargets)
            engine.start(added, sink: deliver)
        }
        tasks.withLock { $0.append(task) }
    }

    private func offer(_ targets: [DockerHostTarget]) {
        hostArguments.withLock { map in
            for target in targets { map[target.tag] = .some(target.followerHost) }
        }
    }

    /// Starts following the containers a glob matches that are not followed yet.
    private func follow(_ names: [String], globIndex: Int) async {
        guard case .docker(_, let endpoint) = logs[globIndex] else { return }
        let fresh = followed.withLock { seen -> [String] in
            let new = names.filter { !(seen[globIndex] ?? []).contains($0) }
            seen[globIndex, default: []].formUnion(new)
            return new
        }
        let count = followed.withLock { $0[globIndex]?.count ?? 0 } - fresh.count
        for (offset, name) in fresh.enumerated() {
            _ = await logHub.add(.docker(container: name, host: endpoint.followerHost), colorIndex: globIndex + count + offset)
        }
    }

    /// The log streams the config names outright (globs are followed through their discovery probe).
    private func followConfiguredLogs() async {
        for (index, source) in logs.enumerated() {
            switch source {
            case .docker(let container, let endpoint):
                if !LogSourceGlob(container).isPattern {
                    _ = await logHub.add(.docker(container: container, host: endpoint.followerHost), colorIndex: index)
                }
            case .kubectl(let target, let context, let namespace, let selector):
                _ = await logHub.add(.kubectl(target: target.isEmpty ? nil : target, selector: selector, namespace: namespace, context: context, container: nil), colorIndex: index)
            case .file(let path):
                _ = await logHub.add(.file(path: path), colorIndex: index)
            }
        }
    }
}
