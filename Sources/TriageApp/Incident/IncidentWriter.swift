import Foundation
import Synchronization
import TriageCore
import TriageStore

/// Where an ``IncidentWriter`` sends its actions: the real store (``StoreWriteTarget``), or in tests
/// one that fails on purpose.
public protocol IncidentWriteTarget: Sendable {
    /// True while there is no store yet (it could not be opened at start-up) but one may be opened.
    var needsOpening: Bool { get }
    /// Opens the store if it is not open yet; a no-op otherwise.
    func prepare() throws(StoreError)
    /// Applies one action in one transaction, returning after the commit.
    func perform(_ action: IncidentAction, checkStored: Bool) throws(StoreError)
}

/// The incident store as the writer uses it: one opened already, or one opened later through
/// `opener`: by the terminal thread once the dashboard's first frame is on screen
/// (``IncidentSession/openStore()``), and while that fails (a read-only, full or locked state
/// directory) by the writer, which keeps trying.
public final class StoreWriteTarget: IncidentWriteTarget {
    private let current: Mutex<IncidentStore?>
    private let opener: (@Sendable () throws(StoreError) -> IncidentStore)?
    /// Keeps the writer from opening the store before the terminal thread has tried (after its
    /// first frame): the writer's thread starts first and would open it at once.
    private let openingHeld: Atomic<Bool>

    /// - Parameter holdOpening: the writer leaves the opening alone until ``releaseOpening()``.
    public init(store: IncidentStore?, opener: (@Sendable () throws(StoreError) -> IncidentStore)? = nil, holdOpening: Bool = false) {
        current = Mutex(store)
        self.opener = opener
        openingHeld = Atomic(holdOpening)
    }

    /// The open store, for reads on any thread (WAL readers never wait for the writer's lock).
    public var store: IncidentStore? { current.withLock { $0 } }

    /// Not open yet, and there is a way to open it.
    public var canOpen: Bool { store == nil && opener != nil }

    public var needsOpening: Bool { canOpen && !openingHeld.load(ordering: .acquiring) }

    /// Lets the writer open the store (and retry it) from now on.
    public func releaseOpening() { openingHeld.store(false, ordering: .releasing) }

    public func prepare() throws(StoreError) {
        guard store == nil, let opener else { return }
        let opened = try opener()
        current.withLock { $0 = opened }
    }

    public func perform(_ action: IncidentAction, checkStored: Bool) throws(StoreError) {
        guard let store else { throw .failed(path: "", reason: "the incident database is not open") }
        try action.apply(to: store, checkStored: checkStored)
    }
}

/// The one serial writer of incident actions, on its own thread, so the terminal thread never waits
/// for SQLite: not for another process's lock, not for a full disk, not for an fsync.
///
/// Actions are applied in the order they were handed over, one transaction each. A transient failure
/// (``StoreError/isTransient``: locked, disk full, read-only, I/O error, cannot open) keeps the action
/// at the head of the queue and retries it after a bounded backoff (1 s, 2 s, 4 s, then every 5 s);
/// later actions wait behind it, so the order on disk is the order they were made. A permanent
/// failure (the incident does not exist) drops the action and reports it in ``takeDropped()``.
///
/// Thread-safety: every stored property below `condition` is read and written only with the
/// condition's lock held; the target is Sendable. Hence `@unchecked Sendable`.
public final class IncidentWriter: @unchecked Sendable {
    /// What the screen needs to show about unsaved work.
    public struct Status: Sendable, Equatable {
        /// Actions not committed yet, oldest first.
        public var pending: [IncidentAction] = []
        /// Why the head of the queue (or the open) last failed; nil while nothing failed.
        public var failure: StoreError?
        /// When the next attempt is due (wall-clock time, for "retrying in 4s").
        public var retryAt: Date?
        /// The store could not be opened (start-up on a read-only or full state directory).
        public var openFailure: StoreError?
        /// Increases at every commit and every drop: the session reloads when it changes.
        public var generation: UInt64 = 0
    }

    /// An action that failed permanently and was dropped.
    public struct Dropped: Sendable, Equatable {
        public var action: IncidentAction
        public var error: StoreError
    }

    /// The wait after the n-th consecutive failure: 1 s, 2 s, 4 s, then 5 s.
    public static func standardBackoff(_ failures: Int) -> Duration {
        .seconds(min(5, 1 << min(max(failures - 1, 0), 3)))
    }

    /// Automatic events (probe transitions, timers) kept while the store fails; beyond this the oldest
    /// are dropped, so a long outage of the disk cannot grow memory without bound.
    public static let automaticLimit = 500

    /// The writer thread's name, for debuggers (Linux keeps 15 bytes of a thread name).
    public static let threadName = "triage-writer"

    private let target: any IncidentWriteTarget
    private let backoff: @Sendable (Int) -> Duration
    private let condition = NSCondition()
    private var queue: [IncidentAction] = []
    private var failures = 0
    private var failure: StoreError?
    private var retryAt: ContinuousClock.Instant?
    private var retryWallTime: Date?
    private var openFailure: StoreError?
    private var generation: UInt64 = 0
    private var dropped: [Dropped] = []
    private var inFlight = false
    private var flushing = false
    private var stopped = false
    private var listener: (@Sendable () -> Void)?
    private var commitObserver: (@Sendable (IncidentAction) -> Void)?

