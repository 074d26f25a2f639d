import Foundation
import GRDB
import Synchronization

/// Tells when another connection (usually another process) committed to the incident database.
///
/// GRDB's `ValueObservation` only sees commits made through the same pool, so a wall display would
/// never notice a tick made in another terminal. SQLite's `PRAGMA data_version` changes whenever
/// another connection commits, but it is per connection: it is read on one dedicated read-only
/// connection when inotify says the database or its WAL file was written (``DirectoryWatch``), so
/// a commit is seen within milliseconds and an idle database costs no wake-ups at all. A slow
/// poll (every `interval`, 2 s by default) stays as the fallback for where inotify says nothing:
/// no watches left, or a file system that does not report writes (NFS, another host's writes).
public final class ChangeWatcher: Sendable {
    public let path: String
    /// The fallback poll's period (inotify reports a write at once).
    public let interval: Duration
    /// Whether writes are watched with inotify (false: polling only, as where inotify is missing).
    public let watchWrites: Bool
    let queue: DatabaseQueue
    let clock: any Clock<Duration>

    /// Opens the dedicated read-only connection.
    /// - Throws: `.missing` when there is no database yet, or the errors of opening it.
    public init(
        path: String, interval: Duration = .seconds(2), clock: any Clock<Duration> = ContinuousClock(), watchWrites: Bool = true
    ) throws(StoreError) {
        self.path = path
        self.interval = interval
        self.watchWrites = watchWrites
        self.clock = clock
        switch try DatabaseFile.inspect(path) {
        case .absent, .empty: throw .missing(path: path)
        case .nonEmpty: break
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        configuration.label = "triage.change-watcher"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw IncidentStore.storeError(error, path: path, busyTimeout: 1)
        }
    }

    /// A stream that yields once after each write (or poll) that saw another connection's commit.
    ///
    /// Every commit made after this method returns is reported: at once when inotify reports the
    /// write, at the latest one interval later otherwise. Bursts are coalesced (a slow consumer gets
    /// one pending change, not a backlog). Watching stops when the consuming task is cancelled or
    /// stops iterating. Each call starts its own watch and poller.
    public func changes() -> AsyncStream<Void> { changes(reported: nil) }

    /// ``changes()``, also calling `reported` on the watch's queue each time a change is yielded:
    /// tests wait for it on a semaphore, since a stream's consumer needs a free thread of the task
    /// pool, which tests running beside them can hold for a minute.
    func changes(reported: (@Sendable () -> Void)?) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // The baseline is read before returning, so every commit made after this call is reported.
        let baseline = try? queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") }
        let last = Mutex(baseline)
        let queue = self.queue
        // Called from the watch's queue and from the poller: whichever sees a new version reports it.
        let check: @Sendable () -> Void = {
            // A busy or briefly unavailable database is retried at the next write or poll.
            guard let version = try? queue.read({ try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }) else { return }
            let changed = last.withLock { value in
                defer { value = version }
                return value != version
            }
            if changed {
                continuation.yield()
                reported?()
            }
        }
        let url = URL(fileURLWithPath: path)
        let file = url.lastPathComponent
        let watch = !watchWrites ? nil : DirectoryWatch(directory: url.deletingLastPathComponent().path,
                                   names: [file, file + "-wal", file + "-journal"], onChange: check)
        let task = Task { [clock, interval] in
            while !Task.isCancelled {
                do {
                    try await clock.sleep(for: interval, tolerance: nil)
                } catch {
                    break
                }
                check()
            }
            watch?.cancel()
            continuation.finish()
        }
        continuation.onTermination = { _ in
            watch?.cancel()
            task.cancel()
        }
        return stream
    }

    /// The connection's current data version; it changes when another connection commits.
    public func currentVersion() async throws(StoreError) -> Int {
        do {
            return try await Self.dataVersion(queue)
        } catch {
            throw IncidentStore.storeError(error, path: path, busyTimeout: 1)
        }
    }

    static func dataVersion(_ queue: DatabaseQueue) async throws -> Int {
        try await queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }
}
