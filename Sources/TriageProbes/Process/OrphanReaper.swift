import CChildGroups
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ends what a child left behind when it exited: a check that runs `setsid sleep 300 &` detaches a
/// process no process group sweep can reach, and without this one such orphan per round outlived triage.
///
/// The triage binary makes itself a child subreaper (``adopt()``), so orphans re-parent to triage
/// instead of init. Every child triage starts is registered while it runs and until it is reaped
/// (`ProcessRunner`), so any other child of triage is an orphan: after each run (at most every
/// ``minimumGap``, with one trailing sweep so the last run's leftovers are not missed) and at
/// shutdown, those are KILLed and reaped. Log followers and live probes are registered children and
/// are never touched; a spawn in flight postpones the sweep rather than race it.
///
/// Only the binary adopts: a test process that also starts children by other means must not have
/// them taken for orphans.
public enum OrphanReaper {
    /// A sweep reads triage's threads' `children` lists (every `/proc/PID/stat` on the machine on a
    /// kernel without them): worth doing twice a second, not per run.
    static let minimumGap: Duration = .milliseconds(500)

    private static let lastSweep = Mutex<ContinuousClock.Instant?>(nil)
    private static let trailingScheduled = Atomic<Bool>(false)
    private static let adopted = Atomic<Bool>(false)

    /// Makes this process a child subreaper; returns whether the kernel agreed.
    @discardableResult
    public static func adopt() -> Bool {
        let done = triage_become_subreaper() == 0
        if done { adopted.store(true, ordering: .releasing) }
        return done
    }

    /// Sweeps now if the last sweep is ``minimumGap`` old, else once when it is.
    static func sweepSoon() {
        guard adopted.load(ordering: .acquiring) else { return }
        let now = ContinuousClock.now
        let due = lastSweep.withLock { last -> Bool in
            guard let last, now - last < minimumGap else { return true }
            return false
        }
        if due, sweep() { return }
        guard !trailingScheduled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Task.detached(priority: .utility) {
            try? await Task.sleep(for: minimumGap)
            trailingScheduled.store(false, ordering: .releasing)
            while !sweep() { try? await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// One sweep; false when it could not look (a spawn or another sweep in flight, or not adopted).
    @discardableResult
    static func sweep() -> Bool {
        let found = triage_end_orphans()
        lastSweep.withLock { $0 = .now }
        return found >= 0
    }

    /// At shutdown: sweeps until no orphan is left or `limit` passes, reaping the ones it killed.
    /// Returns how many orphans the last sweep still found (0: none left).
    @discardableResult
    public static func endAll(within limit: Duration = .seconds(1)) -> Int {
        guard adopted.load(ordering: .acquiring) else { return 0 }
        let end = ContinuousClock.now + limit
        var found = 0
        repeat {
            found = Int(triage_end_orphans())
            if found == 0 { return 0 }
            usleep(10_000)
        } while ContinuousClock.now < end
        return max(0, found)
    }
}
