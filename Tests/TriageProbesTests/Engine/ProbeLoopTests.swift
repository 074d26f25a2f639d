import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes

@Suite("ProbeLoop")
struct ProbeLoopTests {
    /// A door a probe waits at until the test opens it.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>], arrivals: Int)>((false, [], 0))
        var arrivals: Int { state.withLock { $0.arrivals } }
        func wait() async {
            await withCheckedContinuation { continuation in
                let resume = state.withLock { state -> Bool in
                    state.arrivals += 1
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resume { continuation.resume() }
            }
        }
        func open() {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    @Test func roundsFollowTheInjectedClock() async throws {
        let clock = ManualClock()
        let inbox = ReportInbox<Int>()
        let counter = Mutex(0)
        let loop = ProbeLoop(name: "count", interval: .seconds(2), deadline: .seconds(1), clock: clock, probe: { _ in
            counter.withLock { $0 += 1; return $0 }
        }, deliver: inbox.deliver)
        let running = Task { await loop.run() }
        defer { running.cancel() }

        let first = try #require(await inbox.next())
        #expect(first.value == 1)
        #expect(first.round == 1)
        for expected in 2...4 {
            #expect(await clock.waitForSleepers(1))
            #expect(await loop.waitUntilIdle())
            #expect(inbox.count == expected - 1, "no round may start before the interval passed")
            clock.advance(by: .seconds(2))
            let report = try #require(await inbox.next())
            #expect(report.value == expected)
            #expect(report.round == expected)
        }
        #expect(await loop.skippedRounds == 0)
    }

    @Test func aRunningRoundMakesTicksSkipInsteadOfQueue() async throws {
        let clock = ManualClock()
        let inbox = ReportInbox<String>()
        let gate = Gate()
        let loop = ProbeLoop(name: "slow", interval: .seconds(1), deadline: .seconds(100), clock: clock, probe: { _ in
            await gate.wait()
            return "done"
        }, deliver: inbox.deliver)
        let running = Task { await loop.run() }
        defer { running.cancel() }

        // Sleepers: the loop's next tick and the round's hard stop.
        #expect(await clock.waitForSleepers(2))
        for _ in 0..<3 {
            clock.advance(by: .seconds(1))
            #expect(await clock.waitForSleepers(2))
        }
        #expect(await loop.skippedRounds == 3)
        #expect(gate.arrivals == 1, "only one round may be in flight")
        gate.open()
        let report = try #require(await inbox.next())
        #expect(report.value == "done")
        #expect(report.round == 1)
        #expect(report.skippedRounds == 3)
        #expect(report.duration == .seconds(3))
        #expect(await loop.waitUntilIdle())
        clock.advance(by: .seconds(1))
        let next = try #require(await inbox.next())
        #expect(next.round == 2)
    }

    @Test func overrunningRoundIsCancelledAndReportedAsTimeout() async throws {
        let clock = ManualClock()
        let inbox = ReportInbox<Int>()
        let cancelled = Mutex(false)
        let loop = ProbeLoop(name: "hang", interval: .seconds(60), deadline: .seconds(5), hardStopGrace: .seconds(1), clock: clock, probe: { _ in
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
            return 1
        }, deliver: inbox.deliver)
        let running = Task { await loop.run() }
        defer { running.cancel() }

        #expect(await clock.waitForSleepers(2))
        clock.advance(by: .seconds(5))
        #expect(inbox.count == 0, "the grace after the deadline is the probe's own")
        clock.advance(by: .seconds(1))
        let report = try #require(await inbox.next())
        #expect(report.failureReason == "timed out after 5s")
        #expect(cancelled.withLock { $0 })
    }

    /// Without the timer (``Probe/needsHardStopTimer`` false) a round that returned past the hard
    /// stop still says it timed out, as the timer would have; one that returned before it is kept.
    @Test func aRoundWithoutTheTimerThatReturnedPastTheHardStopIsATimeout() async throws {
        let clock = ManualClock()
        let took = Mutex<[Duration]>([.seconds(5), .seconds(6)])
        let loop = ProbeLoop(name: "host", interval: .seconds(60), deadline: .seconds(5), hardStopGrace: .seconds(1), hardStopTimer: false,
                             clock: clock, probe: { _ in
            clock.advance(by: took.withLock { $0.removeFirst() })
            return 1
        }, deliver: { _ in })
        let first = try #require(await loop.runOnce())
        #expect(first.value == 1, "inside the hard stop the answer is kept")
        let second = try #require(await loop.runOnce())
        #expect(second.failureReason == "timed out after 5s")
        #expect(clock.sleepCalls == 0, "no timer was set")
    }

    @Test func probeFailureReasonIsDeliveredAsIs() async throws {
        let inbox = ReportInbox<Int>()
        let stamp = Date(timeIntervalSince1970: 1_800_000_000)
        let loop = ProbeLoop(name: "k8s", interval: .seconds(60), deadline: .seconds(5), clock: ManualClock(), wallClock: { stamp }, probe: { _ -> Int in
            throw ProbeFailure("context prod: connection refused")
        }, deliver: inbox.deliver)
        let report = try #require(await loop.runOnce())
        #expect(report.failureReason == "context prod: connection refused")
        #expect(report.finishedAt == stamp)
        let delivered = try #require(await inbox.next())
        #expect(delivered.failureReason == "context prod: connection refused")
    }

    @Test func runOnceRespectsSingleFlight() async throws {
        let gate = Gate()
        let clock = ManualClock()
        let loop = ProbeLoop(name: "once", interval: .seconds(60), deadline: .seconds(5), clock: clock, probe: { _ in
            await gate.wait()
            return 7
        }, deliver: { _ in })
        let first = Task { await loop.runOnce() }
        #expect(await clock.waitForSleepers(1))
        #expect(await loop.runOnce() == nil)
        gate.open()
        #expect(await first.value?.value == 7)
        #expect(await loop.skippedRounds == 1)
    }

    @Test func cancellingTheLoopCancelsTheRoundAndItsChild() async throws {
        let inbox = ReportInbox<Int32>()
        let clock = ManualClock()
        let pidSeen = Mutex<Int32?>(nil)
        let marker = "round-\(UUID().uuidString)"
        let loop = ProbeLoop(name: "child", interval: .seconds(60), deadline: .seconds(30), clock: clock, probe: { deadline in
            // `: marker` last: sh stays the leader (not exec'd into a sleep) and can be found by it.
            let outcome = await ProcessRunner.run("sh", ["-c", "sleep 30 & sleep 30; : \(marker)"], deadline: deadline)
            pidSeen.withLock { $0 = outcome.processID }
            if let reason = outcome.failureReason { throw ProbeFailure(reason) }
            return 0
        }, deliver: inbox.deliver)
        let running = Task { await loop.run() }
        #expect(await clock.waitForSleepers(2))
        // Cancelled once sh and both sleeps run (a fixed 200 ms could cancel before the spawn).
        let started = await ProcessTable.waitForGroup(marker: marker, members: 3)
        running.cancel()
        await running.value
        #expect(started != nil, "the child and its sleeps never all ran")
        let group = try #require(pidSeen.withLock { $0 })
        #expect(group == started)
        let report = try #require(await inbox.next())
        #expect(report.failureReason == "cancelled")
        let left = await ProcessTable.survivorsAfterSettling(ofGroups: [group])
        #expect(left.isEmpty, "survivors: \(left)")
    }

    @Test func realClockAndRealProcessTimeout() async throws {
        let inbox = ReportInbox<Int>()
        let loop = ProbeLoop(name: "real", interval: .seconds(60), deadline: .milliseconds(200), clock: ContinuousClock(), probe: { deadline in
            let outcome = await ProcessRunner.run("sleep", ["30"], deadline: deadline)
            if let reason = outcome.failureReason { throw ProbeFailure(reason) }
            return 0
        }, deliver: inbox.deliver)
        let report = try #require(await loop.runOnce())
        #expect(report.failureReason == "timed out after 200ms")
        #expect(report.duration < .seconds(20), "torn down long before sleep 30 ends")
    }
}
