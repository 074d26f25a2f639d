import Foundation
import TriageCore

/// Watches the containers of one docker host: `docker ps -a` each round, one long-running
/// `docker stats` stream for figures, `docker inspect` only for containers whose `ps` line changed.
///
/// Cost stays flat as containers multiply: one `ps` per round, one stats process per host (not
/// one per container), and inspect only after something happened. A failed round keeps the last
/// good containers and reports the tool's own reason. Drive it with `poll(deadline:)` from a
/// `ProbeLoop`; call `stop()` to end the stats stream (its process group is torn down).
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

    private var stats = LastStatsFigures()
    private var statsTask: Task<Void, Never>?
    private var statsFailure: String?
    private var statsLines = 0
    private var stopped = false
    private var oneShotTask: Task<Void, Never>?
    private var oneShotAt: Date?
    /// Backoff between stats stream restarts.
    private let streamBackoff: ClosedRange<Duration>

    /// - Parameters:
    ///   - executable: `docker` on PATH, or an absolute path.
    ///   - now: wall clock for timestamps (tests inject their own).
    ///   - streamBackoff: first and longest wait before restarting an ended stats stream.
    public init(
        target: DockerHostTarget, executable: String = "docker", now: @escaping @Sendable () -> Date = { Date() },
        restartWindow: TimeInterval = 600, statsMaxAge: TimeInterval = 300, oneShotInterval: TimeInterval = 10,
        streamBackoff: ClosedRange<Duration> = .seconds(1)...(.seconds(30))
    ) {
        self.target = target
        self.executable = executable
        self.now = now
        self.restartWindow = restartWindow
        self.statsMaxAge = statsMaxAge
        self.oneShotInterval = oneShotInterval
        self.streamBackoff = streamBackoff
    }

    // MARK: Rounds

    /// One round: list, inspect what changed, merge the latest stats. Starts the stats stream on first use.
    public func poll(deadline: Duration) async -> DockerSnapshot {
        if statsTask == nil && !stopped { startStatsStream() }
        let clock = ContinuousClock()
        let start = clock.now
        let ps = await ProcessRunner.run(
            executable, target.globalArguments + ["ps", "-a", "--format", "{{json .}}"],
            deadline: deadline)
        guard ps.succeeded else {
            let reason = DockerSSHErrorText.reason(stderr: ps.stderrText) ?? ps.failureReason
            return snapshot(failure: reason ?? "docker ps failed", inspected: 0)
        }
        let listing = DockerPSParser.parse(ps.stdoutText)
        if let unreadable = listing.unreadableReason {
            return snapshot(failure: unreadable, inspected: 0)
        }
        let parsed = listing.entries.filter { target.includes(name: $0.name) }
        let roundTime = now()

        let changed = parsed.filter { needsInspect($0, at: roundTime) }.map(\.containerID)
        var inspectFailure: String?
        var refreshed: Set<String> = []
        if !changed.isEmpty {
            let remaining = deadline - (clock.now - start)
            if remaining <= .zero {
                inspectFailure = "timed out after \(DurationText.format(deadline))"
            } else {
                let outcome = await ProcessRunner.run(
                    executable, target.globalArguments + ["inspect", "--type", "container"] + changed, deadline: remaining)
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
        for entry in parsed {
            fingerprints[entry.containerID] = pending.contains(entry.containerID) ? nil : entry.fingerprint
        }
        let live = Set(parsed.map(\.containerID))
        inspected = inspected.filter { live.contains($0.key) }
        fingerprints = fingerprints.filter { live.contains($0.key) }
        restartSeenAt = restartSeenAt.filter { live.contains($0.key) }
        entries = parsed

        // ps worked, so the rows are current even when inspect failed; its reason still shows.
        lastGood = entries.map { merge($0, at: roundTime) }
        lastGoodAt = roundTime
        requestOneShotFigures(for: lastGood, at: roundTime)
        return snapshot(failure: inspectFailure.map { "docker inspect: \($0)" }, inspected: changed.count)
    }

    /// Ends the stats stream and waits for its process group to be gone.
    public func stop() async {
        stopped = true
        let task = statsTask
        statsTask = nil
        task?.cancel()
        await task?.value
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

    // MARK: Stats stream

    private func startStatsStream() {
        let arguments = target.globalArguments + ["stats", "--format", "{{json .}}"]
        let executable = executable
        let backoff = streamBackoff
        // The task holds the actor until `stop()`: the stream is the actor's to end, not ARC's.
        statsTask = Task {
            var wait = backoff.lowerBound
            while !Task.isCancelled {
                let clock = ContinuousClock()
                let started = clock.now
                let termination = await ProcessRunner.streamLines(executable, arguments) { line in
                    await self.ingestStats(line)
                }
                if Task.isCancelled { break }
                self.statsStreamEnded(
                    DockerSSHErrorText.reason(stderr: termination.stderrTail) ?? termination.failureReason ?? "docker stats ended")
                // A stream that ran for a while resets the backoff; a stream that dies at once backs off.
                wait = clock.now - started > .seconds(30) ? backoff.lowerBound : min(wait * 2, backoff.upperBound)
                do { try await Task.sleep(for: wait) } catch { break }
            }
        }
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

    private func statsStreamEnded(_ reason: String) {
        statsFailure = "docker stats: \(reason)"
    }
}
