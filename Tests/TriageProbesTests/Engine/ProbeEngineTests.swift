import Foundation
import Synchronization
import Testing
import TriageCore
@testable import TriageProbes

/// The engine's one lifecycle for every source: backoff after failure, single-flight skips counted,
/// the last good data kept and marked stale, and a one-shot mode that asks each source once.
@Suite("ProbeEngine")
struct ProbeEngineTests {
    /// A probe whose answers the test scripts: it fails while `failing` is set, counts its polls and stops.
    final class ScriptedProbe: Probe {
        let id: ProbeID
        private let state = Mutex<(failing: Bool, polls: Int, stops: Int)>((false, 0, 0))
        let gate: ProbeLoopTests.Gate?

        init(_ name: String, gate: ProbeLoopTests.Gate? = nil) {
            id = ProbeID(.logSources, name)
            self.gate = gate
        }

        var polls: Int { state.withLock { $0.polls } }
        var stops: Int { state.withLock { $0.stops } }
        func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

        func poll(deadline: Duration) async -> ProbeData {
            await gate?.wait()
            let (failing, count) = state.withLock { state in
                state.polls += 1
                return (state.failing, state.polls)
            }
            return failing ? .containerNames([], failure: "Cannot connect to the Docker daemon") : .containerNames(["web-\(count)"], failure: nil)
        }

        func stop() async { state.withLock { $0.stops += 1 } }
    }

    static func registration(_ probe: ScriptedProbe, interval: Duration = .seconds(1), backoff: ProbeBackoff = .none) -> ProbeRegistration {
        ProbeRegistration(id: probe.id, interval: interval, deadline: .seconds(100), backoff: backoff, slot: 0) { _ in probe }
    }

    /// Collects deliveries; `next()` waits (real time, bounded) for the next one.
    final class Deliveries: Sendable {
        private let state = Mutex<(items: [ProbeDelivery], taken: Int)>(([], 0))
        var sink: ProbeEngine<ManualClock>.Sink { { delivery in self.state.withLock { $0.items.append(delivery) } } }
        var count: Int { state.withLock { $0.items.count } }
        func next(within limit: Duration = .seconds(5)) async -> ProbeDelivery? {
            let clock = ContinuousClock()
            let end = clock.now + limit
            while clock.now < end {
                let item = state.withLock { state -> ProbeDelivery? in
                    guard state.taken < state.items.count else { return nil }
                    state.taken += 1
                    return state.items[state.taken - 1]
                }
                if let item { return item }
                try? await Task.sleep(for: .milliseconds(1))
            }
            return nil
        }
    }

    @Test func backoffDoublesFromTheIntervalUpToTheCap() {
        let backoff = ProbeBackoff(cap: .seconds(30))
        let waits = (0...6).map { backoff.delay(interval: .seconds(2), failures: $0) }
        #expect(waits == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30)])
        #expect(ProbeBackoff.none.delay(interval: .seconds(2), failures: 5) == .seconds(2))
        #expect(ProbeBackoff(cap: .seconds(1)).delay(interval: .seconds(2), failures: 3) == .seconds(2), "never below the interval")
    }

    /// Ticks every second; after failures the source is asked at 0, 2, 6 (then every 8 s), and once
    /// it answers, every second again.
    @Test func backoffGrowsWhileFailingAndResetsOnSuccess() async throws {
        let clock = ManualClock()
        let probe = ScriptedProbe("docker ps")
        probe.fail(true)
        let deliveries = Deliveries()
        let engine = ProbeEngine(clock: clock, wallClock: { Date(timeIntervalSince1970: 1_000) })
        engine.start([Self.registration(probe, backoff: ProbeBackoff(cap: .seconds(8)))], sink: deliveries.sink)
        defer { Task { await engine.stop() } }
        let loop = try #require(engine.loops.first)

        /// Advances one second at a time until `seconds` have passed, the loop asleep after each.
        func advance(_ seconds: Int) async {
            for _ in 0..<seconds {
                #expect(await clock.waitForSleepers(1))
                #expect(await loop.waitUntilIdle())
                clock.advance(by: .seconds(1))
            }
        }
        var failures: [Int] = []
        for gap in [0, 2, 4, 8] {
            await advance(gap)
            let delivery = try #require(await deliveries.next())
            failures.append(delivery.state.consecutiveFailures)
            #expect(delivery.state.lastError == "Cannot connect to the Docker daemon")
        }
        #expect(failures == [1, 2, 3, 4])
        #expect(probe.polls == 4, "ticks inside the backoff must not poll")
        #expect(await loop.state.deferredRounds == 1 + 3 + 7)
        probe.fail(false)
        await advance(8)
        let recovered = try #require(await deliveries.next())
        #expect(recovered.state.consecutiveFailures == 0)
        #expect(recovered.state.lastError == nil)
        await advance(1)
        _ = try #require(await deliveries.next(), "after a success the next round is one interval later")
        #expect(probe.polls == 6)
    }

