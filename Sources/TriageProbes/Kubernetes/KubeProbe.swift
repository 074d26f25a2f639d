import Foundation
import TriageCore

/// Watches one Kubernetes context: a pod cache fed by `kubectl get pods --watch` streams, plus nodes
/// and the last hour's warning events each round.
///
/// Pods are not re-listed every round: one `kubectl get pods -o json --watch --output-watch-events`
/// per namespace scope delivers the initial list and then every change. When a stream ends (server
/// closed the watch, network gone) it is restarted with backoff, and its fresh list replaces what the
/// cache held for that scope. Each round (`poll(deadline:)`) only reads nodes and warning events.
/// Failures name the context: "context prod: connection refused (10.0.0.1:6443)". Call `stop()` to
/// end the streams.
public actor KubeProbe {
    public nonisolated let target: KubeTarget
    private let executable: String
    private let now: @Sendable () -> Date
    /// Warning events older than this are not shown.
    public nonisolated let eventWindow: TimeInterval
    private let streamBackoff: ClosedRange<Duration>
    /// How long the initial ADDED burst of a new stream must stay quiet before it counts as the full list.
    private let relistQuiet: TimeInterval

    private struct Scope {
        var arguments: [String]
        var cache = KubePodCache()
        var task: Task<Void, Never>?
        var streamStartedAt: Date?
        var lastLineAt: Date?
        var linesThisStream = 0
        var connected = false
        var failure: String?
    }

    private var scopes: [Scope]
    private var nodes: [NodeInfo] = []
    private var events: [KubeEvent] = []
    private var lastGoodAt: Date?
    private var podsUpdatedAt: Date?
    private var stopped = false
    private var started = false
    /// Streams started so far, over all scopes (tests check that re-listing happens, and not too often).
    public private(set) var streamsStarted = 0
    public private(set) var malformedEvents = 0

    public init(
        target: KubeTarget, executable: String = "kubectl", now: @escaping @Sendable () -> Date = { Date() },
        eventWindow: TimeInterval = 3600, streamBackoff: ClosedRange<Duration> = .seconds(1)...(.seconds(30)),
        relistQuiet: TimeInterval = 0.5
    ) {
        self.target = target
        self.executable = executable
        self.now = now
        self.eventWindow = eventWindow
        self.streamBackoff = streamBackoff
        self.relistQuiet = relistQuiet
        self.scopes = target.scopes.map { Scope(arguments: $0) }
    }

    // MARK: Rounds

    /// One round: nodes and warning events (in parallel, within `deadline`), plus the pod cache as it is.
    /// Starts the watch streams on first use.
    public func poll(deadline: Duration) async -> KubeSnapshot {
        if !started && !stopped { startWatching() }
        let globals = target.globalArguments
        let executable = executable
        async let nodeRun = ProcessRunner.run(executable, globals + ["get", "nodes", "-o", "json"], deadline: deadline)
        let eventRuns = await withTaskGroup(of: (Int, ProcessOutcome).self) { group in
            for (index, scope) in target.scopes.enumerated() {
                group.addTask {
                    (index, await ProcessRunner.run(
                        executable, globals + ["get", "events", "-o", "json", "--field-selector", "type=Warning"] + scope,
                        deadline: deadline))
                }
            }
            var results: [(Int, ProcessOutcome)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let nodeOutcome = await nodeRun
        let roundTime = now()

        var failure: String?
        var notes: [String] = []
        do throws(KubeParseError) {
            // RBAC often hides nodes (or events) from namespace-scoped users: that is a note, not an outage.
            var freshNodes: [NodeInfo] = []
            if nodeOutcome.succeeded {
                freshNodes = try KubeNodeListParser.parse(Data(nodeOutcome.stdout), context: target.contextName)
            } else if Self.isForbidden(nodeOutcome) {
                notes.append("nodes: \(reason(nodeOutcome))")
            } else {
                throw KubeParseError(reason(nodeOutcome))
            }
            var freshEvents: [KubeEvent] = []
            for outcome in eventRuns {
                if outcome.succeeded {
                    freshEvents += try KubeEventListParser.parse(Data(outcome.stdout), context: target.contextName)
                } else if Self.isForbidden(outcome) {
                    notes.append("events: \(reason(outcome))")
                } else {
                    throw KubeParseError(reason(outcome))
                }
            }
            nodes = freshNodes
            events = KubeEventListParser.recent(freshEvents, now: roundTime, window: eventWindow)
            lastGoodAt = roundTime
        } catch {
            failure = error.description
        }
        settleRelists(at: roundTime, apiAnswered: failure == nil)
        if failure == nil { failure = scopes.lazy.compactMap(\.failure).first }
        return KubeSnapshot(
            context: target.contextName, pods: cachedPods, nodes: nodes,
            events: events.filter { roundTime.timeIntervalSince($0.lastSeen ?? .distantPast) <= eventWindow },
            podsUpdatedAt: podsUpdatedAt, lastGoodAt: lastGoodAt, roundAt: roundTime,
            failure: failure.map { "context \(target.contextName): \($0)" },
            watching: scopes.allSatisfy { $0.connected && !$0.cache.isRelisting }, notes: notes)
    }

    /// Ends every watch stream and waits until their processes are gone.
    public func stop() async {
        stopped = true
        let tasks = scopes.compactMap(\.task)
        for index in scopes.indices { scopes[index].task = nil }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// True while every watch stream is connected (false in a backoff gap after a stream ended).
    public var watchConnected: Bool { scopes.allSatisfy(\.connected) }

    /// The pods of every scope, sorted by namespace then name.
    public var cachedPods: [PodInfo] {
        scopes.flatMap { $0.cache.pods.values }.sorted {
            ($0.namespace, $0.name) < ($1.namespace, $1.name)
        }
    }

    static func isForbidden(_ outcome: ProcessOutcome) -> Bool {
        guard case .exited = outcome.exitStatus else { return false }
        return outcome.stderrText.contains("(Forbidden)")
    }

    private func reason(_ outcome: ProcessOutcome) -> String {
        if case .exited = outcome.exitStatus, let text = KubectlErrorText.reason(stderr: outcome.stderrText) { return text }
        return outcome.failureReason ?? "kubectl failed"
    }

    // MARK: Watch streams

    private func startWatching() {
        started = true
        for index in scopes.indices {
            let arguments = target.globalArguments
                + ["get", "pods", "-o", "json", "--watch", "--output-watch-events"]
                + scopes[index].arguments + target.selectorArguments
            let executable = executable
            let backoff = streamBackoff
            // The task holds the actor until `stop()`: ending the stream is the actor's job, not ARC's.
            scopes[index].task = Task {
                var wait = backoff.lowerBound
                while !Task.isCancelled {
                    let clock = ContinuousClock()
                    let begun = clock.now
                    self.streamStarting(index)
                    let splitter = WatchLineBox()
                    let termination = await ProcessRunner.streamLines(executable, arguments) { line in
                        for object in await splitter.feed(line) { await self.ingest(object, scope: index) }
                    }
                    if Task.isCancelled { break }
                    let why: String =
                        if case .exited = termination.exitStatus, let text = KubectlErrorText.reason(stderr: termination.stderrTail) {
                            text
                        } else {
                            termination.failureReason ?? "pod watch ended"
                        }
                    self.streamEnded(index, reason: why)
                    wait = clock.now - begun > .seconds(30) ? backoff.lowerBound : min(wait * 2, backoff.upperBound)
                    do { try await Task.sleep(for: wait) } catch { break }
                }
            }
        }
    }

    private func streamStarting(_ index: Int) {
        streamsStarted += 1
        scopes[index].cache.beginRelist()
        scopes[index].streamStartedAt = now()
        scopes[index].lastLineAt = nil
        scopes[index].linesThisStream = 0
    }

    private func ingest(_ object: String, scope index: Int) {
        let time = now()
        scopes[index].lastLineAt = time
        scopes[index].linesThisStream += 1
        scopes[index].connected = true
        guard let event = try? KubeWatchEventParser.parse(object, context: target.contextName) else {
            malformedEvents += 1
            return
        }
        if event.kind == .error {
            scopes[index].failure = event.errorMessage
            return
        }
        scopes[index].failure = nil
        scopes[index].cache.apply(event)
        podsUpdatedAt = time
    }

    private func streamEnded(_ index: Int, reason: String) {
        scopes[index].connected = false
        // An ended stream's cache is kept (stale) until the next stream's list replaces it.
        scopes[index].failure = reason == "pod watch ended" && scopes[index].linesThisStream > 0 ? nil : reason
    }

    /// Ends a re-list whose initial burst went quiet; an empty scope counts once the API has answered.
    private func settleRelists(at time: Date, apiAnswered: Bool) {
        for index in scopes.indices where scopes[index].cache.isRelisting {
            let scope = scopes[index]
            if let last = scope.lastLineAt {
                if time.timeIntervalSince(last) >= relistQuiet { scopes[index].cache.finishRelist() }
            } else if apiAnswered, scope.task != nil, let begun = scope.streamStartedAt,
                time.timeIntervalSince(begun) >= 2, scope.failure == nil
            {
                scopes[index].cache.finishRelist()
                scopes[index].connected = true
                podsUpdatedAt = time
            }
        }
    }
}

/// Holds the JSON object splitter of one stream across its lines (they arrive in order, one at a time).
actor WatchLineBox {
    private var splitter = JSONObjectSplitter()
    func feed(_ line: String) -> [String] { splitter.feed(line: line) }
}
