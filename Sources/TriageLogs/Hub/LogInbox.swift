import Synchronization
import TriageCore

/// Where followers put decoded lines and the UI takes them: bounded per source, lock-protected,
/// never waiting on either side for long.
///
/// Followers push whole chunks' worth of lines under one short lock; the UI's frame loop calls
/// ``drain()`` (from any thread, no `await`) at most once a frame and gets only what is new. If the
/// UI falls behind, each source's ring keeps only its newest lines and counts the rest as dropped, so
/// memory stays flat however fast a source writes.
public final class LogInbox: Sendable {
    struct SourceBuffer: Sendable {
        var status: LogSourceStatus
        var pending: PendingLines
        var errors: ErrorRateHistory
        var statusChanged = true
    }

    struct State: Sendable {
        var sources: [SourceBuffer] = []
        var version: UInt64 = 0
        var drainedVersion: UInt64 = 0
        /// The second of the last drain, and whether any source's error windows held a line then:
        /// while they do, a new second changes the rates even when no line came.
        var drainedSecond: Int64 = .min
        var errorsShown = false
    }

    private let state = Mutex(State())
    /// Lines kept per source between two drains.
    public let capacityPerSource: Int

    /// Raised after a change the UI should draw at once, so it drains without polling (coalesced: a
    /// firehose source costs the UI one wake-up per frame, not one per chunk).
    private let wake: WakeSignal?
    /// Whether new lines raise ``wake`` (see ``wakesOnNewLines``); sources coming and their state
    /// changing always do.
    private let linesWake = Atomic<Bool>(true)

    public init(capacityPerSource: Int = 10_000, wake: WakeSignal? = nil) {
        self.capacityPerSource = max(1, capacityPerSource)
        self.wake = wake
    }

    /// Registers a source; its id must be the next index (the hub hands them out in order).
    func register(_ source: LogSource) {
        state.withLock { state in
            precondition(source.id.rawValue == state.sources.count, "source ids are dense and in order")
            state.sources.append(SourceBuffer(status: LogSourceStatus(source: source),
                                              pending: PendingLines(capacity: capacityPerSource),
                                              errors: ErrorRateHistory()))
            state.version += 1
        }
        wake?.raise()
    }

    /// Whether new lines wake the UI at once (the default). The dashboard turns it off while no one
    /// reads the Logs pane (another pane has the focus, or the wall): the lines then wait for the
    /// frame the clock's next second draws anyway, so a source printing a line a second costs no
    /// frame of its own. Taken from any thread; a line appended after it is turned on wakes the UI.
    public var wakesOnNewLines: Bool {
        get { linesWake.load(ordering: .relaxed) }
        set { linesWake.store(newValue, ordering: .relaxed) }
    }

    /// Adds lines of one source (in their order).
    public func append(_ lines: [LogLine], source: LogSourceID) {
        guard !lines.isEmpty else { return }
        state.withLock { state in
            let index = source.rawValue
            guard index < state.sources.count else { return }
            state.sources[index].pending.append(contentsOf: lines)
            state.sources[index].status.received += UInt64(lines.count)
            for line in lines where line.severity == .crit {
                state.sources[index].errors.record(.crit, at: line.arrival)
            }
            state.version += 1
        }
        if linesWake.load(ordering: .relaxed) { wake?.raise() }
    }

    /// Sets a source's state (running, ended with a retry time, failed).
    public func setState(_ sourceState: LogSourceState, source: LogSourceID) {
        let changed = state.withLock { state in
            let index = source.rawValue
            guard index < state.sources.count, state.sources[index].status.state != sourceState else { return false }
            state.sources[index].status.state = sourceState
            state.sources[index].statusChanged = true
            state.version += 1
            return true
        }
        if changed { wake?.raise() }
    }

    /// Changes counter: bumps on every append or state change. Cheap to poll each frame.
    public var version: UInt64 { state.withLock { $0.version } }

    /// Whether anything changed since the last drain.
    public var hasChanges: Bool { state.withLock { $0.version != $0.drainedVersion } }

    /// Takes the new lines (merged across sources by arrival) and every source's status; nil when
    /// nothing changed since the last drain. `now` advances the errors-per-minute windows, which
    /// slide: while any source has errors in them, each new second is a change (the rate falls as
    /// old errors leave the last 60 seconds, with no new line needed).
    public func drain(now: LogTimestamp = .now()) -> LogBatch? {
        var perSource: [[LogLine]] = []
        let second = now.epochSecond
        let batch: LogBatch? = state.withLock { state in
            let windowMoved = state.errorsShown && second != state.drainedSecond
            guard state.version != state.drainedVersion || windowMoved else { return nil }
            state.drainedVersion = state.version
            state.drainedSecond = second
            var statuses: [LogSourceStatus] = []
            statuses.reserveCapacity(state.sources.count)
            for i in state.sources.indices {
                perSource.append(state.sources[i].pending.removeAll())
                state.sources[i].errors.advance(to: now)
                var status = state.sources[i].status
                status.dropped = state.sources[i].pending.dropped
                status.errorsPerMinute = state.sources[i].errors.values
                statuses.append(status)
            }
            state.errorsShown = statuses.contains { $0.errorsPerMinute.contains { $0 > 0 } }
            return LogBatch(lines: [], sources: statuses, version: state.version)
        }
        guard var batch else { return nil }
        batch.lines = Self.mergeByArrival(perSource)
        return batch
    }

    /// Merges per-source runs (each already in arrival order) into one arrival order.
    static func mergeByArrival(_ runs: [[LogLine]]) -> [LogLine] {
        let nonEmpty = runs.filter { !$0.isEmpty }
        if nonEmpty.count <= 1 { return nonEmpty.first ?? [] }
        var merged: [LogLine] = []
        merged.reserveCapacity(nonEmpty.reduce(0) { $0 + $1.count })
        var cursors = Array(repeating: 0, count: nonEmpty.count)
        while true {
            var best = -1
            for r in nonEmpty.indices where cursors[r] < nonEmpty[r].count {
                if best < 0 || nonEmpty[r][cursors[r]].arrival < nonEmpty[best][cursors[best]].arrival { best = r }
            }
            if best < 0 { break }
            merged.append(nonEmpty[best][cursors[best]])
            cursors[best] += 1
        }
        return merged
    }
}

/// Lines waiting for the next drain: the newest `capacity`, the rest counted as dropped.
///
/// A plain array trimmed in bulk (not a generic ring across modules) keeps the hot path specialized.
struct PendingLines: Sendable {
    let capacity: Int
    private var lines: [LogLine] = []
    private(set) var dropped: UInt64 = 0

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(contentsOf new: [LogLine]) {
        if new.count >= capacity {
            dropped += UInt64(lines.count + new.count - capacity)
            lines.removeAll(keepingCapacity: true)
            lines.append(contentsOf: new[(new.count - capacity)...])
            return
        }
        lines.append(contentsOf: new)
        if lines.count > 2 * capacity { trim() }
    }

    private mutating func trim() {
        guard lines.count > capacity else { return }
        let excess = lines.count - capacity
        dropped += UInt64(excess)
        lines.removeFirst(excess)
    }

    mutating func removeAll() -> [LogLine] {
        trim()
        let all = lines
        lines = []
        lines.reserveCapacity(min(capacity, all.count))
        return all
    }
}
