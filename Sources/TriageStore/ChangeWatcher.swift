import Foundation
import GRDB

/// Tells when another connection (usually another process) committed to the incident database.
///
/// GRDB's `ValueObservation` only sees commits made through the same pool, so a wall display would
/// never notice a tick made in another terminal. SQLite's `PRAGMA data_version` changes whenever
/// another connection commits, but it is per connection: it is polled on one dedicated read-only
/// connection, every 200 ms by default, which keeps the delay well under a second for a few
/// microseconds of work per poll.
public final class ChangeWatcher: Sendable {
    public let path: String
    public let interval: Duration
    let queue: DatabaseQueue
    let clock: any Clock<Duration>

    /// Opens the dedicated read-only connection.
    /// - Throws: `.missing` when there is no database yet, or the errors of opening it.
    public init(
        path: String, interval: Duration = .milliseconds(200), clock: any Clock<Duration> = ContinuousClock()
    ) throws(StoreError) {
        self.path = path
        self.interval = interval
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

    /// A stream that yields once after each poll that saw another connection's commit.
    ///
    /// Every commit made after this method returns is reported, at the latest one interval later.
    /// Bursts are coalesced (a slow consumer gets one pending change, not a backlog). Polling stops
    /// when the consuming task is cancelled or stops iterating. Each call starts its own poller.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // The baseline is read before returning, so every commit made after this call is reported.
        let baseline = try? queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") }
        let task = Task { [queue, clock, interval] in
            var last = baseline
            while !Task.isCancelled {
                do {
                    try await clock.sleep(for: interval, tolerance: nil)
                } catch {
                    break
                }
                // A busy or briefly unavailable database is retried at the next poll.
                guard let version = try? await Self.dataVersion(queue) else { continue }
                if version != last {
                    last = version
                    continuation.yield()
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
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