    @Test func aTickDuringARunningRoundIsSkippedAndCounted() async throws {
        let clock = ManualClock()
        let gate = ProbeLoopTests.Gate()
        let probe = ScriptedProbe("slow", gate: gate)
        let deliveries = Deliveries()
        let engine = ProbeEngine(clock: clock)
        engine.start([Self.registration(probe)], sink: deliveries.sink)
        defer { Task { await engine.stop() } }
        // Sleepers: the loop's next tick and the round's hard stop.
        #expect(await clock.waitForSleepers(2))
        for _ in 0..<3 {
            clock.advance(by: .seconds(1))
            #expect(await clock.waitForSleepers(2))
        }
        #expect(gate.arrivals == 1, "only one round may be in flight")
        gate.open()
        let delivery = try #require(await deliveries.next())
        #expect(delivery.state.skippedRounds == 3)
        #expect(await try #require(engine.loops.first).skippedRounds == 3)
    }

    @Test func aFailedRoundKeepsTheLastGoodDataMarkedStale() async throws {
        let clock = ManualClock()
        let probe = ScriptedProbe("web-*")
        let now = Mutex(Date(timeIntervalSince1970: 1_000))
        let engine = ProbeEngine(clock: clock, wallClock: { now.withLock { $0 } })
        let deliveries = Deliveries()
        engine.start([Self.registration(probe, backoff: .standard)], sink: deliveries.sink)
        defer { Task { await engine.stop() } }
        let loop = try #require(engine.loops.first)

        let good = try #require(await deliveries.next())
        #expect(good.state.isStale == false)
        #expect(good.state.staleText(now: now.withLock { $0 }) == nil)
        probe.fail(true)
        now.withLock { $0 = $0.addingTimeInterval(42) }
        #expect(await clock.waitForSleepers(1))
        #expect(await loop.waitUntilIdle())
        clock.advance(by: .seconds(1))
        let stale = try #require(await deliveries.next())
        guard case .containerNames(let names, _)? = stale.lastGood else {
            Issue.record("the failed round lost the last good data")
            return
        }
        #expect(names == ["web-1"])
        guard case .containerNames(let fresh, let failure)? = stale.data else { Issue.record("no data"); return }
        #expect(fresh.isEmpty && failure != nil, "this round's own answer still goes to the sink")
        #expect(stale.state.lastGoodAt == Date(timeIntervalSince1970: 1_000))
        #expect(stale.state.consecutiveFailures == 1)
        #expect(stale.state.staleText(now: now.withLock { $0 }) == "stale 42s: Cannot connect to the Docker daemon")
    }

    @Test func aSourceThatNeverAnsweredSaysNoDataRatherThanStale() {
        var state = ProbeState()
        state.failed("connection refused", at: Date(timeIntervalSince1970: 5), next: Date(timeIntervalSince1970: 9))
        #expect(state.staleText(now: Date(timeIntervalSince1970: 60)) == "no data: connection refused")
        #expect(state.nextAttemptAt == Date(timeIntervalSince1970: 9))
    }

    @Test func oneShotAsksEveryRegisteredProbeExactlyOnceAndStopsIt() async throws {
        let probes = (0..<4).map { ScriptedProbe("source \($0)") }
        let made = Mutex<[ProbeMode]>([])
        let registrations = probes.map { probe in
            ProbeRegistration(id: probe.id, interval: .seconds(2), deadline: .seconds(5), backoff: .standard, slot: 0) { mode in
                made.withLock { $0.append(mode) }
                return probe
            }
        }
        let deliveries = await ProbeEngine(clock: ManualClock()).runOnce(registrations)
        #expect(deliveries.map(\.id) == probes.map(\.id), "one delivery per registration, in table order")
        #expect(probes.map(\.polls) == [1, 1, 1, 1])
        #expect(probes.map(\.stops) == [1, 1, 1, 1])
        #expect(made.withLock { $0 } == Array(repeating: .oneShot, count: 4))
    }

    /// The host probe only reads /proc: its rounds run without a task group and a hard-stop timer
    /// beside them, which woke dispatch's timer thread every round (docs/PERFORMANCE.md (k)). With
    /// the timer each round asked the clock for two sleeps, the loop's tick and the hard stop.
    @Test func theHostProbeRunsWithoutAHardStopTimer() async throws {
        let clock = ManualClock()
        let deliveries = Deliveries()
        let engine = ProbeEngine(clock: clock)
        let registration = ProbeRegistration(id: ProbeID(.host, "host"), interval: .seconds(1), deadline: .seconds(5), backoff: .none, slot: 0) {
            HostProbe(mode: $0)
        }
        engine.start([registration], sink: deliveries.sink)
        defer { Task { await engine.stop() } }
        let loop = try #require(engine.loops.first)
        let rounds = 5
        for round in 1...rounds {
            let delivery = try #require(await deliveries.next())
            guard case .host? = delivery.data else { Issue.record("round \(round) read no host sample"); return }
            #expect(await clock.waitForSleepers(1))
            #expect(await loop.waitUntilIdle())
            if round < rounds { clock.advance(by: .seconds(1)) }
        }
        #expect(clock.sleepCalls == rounds, "one sleep a round, the loop's tick; a timer per round made it \(2 * rounds)")
    }
}
