import Foundation
import TriageCore

/// Watches the containers of one docker host, driven by what changes: one long-running
/// `docker events` stream says which containers changed, one `docker stats` stream gives figures.
///
/// A round reads only what the events call for (see `ContainerChanges`): nothing while nothing
/// happens, nothing either for a start, a die or a health verdict the event line carries (applied to
/// the row as it came, see `ContainerEventPatch`, and confirmed by an inspect at most every
/// `healthRecheck`), one `docker inspect` of every container an event named, and `docker ps -a` (then inspect of
/// the containers whose `ps` line changed) when containers came or went, every `relistInterval` as a
/// safety net, and every round while the events stream is not running (it ended: the engine went
/// away, or it cannot stream), which is how the probe worked before it had one. Cost stays flat as
/// containers multiply: two stream processes per host, and a short-lived one only after something
/// happened. A failed round keeps the last good containers and reports the tool's own reason. Drive
/// it with `poll(deadline:)` from a `ProbeLoop`; call `stop()` to end the streams (their process
/// groups are torn down).
public actor DockerProbe {
    public nonisolated let target: DockerHostTarget
    let executable: String
    private let now: @Sendable () -> Date
    /// A restart seen within this window marks the container as restarting (a crash loop).
    public nonisolated let restartWindow: TimeInterval
    /// Stats samples older than this are dropped (the container stopped, or the stream stalled);
    /// younger ones stay on screen while the stream has nothing newer, marked old past
    /// `ContainerStats.freshFor`.
    public nonisolated let statsMaxAge: TimeInterval
    /// Least time between two one-shot `docker stats --no-stream` runs for containers the stream
    /// has no fresh figures for.
    public nonisolated let oneShotInterval: TimeInterval

    private var entries: [DockerPSEntry] = []
    private var inspected: [String: DockerInspectEntry] = [:]
    private var fingerprints: [String: String] = [:]
    private var restartSeenAt: [String: Date] = [:]
    private var lastGood: [ContainerInfo] = []
    private var lastGoodAt: Date?

    private var changes: ContainerChanges
    private var eventsTask: Task<Void, Never>?
    /// docker runs started so far, by subcommand ("ps", "inspect", "stats", "events"): tests count them.
    public private(set) var runsStarted: [String: Int] = [:]

    private var stats = LastStatsFigures()
    private var statsTask: Task<Void, Never>?
    private var statsFailure: String?
    private var statsLines = 0
    private var stopped = false
    private var oneShotTask: Task<Void, Never>?
    private var oneShotAt: Date?
    /// Backoff between restarts of the stats and events streams.
    private let streamBackoff: ClosedRange<Duration>

    /// - Parameters:
    ///   - executable: `docker` on PATH, or an absolute path.
    ///   - now: wall clock for timestamps (tests inject their own).
    ///   - streamBackoff: first and longest wait before restarting an ended stats or events stream.
    ///   - relistInterval: the longest time without a full `docker ps`, whatever the events say.
    ///   - healthRecheck: the least time between two inspects of a container whose only news the
    ///     events carried (a start, a die, a health check run).
    ///   - eventsSettle: how long the events stream must have run before a list begun after that
    ///     counts as followed by it.
    public init(
        target: DockerHostTarget, executable: String = "docker", now: @escaping @Sendable () -> Date = { Date() },
        restartWindow: TimeInterval = 600, statsMaxAge: TimeInterval = 300, oneShotInterval: TimeInterval = 10,
        streamBackoff: ClosedRange<Duration> = StreamBackoff.standard, relistInterval: Duration = .seconds(30),
        healthRecheck: Duration = .seconds(10), eventsSettle: Duration = .seconds(1)
    ) {
        changes = ContainerChanges(relistInterval: relistInterval, healthRecheck: healthRecheck, settle: eventsSettle)
        self.target = target
        self.executable = executable
        self.now = now
        self.restartWindow = restartWindow
        self.statsMaxAge = statsMaxAge
        self.oneShotInterval = oneShotInterval
        self.streamBackoff = streamBackoff
    }

    // MARK: Rounds

    /// One round: what the events call for (nothing, inspect, or list and inspect), merged with the
    /// latest stats. Starts the streams on first use.
    public func poll(deadline: Duration) async -> DockerSnapshot {
        if statsTask == nil && !stopped { startStatsStream() }
        if eventsTask == nil && !stopped { startEventsStream() }
        let clock = ContinuousClock()
        let start = clock.now
        applyCarried(changes.takeCarried())
        let plan = changes.take(at: start)
        switch plan {
        case .quiet:
            return rebuild(at: now(), failure: nil, inspected: 0)
        case .inspect(let ids):
            return await inspectOnly(ids, deadline: deadline)
        case .relist(let named):
            let ps = await run(["ps", "-a", "--format", "{{json .}}"], deadline: deadline)
            guard ps.succeeded else {
                changes.readFailed()
                let reason = DockerSSHErrorText.reason(stderr: ps.stderrText) ?? ps.failureReason
                return snapshot(failure: reason ?? "docker ps failed", inspected: 0)
            }
            let listing = DockerPSParser.parse(ps.stdoutText)
            if let unreadable = listing.unreadableReason {
                changes.readFailed()
                return snapshot(failure: unreadable, inspected: 0)
            }
            changes.listed(at: start)
            let parsed = listing.entries.filter { target.includes(name: $0.name) }
            return await relisted(parsed, naming: Set(named), started: start, deadline: deadline)
        }
    }

    /// After a `docker ps`: inspect what changed (by its line, or named by an event), keep the rows.
    private func relisted(_ parsed: [DockerPSEntry], naming named: Set<String>, started start: ContinuousClock.Instant, deadline: Duration) async -> DockerSnapshot {
        let clock = ContinuousClock()
        let roundTime = now()
        let changed = parsed.filter { named.contains($0.containerID) || needsInspect($0, at: roundTime) }.map(\.containerID)
        var inspectFailure: String?
        var refreshed: Set<String> = []
        if !changed.isEmpty {
            let remaining = deadline - (clock.now - start)
            if remaining <= .zero {
                inspectFailure = "timed out after \(DurationText.format(deadline))"
            } else {
                let outcome = await run(["inspect", "--type", "container"] + changed, deadline: remaining)
                // A container removed between ps and inspect makes inspect exit 1 but still print the others.
                if let found = try? DockerInspectParser.parse(Data(outcome.stdout)) {
                    for entry in found {
                        record(entry, at: roundTime)
                        refreshed.insert(entry.shortID)
                    }
                } else if !outcome.succeeded {
                    inspectFailure = outcome.failureReason
                }
            }
        }
        // A change counts as seen only once inspect has read it; otherwise the next round asks again.
        let pending = Set(changed).subtracting(refreshed)
        if !pending.isEmpty { changes.readFailed() }
        changes.inspected(refreshed, at: clock.now)
        for entry in parsed {
            fingerprints[entry.containerID] = pending.contains(entry.containerID) ? nil : entry.fingerprint
        }
        let live = Set(parsed.map(\.containerID))
        inspected = inspected.filter { live.contains($0.key) }
        fingerprints = fingerprints.filter { live.contains($0.key) }
        restartSeenAt = restartSeenAt.filter { live.contains($0.key) }
        changes.keep(only: live)
        entries = parsed
        // ps worked, so the rows are current even when inspect failed; its reason still shows.
        return rebuild(at: roundTime, failure: inspectFailure.map { "docker inspect: \($0)" }, inspected: changed.count)
    }

    /// Events named these containers and nothing else happened: `docker inspect` them, no `ps`.
    private func inspectOnly(_ named: [String], deadline: Duration) async -> DockerSnapshot {
        let clock = ContinuousClock()
        // Only IDs the last `docker ps` listed go on the argv; a container it did not list (created
        // unseen, or an ID the stream garbled) makes the next round list instead.
        let listed = Set(entries.map(\.containerID))
        let ids = named.filter(listed.contains)
        if ids.count < named.count { changes.readFailed() }
        guard !ids.isEmpty else { return rebuild(at: now(), failure: nil, inspected: 0) }
        let outcome = await run(["inspect", "--type", "container"] + ids, deadline: deadline)
        guard let found = try? DockerInspectParser.parse(Data(outcome.stdout)) else {
            changes.readFailed()
            let reason = DockerSSHErrorText.reason(stderr: outcome.stderrText) ?? outcome.failureReason
            return snapshot(failure: reason ?? "docker inspect failed", inspected: 0)
        }
        let roundTime = now()
        var seen: Set<String> = []
        for entry in found {
            guard let index = entries.firstIndex(where: { $0.containerID == entry.shortID }) else { continue }
            record(entry, at: roundTime)
            seen.insert(entry.shortID)
            entries[index].state = entry.status
            entries[index].status = entry.status == "exited" ? entry.exitCode.map { "Exited (\($0))" } ?? "" : ""
            // The line is no longer what ps printed: the next list inspects it again.
            fingerprints[entry.shortID] = nil
        }
        changes.inspected(seen, at: clock.now)
        // A container gone (or one this host's globs do not show, renamed into view): list them all next round.
        if seen.count < ids.count { changes.readFailed() }
        return rebuild(at: roundTime, failure: nil, inspected: ids.count)
    }

    /// Applies what the events carried to the cached rows; a container they cannot be applied to
    /// (not listed or inspected yet, or the event is older than its entry) is inspected instead.
    private func applyCarried(_ events: [DockerEvent]) {
        guard !events.isEmpty else { return }
        let time = now()
        for event in events {
            let id = event.containerID
            guard let index = entries.firstIndex(where: { $0.containerID == id }), var details = inspected[id],
                ContainerEventPatch.apply(event, to: &entries[index], details: &details)
            else {
                changes.mustInspect(id)
                continue
            }
            if let previous = inspected[id]?.restartCount, let current = details.restartCount, current > previous {
                restartSeenAt[id] = time
            }
            inspected[id] = details
            // The line is no longer what ps printed: the next list inspects it again.
            fingerprints[id] = nil
        }
    }

    /// The rows from what is known now (stats and restart windows move on even in a quiet round).
    private func rebuild(at roundTime: Date, failure: String?, inspected count: Int) -> DockerSnapshot {
        lastGood = entries.map { merge($0, at: roundTime) }
        lastGoodAt = roundTime
        requestOneShotFigures(for: lastGood, at: roundTime)
        return snapshot(failure: failure, inspected: count)
    }

    /// One short-lived docker run against this host, counted.
    private func run(_ arguments: [String], deadline: Duration) async -> ProcessOutcome {
        runsStarted[arguments[0], default: 0] += 1
        return await ProcessRunner.run(executable, target.globalArguments + arguments, deadline: deadline)
    }

    /// Ends the stats and events streams and waits for their process groups to be gone.
    public func stop() async {
        stopped = true
        let streams = [statsTask, eventsTask]
        statsTask = nil
        eventsTask = nil
        for task in streams { task?.cancel() }
        for task in streams { await task?.value }
        let oneShot = oneShotTask
        oneShotTask = nil
        oneShot?.cancel()
        await oneShot?.value
    }

    /// Lines the stats stream has delivered so far (for tests and the debug overlay).
    public var statsLinesReceived: Int { statsLines }

    private func snapshot(failure: String?, inspected count: Int) -> DockerSnapshot {
        let roundTime = now()
        // Stale rows keep their identity but lose figures older than the stats window.
        let rows = failure == nil ? lastGood : lastGood.map { row -> ContainerInfo in
            var row = row
            row.stats = stats.figures(for: row.containerID, at: roundTime, maxAge: statsMaxAge)
            return row
        }
        return DockerSnapshot(
            host: target.tag, containers: rows, lastGoodAt: lastGoodAt, roundAt: roundTime, failure: failure,
            statsFailure: statsFailure, inspectedThisRound: count)
    }

    private func needsInspect(_ entry: DockerPSEntry, at time: Date) -> Bool {
        guard let known = inspected[entry.containerID] else { return true }
        if fingerprints[entry.containerID] != entry.fingerprint { return true }
        // Restarted between two rounds: ps still says "Up", but for less time than since the known start
        // (by more than docker's wording can blur).
        if let up = entry.upRange, let started = known.startedAt,
            time.timeIntervalSince(started) > Double(up.upperBound) + 3
        {
            return true
        }
        return false
    }

    private func record(_ entry: DockerInspectEntry, at time: Date) {
        let id = entry.shortID
        if let previous = inspected[id]?.restartCount, let current = entry.restartCount, current > previous {
            restartSeenAt[id] = time
        }
        inspected[id] = entry
    }

    private func merge(_ entry: DockerPSEntry, at time: Date) -> ContainerInfo {
        let details = inspected[entry.containerID]
        let state = ContainerRunState(engineWord: entry.state.isEmpty ? (details?.status ?? "") : entry.state)
        let exitCode: Int? =
            switch state {
            case .exited, .dead, .restarting:
                ContainerInfo.exitCode(fromStatus: entry.status) ?? details?.exitCode
            default: nil
            }
        let restarts = details?.restartCount ?? 0
        var recent = false
        if restarts > 0 {
            if let seen = restartSeenAt[entry.containerID], time.timeIntervalSince(seen) < restartWindow { recent = true }
            if state == .running, let started = details?.startedAt, time.timeIntervalSince(started) < restartWindow {
                recent = true
            }
        }
        var row = ContainerInfo(
            host: target.tag, containerID: entry.containerID, name: entry.name,
            image: entry.image.isEmpty ? (details?.image ?? "") : entry.image, state: state, statusText: entry.status,
            health: ContainerHealth(engineWord: details?.healthStatus), restarts: details?.restartCount,
            exitCode: exitCode, oomKilled: details?.oomKilled ?? false, startedAt: details?.startedAt,
            finishedAt: details?.finishedAt, restartedRecently: recent)
        row.details = details?.details
        if state == .running || state == .paused {
            row.stats = stats.figures(for: entry.containerID, at: time, maxAge: statsMaxAge)
        }
        return row
    }

    // MARK: Streams

    /// The two long-running docker processes of a host.
    private enum Stream: String {
        case stats
        case events

        func arguments(_ target: DockerHostTarget) -> [String] {
            switch self {
            case .stats: target.globalArguments + ["stats", "--format", "{{json .}}"]
            case .events: target.globalArguments + DockerEvent.streamArguments
            }
        }
    }

    private func startStatsStream() { statsTask = keepRunning(.stats) }

    private func startEventsStream() { eventsTask = keepRunning(.events) }

    /// Runs a stream, and again after its backoff whenever it ends, until `stop()`.
    private func keepRunning(_ stream: Stream) -> Task<Void, Never> {
        let arguments = stream.arguments(target)
        let executable = executable
        let backoff = streamBackoff
        // The task holds the actor until `stop()`: the stream is the actor's to end, not ARC's.
        return Task {
            var wait = StreamBackoff(backoff)
            while !Task.isCancelled {
                let clock = ContinuousClock()
                let started = clock.now
                self.streamStarting(stream)
                let termination = await ProcessRunner.streamLines(executable, arguments) { line in
                    await self.ingest(line, from: stream)
                }
                self.streamEnded(stream, termination, cancelled: Task.isCancelled)
                if Task.isCancelled { break }
                do { try await Task.sleep(for: wait.next(afterRunOf: clock.now - started)) } catch { break }
            }
        }
    }

    private func streamStarting(_ stream: Stream) {
        runsStarted[stream.rawValue, default: 0] += 1
        if stream == .events { changes.streamStarted(at: ContinuousClock.now) }
    }

    private func ingest(_ line: String, from stream: Stream) {
        switch stream {
        case .stats: ingestStats(line)
        case .events: ingestEvent(line)
        }
    }

    private func streamEnded(_ stream: Stream, _ termination: StreamTermination, cancelled: Bool) {
        switch stream {
        // Until a new events stream follows, every round lists the containers again.
        case .events: changes.streamEnded()
        case .stats where !cancelled:
            statsFailure = "docker stats: "
                + (DockerSSHErrorText.reason(stderr: termination.stderrTail) ?? termination.failureReason ?? "docker stats ended")
        case .stats: break
        }
    }

    private func ingestEvent(_ line: String) {
        guard let event = DockerEvent.parse(line), event.concerns(target) else { return }
        changes.record(event)
    }

    private func ingestStats(_ line: String) {
        statsLines += 1
        guard let sample = DockerStatsParser.parseLine(line) else { return }
        statsFailure = nil
        stats.record(sample, at: now(), maxAge: statsMaxAge)
    }

    /// Runs one `docker stats --no-stream` (in the background, never holding a round) for running
    /// containers the stream has no fresh figures for, at most every `oneShotInterval`.
    private func requestOneShotFigures(for rows: [ContainerInfo], at time: Date) {
        guard !stopped, oneShotTask == nil else { return }
        if let last = oneShotAt, time.timeIntervalSince(last) < oneShotInterval { return }
        let missing = rows.filter { row in
            (row.state == .running || row.state == .paused) && stats.lacksFreshFigures(row.containerID, at: time)
        }.map(\.containerID)
        guard !missing.isEmpty else { return }
        oneShotAt = time
        let arguments = target.globalArguments + ["stats", "--no-stream", "--format", "{{json .}}"] + missing.prefix(64)
        let executable = executable
        runsStarted["stats --no-stream", default: 0] += 1
        oneShotTask = Task {
            let outcome = await ProcessRunner.run(executable, arguments, deadline: .seconds(20))
            await self.ingestOneShot(outcome.stdoutText)
        }
    }

    private func ingestOneShot(_ text: String) {
        oneShotTask = nil
        for sample in DockerStatsParser.parse(text) {
            // The stream may have caught up meanwhile: its figures are as good and no older.
            let time = now()
            guard stats.lacksFreshFigures(String(sample.containerID.prefix(12)), at: time) else { continue }
            stats.record(sample, at: time, maxAge: statsMaxAge)
        }
    }

}
