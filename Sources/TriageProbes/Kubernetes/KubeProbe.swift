import Foundation
import TriageCore

/// Watches one Kubernetes context the way informers do: pods, nodes and warning events each listed,
/// then watched from the list's resourceVersion, with no kubectl run per round.
///
/// One `kubectl get <resource> -o json --watch --output-watch-events` per stream (see
/// `KubeWatchResource`): pods and warning events per namespace scope, nodes once. A stream is listed
/// again when its watch ends (the server closes watches after a while), when the server says its
/// resourceVersion is too old (an ERROR event with 410), every `relistInterval` as a safety net, and
/// when the API server has not answered for `answerTimeout`. A relist replaces what the stream held
/// only once the new list is complete. Each round (`poll(deadline:)`) reads the caches; it waits up to
/// `deadline` for lists still in flight, and a stream unanswered by then fails the round with "timed
/// out after 10s". Failures name the context: "context prod: connection refused (10.0.0.1:6443)".
/// RBAC that hides nodes or events is a note, not a failure. A stream that ends restarts after a
/// backoff (`StreamBackoff`: 2 s growing to 60 s). While the API server does not answer at all
/// (refused, unreachable), only the first stream keeps trying: the others wait until it gets an
/// answer, so a context that is down costs one kubectl start per backoff step, not one per stream,
/// and keeps saying why. Call `stop()` to end the streams.
///
/// A probe stopped before its first poll does a one-shot round instead (`triage check`).
public actor KubeProbe {
    public nonisolated let target: KubeTarget
    let executable: String
    let now: @Sendable () -> Date
    /// Warning events older than this are not shown (they drop out as time passes, without a new event).
    public nonisolated let eventWindow: TimeInterval
    private let streamBackoff: ClosedRange<Duration>
    /// With a kubectl whose request log is not recognised: how long the initial ADDED burst must stay
    /// quiet before it counts as the full list.
    private let relistQuiet: TimeInterval
    /// Every stream is listed again this often even when its watch never ended.
    public nonisolated let relistInterval: Duration
    /// A stream the API server has not answered for this long is restarted on a fresh connection.
    private let answerTimeout: Duration

    private var streams: [KubeWatchStream]
    private var lastGoodAt: Date?
    private var podsUpdatedAt: Date?
    private var stopped = false
    private var started = false
    private var sortedPods: (version: Int, pods: [PodInfo]) = (-1, [])
    /// The nodes and events the last round handed over: handed over again while equal (``KubeSnapshot``).
    private var lastNodes: [NodeInfo] = []
    private var lastEvents: [KubeEvent] = []
    /// Pod watch streams started so far, over all scopes (tests check that relisting happens, and not too often).
    public private(set) var streamsStarted = 0
    /// kubectl runs started so far, by resource: after the first lists, only relists start one.
    public private(set) var runsStarted: [KubeWatchResource: Int] = [:]
    /// Streams ended and listed again by the probe (410, the periodic safety net, no answer), by resource.
    public private(set) var relists: [KubeWatchResource: Int] = [:]
    public private(set) var malformedEvents = 0

    public init(
        target: KubeTarget, executable: String = "kubectl", now: @escaping @Sendable () -> Date = { Date() },
        eventWindow: TimeInterval = 3600, streamBackoff: ClosedRange<Duration> = StreamBackoff.standard,
        relistQuiet: TimeInterval = 0.5, relistInterval: Duration = .seconds(600), answerTimeout: Duration = .seconds(10)
    ) {
        self.target = target
        self.executable = executable
        self.now = now
        self.eventWindow = eventWindow
        self.streamBackoff = streamBackoff
        self.relistQuiet = relistQuiet
        self.relistInterval = relistInterval
        self.answerTimeout = answerTimeout
        let scopes = target.scopes
        self.streams =
            scopes.map { KubeWatchStream(resource: .pods, arguments: KubeWatchResource.pods.arguments(target: target, scope: $0)) }
            + [KubeWatchStream(resource: .nodes, arguments: KubeWatchResource.nodes.arguments(target: target, scope: []))]
            + scopes.map { KubeWatchStream(resource: .events, arguments: KubeWatchResource.events.arguments(target: target, scope: $0)) }
    }

    // MARK: Rounds

    /// One round: the caches as they are, after waiting up to `deadline` for lists in flight.
    /// Starts the watch streams on first use.
    public func poll(deadline: Duration) async -> KubeSnapshot {
        if stopped && !started { return await oneShotRound(deadline: deadline) }
        if !started && !stopped { startWatching() }
        let clock = ContinuousClock()
        let until = clock.now + deadline
        // Bounded by the deadline: 50 ms steps while some stream's list is still on its way.
        while clock.now < until, !Task.isCancelled, streams.contains(where: { $0.running && !$0.listed }) {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let roundTime = now()
        let instant = clock.now
        for index in streams.indices where streams[index].running && !streams[index].answered {
            guard let begun = streams[index].startedAt, instant - begun >= deadline else { continue }
            streams[index].failure = "timed out after \(DurationText.format(deadline))"
            if instant - begun >= max(deadline, answerTimeout) { relist(index, .unanswered) }
        }
        for index in streams.indices where streams[index].listed {
            if let at = streams[index].listedAt, instant - at >= relistInterval { relist(index, .periodic) }
        }
        settleQuietLists(at: roundTime)

        let failure = streams.lazy.compactMap(\.failure).first
        let live = streams.filter { $0.note == nil }
        let watching = live.allSatisfy { $0.listed && !$0.isRelisting }
        if failure == nil && watching { lastGoodAt = roundTime }
        let nodes = cachedNodes
        if nodes != lastNodes { lastNodes = nodes }
        let events = KubeEventListParser.recent(streams.flatMap(\.events.values), now: roundTime, window: eventWindow)
        if events != lastEvents { lastEvents = events }
        return KubeSnapshot(
            context: target.contextName, pods: cachedPods, nodes: lastNodes, events: lastEvents,
            podsUpdatedAt: podsUpdatedAt, lastGoodAt: lastGoodAt, roundAt: roundTime,
            failure: failure.map { "context \(target.contextName): \($0)" }, watching: watching,
            notes: streams.compactMap(\.note))
    }

    /// Ends every watch stream and waits until their processes are gone.
    public func stop() async {
        stopped = true
        let tasks = streams.compactMap(\.task)
        for index in streams.indices {
            streams[index].task = nil
            streams[index].run += 1
            streams[index].running = false
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// True while every stream is listed and watching (false in a backoff gap after a stream ended).
    public var watchConnected: Bool { streams.allSatisfy { $0.listed || $0.note != nil } }

    /// The pods of every scope, sorted by namespace then name. One scope (all namespaces, the
    /// usual case) hands on its cache's own array; several are merged once per change.
    public var cachedPods: [PodInfo] {
        let podStreams = streams.indices.filter { streams[$0].resource == .pods }
        for index in podStreams { streams[index].pods.sortByKey() }
        if podStreams.count == 1 { return streams[podStreams[0]].pods.values }
        let version = streams.reduce(0) { $0 + $1.pods.version }
        if version != sortedPods.version {
            let pods = podStreams.flatMap { streams[$0].pods.values }.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            sortedPods = (version, pods)
        }
        return sortedPods.pods
    }

    private var cachedNodes: [NodeInfo] {
        streams.flatMap(\.nodes.values).sorted { $0.name < $1.name }
    }

    // MARK: Watch streams

    private func startWatching() {
        started = true
        for index in streams.indices { launch(index) }
    }

    /// Starts the loop of one stream: run kubectl, and when it ends, wait (backoff) and run it again.
    /// With `previous`, the new loop first waits until the old one (being cancelled) is gone.
    private func launch(_ index: Int, after previous: Task<Void, Never>? = nil) {
        let arguments = streams[index].arguments
        let executable = executable
        let backoff = streamBackoff
        // The task holds the actor until `stop()`: ending the stream is the actor's job, not ARC's.
        // The first run is counted from now, not from when the task gets to start kubectl: a round
        // waiting for this stream's answer measures its deadline from the same instant.
        let firstRun = runStarting(index)
        streams[index].task = Task {
            await previous?.value
            var wait = StreamBackoff(backoff)
            var next: Int? = firstRun
            while !Task.isCancelled {
                let clock = ContinuousClock()
                let begun = clock.now
                let run = next ?? self.runStarting(index)
                next = nil
                let lines = WatchLineBox()
                // stderr shares stdout's pipe (no shell): kubectl's request log arrives in order with
                // the JSON it printed, which is what tells the end of the list.
                let termination = await ProcessRunner.streamLines(executable, arguments, mergingStderr: true) { line in
                    for item in await lines.feed(line) { await self.ingest(item, stream: index, run: run) }
                }
                if Task.isCancelled { break }
                let pause = self.runEnded(index, run: run, termination: termination)
                let backedOff = wait.next(afterRunOf: clock.now - begun)
                do { try await Task.sleep(for: pause ?? backedOff) } catch { break }
            }
        }
    }

    private func runStarting(_ index: Int) -> Int {
        streams[index].beginRun(at: ContinuousClock.now)
        let resource = streams[index].resource
        runsStarted[resource, default: 0] += 1
        if resource == .pods { streamsStarted += 1 }
        return streams[index].run
    }

    private func ingest(_ item: WatchLineBox.Item, stream index: Int, run: Int) {
        guard streams[index].run == run else { return }
        let resource = streams[index].resource
        switch item {
        case .log(let line):
            switch KubectlWatchLog.classify(line, resource: resource.rawValue) {
            case .listAnswered:
                streams[index].answered = true
                streams[index].logRecognized = true
                if index == Self.lead { wakeWaitingStreams() }
            case .watchStarted:
                streams[index].logRecognized = true
                streams[index].finishList(at: ContinuousClock.now)
            case .chatter: break
            case .message: streams[index].remember(message: line)
            }
        case .object(let text):
            let time = now()
            streams[index].lastLineAt = time
            streams[index].answered = true
            if index == Self.lead { wakeWaitingStreams() }
            guard let event = try? KubeWatchEventParser.parse(text, context: target.contextName, resource: resource) else {
                malformedEvents += 1
                return
            }
            if event.kind == .error {
                if event.isExpired { relist(index, .expired) } else { streams[index].failure = event.errorMessage }
                return
            }
            streams[index].apply(event)
            if resource == .pods { podsUpdatedAt = time }
        }
    }

    /// The stream that keeps trying while the API server does not answer (the first pods stream).
    static let lead = 0

    /// The lead reached the API server: the streams that waited for it start at once.
    private func wakeWaitingStreams() {
        for index in streams.indices where streams[index].waitsForLead {
            streams[index].waitsForLead = false
            let previous = streams[index].task
            previous?.cancel()
            launch(index, after: previous)
        }
    }

    /// Ends the current run of a stream (if any) and starts a fresh list at once, without backoff.
    private func relist(_ index: Int, _ why: KubeWatchStream.Relist) {
        guard !stopped else { return }
        relists[streams[index].resource, default: 0] += 1
        let previous = streams[index].task
        previous?.cancel()
        // A new run number at once: lines the old kubectl prints while it is torn down are ignored.
        launch(index, after: previous)
    }

    /// Records why a run ended; returns how long to wait before the next one (nil: the backoff).
    private func runEnded(_ index: Int, run: Int, termination: StreamTermination) -> Duration? {
        guard streams[index].run == run else { return nil }
        streams[index].running = false
        streams[index].listed = false
        let why = streams[index].verdict ?? termination.failureReason
        guard case .exited(let code) = termination.exitStatus, code == 0 else {
            let reason = why ?? "\(streams[index].resource.rawValue) watch ended"
            if streams[index].resource != .pods, reason.contains("(Forbidden)") {
                // RBAC rarely changes: ask again at the safety-net interval, not every few seconds.
                streams[index].note = "\(streams[index].resource.rawValue): \(reason)"
                streams[index].failure = nil
                return relistInterval
            }
            streams[index].failure = reason
            // The API server never answered this run, nor the lead's: the lead tries for all and wakes this one.
            if index != Self.lead, !streams[index].answered, !streams[Self.lead].answered {
                streams[index].waitsForLead = true
                return relistInterval
            }
            return nil
        }
        // Exit 0: the server ended the watch, which it does routinely. An ERROR event's failure stays.
        return nil
    }

    /// For a kubectl whose request log is not recognised: a list counts as complete once the initial
    /// burst of events went quiet.
    private func settleQuietLists(at time: Date) {
        for index in streams.indices where streams[index].running && !streams[index].listed && !streams[index].logRecognized {
            if let last = streams[index].lastLineAt, time.timeIntervalSince(last) >= relistQuiet {
                streams[index].finishList(at: ContinuousClock.now)
            }
        }
    }
}