    /// Starts the writer thread.
    /// - Parameter backoff: the wait after the n-th consecutive failure (tests shorten it).
    public init(target: any IncidentWriteTarget, backoff: @escaping @Sendable (Int) -> Duration = IncidentWriter.standardBackoff) {
        self.target = target
        self.backoff = backoff
        let thread = Thread { [self] in self.loop() }
        thread.name = Self.threadName
        thread.start()
    }

    /// Looks at the target again: its store may need opening now (``StoreWriteTarget/releaseOpening()``).
    public func targetChanged() {
        condition.withLock { condition.broadcast() }
    }

    /// Called on the writer thread after every commit or drop (the session raises its change flag).
    public func setListener(_ listener: @escaping @Sendable () -> Void) {
        condition.withLock { self.listener = listener }
    }

    /// Called on the writer thread with each action after it committed (not for one dropped):
    /// notifiers are told about what is on disk, with the id a declaration got.
    public func setCommitObserver(_ observer: @escaping @Sendable (IncidentAction) -> Void) {
        condition.withLock { commitObserver = observer }
    }

    /// Queues an action; returns at once.
    public func enqueue(_ action: IncidentAction) {
        condition.withLock {
            guard !stopped else { return }
            if action.isAutomatic, queue.count(where: \.isAutomatic) >= Self.automaticLimit,
               let oldest = queue.indices.dropFirst(inFlight ? 1 : 0).first(where: { queue[$0].isAutomatic }) {
                dropped.append(Dropped(action: queue.remove(at: oldest), error: failure ?? .failed(path: "", reason: "too many unsaved automatic events")))
            }
            queue.append(action)
            condition.broadcast()
        }
    }

    public func status() -> Status {
        condition.withLock {
            Status(pending: queue, failure: failure, retryAt: failure == nil ? nil : retryWallTime, openFailure: openFailure, generation: generation)
        }
    }

    /// Actions dropped since the last call (permanent failures), for the footer.
    public func takeDropped() -> [Dropped] {
        condition.withLock {
            defer { dropped.removeAll() }
            return dropped
        }
    }

    /// Retries at once and keeps retrying (at most every 0.5 s) until the queue is empty or
    /// `timeout` has passed; then stops the thread. Returns what is still unsaved, oldest first, and
    /// whether the oldest was being written when time ran out (so it may yet have been saved).
    ///
    /// An attempt already under way is waited for (it ends within the store's busy timeout), so a
    /// reported-unsaved action does not commit after the report.
    public func finish(within timeout: Duration, inFlightGrace: Duration = .seconds(3)) -> (unsaved: [IncidentAction], headMayBeSaved: Bool) {
        condition.lock()
        defer { condition.unlock() }
        flushing = true
        retryAt = nil
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout.seconds)
        while !queue.isEmpty, Date() < deadline {
            _ = condition.wait(until: min(deadline, Date().addingTimeInterval(0.1)))
        }
        stopped = true
        condition.broadcast()
        let graceEnd = Date().addingTimeInterval(inFlightGrace.seconds)
        while inFlight, Date() < graceEnd {
            _ = condition.wait(until: min(graceEnd, Date().addingTimeInterval(0.1)))
        }
        return (queue, inFlight)
    }

    // MARK: The writer thread

    private func loop() {
        condition.lock()
        while !stopped {
            if queue.isEmpty && !target.needsOpening {
                condition.wait()
                continue
            }
            if waitForRetry() { attempt(queue.first) }
        }
        condition.unlock()
    }

    /// With the lock held: waits until a due retry (true) or a change to look at (false).
    private func waitForRetry() -> Bool {
        guard let due = retryAt else { return true }
        let remaining = ContinuousClock.now.duration(to: due)
        if remaining <= .zero { return true }
        _ = condition.wait(until: Date().addingTimeInterval(remaining.seconds))
        return false
    }

    /// With the lock held: one attempt at the open and then the head action, lock released meanwhile.
    private func attempt(_ action: IncidentAction?) {
        let checkStored = failure?.outcomeMayBeUnknown ?? false
        inFlight = true
        condition.unlock()
        var outcome: StoreError?
        var openFailed = false
        do throws(StoreError) {
            do throws(StoreError) { try target.prepare() } catch { openFailed = true; throw error }
            if let action { try target.perform(action, checkStored: checkStored) }
        } catch {
            outcome = error
        }
        condition.lock()
        inFlight = false
        var notify = false
        if let error = outcome, error.isTransient || openFailed {
            failures += 1
            failure = error
            if openFailed { openFailure = error }
            let wait = flushing ? min(backoff(failures), .milliseconds(500)) : backoff(failures)
            retryAt = ContinuousClock.now + wait
            retryWallTime = Date().addingTimeInterval(wait.seconds)
        } else {
            if let error = outcome, let action {
                dropped.append(Dropped(action: action, error: error))
            }
            if action != nil { queue.removeFirst() }
            notify = action != nil || openFailure != nil
            failures = 0
            failure = nil
            openFailure = nil
            retryAt = nil
            retryWallTime = nil
            generation += 1
        }
        condition.broadcast()
        let committed = outcome == nil ? action : nil
        if notify, let listener {
            condition.unlock()
            listener()
            condition.lock()
        }
        if let committed, let commitObserver {
            condition.unlock()
            commitObserver(committed)
            condition.lock()
        }
    }
}

