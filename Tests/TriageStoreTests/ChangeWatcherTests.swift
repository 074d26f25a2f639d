import Foundation
import Testing
import TriageCore
@testable import TriageStore

/// A clock that counts how often it was asked to sleep, to see whether a poller still runs.
final class CountingClock: Clock, @unchecked Sendable {
    typealias Instant = ContinuousClock.Instant
    private let base = ContinuousClock()
    private let lock = NSLock()
    private var sleepCount = 0

    var now: Instant { base.now }
    var minimumResolution: Duration { base.minimumResolution }

    var sleeps: Int { lock.withLock { sleepCount } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        lock.withLock { sleepCount += 1 }
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}

@Suite(.serialized) struct ChangeWatcherTests {
    @Test func reportsCommitsOfAnotherConnectionAndNotMereReads() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        let id = try writer.createIncident(title: "t", severity: "P1", actor: "a").id
        let watcher = try ChangeWatcher(path: path, interval: .milliseconds(50))
        let before = try await watcher.currentVersion()

        let quiet = watcher.changes()
        _ = try writer.ticks(incidentID: id)  // a read is not a change
        #expect(await nextChange(of: quiet, within: .milliseconds(300)) == nil)
        // (Cancelling the wait ended that stream; a new one starts from the current version.)
        // The report is timed where the watcher makes it, not where a consumer task gets a thread:
        // tests running beside this one can hold the task pool for seconds.
        let reported = DispatchSemaphore(value: 0)
        let changes = watcher.changes(reported: { reported.signal() })
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        let committed = ContinuousClock.now
        #expect(reported.wait(timeout: .now() + 3) == .success, "no change reported")
        #expect(ContinuousClock.now - committed < .seconds(1))
        #expect(await nextChange(of: changes, within: .seconds(60)) != nil, "the stream did not deliver the change")
        #expect(try await watcher.currentVersion() != before)
    }

    @Test func stopsPollingWhenTheConsumerIsCancelled() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.file("incidents.sqlite")
        let writer = try IncidentStore(path: path)
        let id = try writer.createIncident(title: "t", severity: "P1", actor: "a").id
        let clock = CountingClock()
        let watcher = try ChangeWatcher(path: path, interval: .milliseconds(20), clock: clock)

        let changes = watcher.changes()
        let consumer = Task {
            var count = 0
            for await _ in changes { count += 1 }
            return count
        }
        try writer.setTick(incidentID: id, itemKey: "k", checked: true, actor: "a")
        // Wait (bounded) until the poller has run a few times; a loaded machine may be slow.
        for _ in 0..<100 where clock.sleeps <= 3 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(clock.sleeps > 3, "the poller never ran")
        consumer.cancel()
        let delivered = await consumer.value  // the stream finished: iteration ended
        #expect(delivered >= 1)
        try await Task.sleep(for: .milliseconds(100))
        let afterCancel = clock.sleeps
        try await Task.sleep(for: .milliseconds(300))
        #expect(clock.sleeps == afterCancel, "still polling after cancellation")
    }
}
