import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Wakes one waiting thread (the terminal thread, blocked in `poll(2)`) when something it shows
/// changed: a probe transition, new log lines, another process's commit, a signal.
///
/// A pipe, so the waiter can block on it together with the terminal's descriptor. Bursts are
/// coalesced: only the first ``raise()`` after the waiter's ``consume()`` writes a byte, so a log
/// source delivering a million lines a second costs the waiter one wake-up, not a million, and the
/// producers one atomic exchange each.
public final class WakeSignal: Sendable {
    /// The end to poll for reading; readable while a raise is pending.
    public let readDescriptor: Int32
    /// The end ``raise()`` writes to; also written by the SIGWINCH handler (a signal-safe `write`).
    public let writeDescriptor: Int32
    private let pending = Atomic<Bool>(false)
    private let raises = Atomic<UInt64>(0)

    /// - Returns: nil when no pipe can be made (out of descriptors); callers then fall back to a timeout.
    public init?() {
        var fds: [Int32] = [-1, -1]
        // pipe2 is hidden from Swift (it needs _GNU_SOURCE); the flags are set one by one.
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Says "something changed"; cheap and safe from any thread. Call after the change is visible
    /// (after the lock that made it is released or inside it): the waiter looks at every source
    /// after ``consume()``, so a change made before its raise is never missed.
    public func raise() {
        raises.add(1, ordering: .relaxed)
        guard !pending.exchange(true, ordering: .sequentiallyConsistent) else { return }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe and re-arms the signal; call before looking at what changed. Returns true
    /// when a raise was pending.
    @discardableResult
    public func consume() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        return pending.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// How many times ``raise()`` was called (coalesced or not), for tests and the stats.
    public var raiseCount: UInt64 { raises.load(ordering: .relaxed) }
}
