import Foundation
import TriageCore

/// Runs one probe on its interval, one round at a time, and delivers each round's report as a value.
///
/// Single-flight: when a tick comes while the previous round still runs, that tick is skipped and
/// counted rather than queued, so a hung endpoint never piles up processes. Every round has a
/// deadline: the probe receives it (to hand to `ProcessRunner`), and the loop itself cancels a
/// round that overruns it by `hardStopGrace`, reporting "timed out after 5s". Time comes from an
/// injected clock so tests drive rounds instead of sleeping; the report's wall time comes from
/// `wallClock`. The screen never waits for a probe: reports go to `deliver`, which should only
/// hand them to the store.
///
/// A round fails when the probe throws, overruns, or returns a value `failureOf` finds a failure in
/// (a docker round that could not reach its engine). After a failure the source is left alone for
/// `backoff.delay` (ticks in that time are deferred and counted), and the last good value rides
/// along in every report, with `state` saying since when it is stale and why.
public actor ProbeLoop<Value: Sendable, C: Clock> where C.Duration == Duration {
    public typealias Probe = @Sendable (_ deadline: Duration) async throws -> Value
    public typealias Deliver = @Sendable (ProbeReport<Value>) async -> Void

    public nonisolated let name: String
    public nonisolated let interval: Duration
    public nonisolated let deadline: Duration
    /// How far past its deadline a round may run before the loop cancels it.
    public nonisolated let hardStopGrace: Duration
    /// False for a probe that waits on nothing outside the process (``Probe/needsHardStopTimer``):
    /// its round runs without a timer beside it and is reported as timed out when it returned past
    /// the hard stop, which is when the timer's report would have come too.
    public nonisolated let hardStopTimer: Bool
    private let clock: C
    private let wallClock: @Sendable () -> Date
    private let probe: Probe
    private let deliver: Deliver

    public private(set) var roundsStarted = 0
    public private(set) var roundsFinished = 0
    public private(set) var skippedRounds = 0
    public private(set) var isRoundRunning = false
    /// The source's state after the newest round (see `ProbeState`).
    public private(set) var state = ProbeState()
    public nonisolated let backoff: ProbeBackoff
    private let failureOf: @Sendable (Value) -> String?
    private var lastGood: Value?
    /// No round starts before this instant (set after a failure, from the failed round's start).
    private var holdUntil: C.Instant?

    public init(
        name: String, interval: Duration, deadline: Duration, hardStopGrace: Duration = .seconds(1), hardStopTimer: Bool = true,
        clock: C, wallClock: @escaping @Sendable () -> Date = { Date() }, backoff: ProbeBackoff = .none,
        failureOf: @escaping @Sendable (Value) -> String? = { _ in nil },
        probe: @escaping Probe, deliver: @escaping Deliver
    ) {
        self.backoff = backoff
        self.failureOf = failureOf
        self.name = name
        self.interval = interval
        self.deadline = deadline
        self.hardStopGrace = hardStopGrace
        self.hardStopTimer = hardStopTimer
        self.clock = clock
        self.wallClock = wallClock
        self.probe = probe
        self.deliver = deliver
    }

    /// Ticks every `interval` from now (first round at once) until the calling task is cancelled.
    ///
    /// Cancelling it cancels the running round too, which tears down that round's child processes.
    public func run() async {
        await withDiscardingTaskGroup { group in
            var next = clock.now
            while !Task.isCancelled {
                if isRoundRunning {
                    skippedRounds += 1
                } else if let holdUntil, clock.now < holdUntil {
                    state.deferredRounds += 1
                } else {
                    isRoundRunning = true
                    roundsStarted += 1
                    let round = roundsStarted
                    group.addTask { await self.performRound(round) }
                }
                next = next.advanced(by: interval)
                // After a long stall (suspended laptop), skip the ticks that are already past.
                let now = clock.now
                while next < now { next = next.advanced(by: interval); skippedRounds += 1 }
                do { try await clock.sleep(until: next, tolerance: nil) } catch { break }
            }
            group.cancelAll()
        }
    }

    /// Runs one round now, outside the schedule (for `triage check` and a manual refresh key).
    ///
    /// Honours single-flight: when a round is already running it returns nil at once.
    public func runOnce() async -> ProbeReport<Value>? {
        guard !isRoundRunning else {
            skippedRounds += 1
            return nil
        }
        isRoundRunning = true
        roundsStarted += 1
        return await performRound(roundsStarted)
    }

    @discardableResult
    private func performRound(_ round: Int) async -> ProbeReport<Value> {
        let start = clock.now
        let startedAt = wallClock()
        let hardStop = deadline + hardStopGrace
        var outcome: ProbeReport<Value>.Outcome
        if hardStopTimer {
            outcome = await Self.execute(probe, deadline: deadline, hardStop: hardStop, clock: clock)
        } else {
            outcome = await Self.attempt(probe, deadline: deadline)
            if start.duration(to: clock.now) >= hardStop { outcome = Self.timedOut(deadline) }
        }
        let finishedAt = wallClock()
        let failure: String? = switch outcome {
        case .success(let value): failureOf(value)
        case .failure(let reason): reason
        }
        state.skippedRounds = skippedRounds
        if let failure {
            let wait = backoff.delay(interval: interval, failures: state.consecutiveFailures + 1)
            holdUntil = start.advanced(by: wait)
            state.failed(failure, at: finishedAt, next: startedAt.addingTimeInterval(wait.seconds))
        } else {
            if case .success(let value) = outcome { lastGood = value }
            holdUntil = nil
            state.succeeded(at: finishedAt, next: startedAt.addingTimeInterval(interval.seconds))
        }
        let report = ProbeReport(
            outcome: outcome, finishedAt: finishedAt, duration: start.duration(to: clock.now), round: round,
            skippedRounds: skippedRounds, state: state, lastGood: lastGood)
        roundsFinished += 1
        await deliver(report)
        isRoundRunning = false
        return report
    }

    private enum RoundEvent: Sendable {
        case finished(ProbeReport<Value>.Outcome)
        case hardStop
        case timerCancelled
    }

    /// Runs the probe once, its failures as outcomes.
    private static func attempt(_ probe: @escaping Probe, deadline: Duration) async -> ProbeReport<Value>.Outcome {
        do {
            return .success(try await probe(deadline))
        } catch let failure as ProbeFailure {
            return .failure(failure.reason)
        } catch is CancellationError {
            return .failure("cancelled")
        } catch {
            return .failure(String(describing: error))
        }
    }

    private static func timedOut(_ deadline: Duration) -> ProbeReport<Value>.Outcome {
        .failure("timed out after \(DurationText.format(deadline))")
    }

    /// Runs the probe against a hard stop on the loop's clock; past it the probe's task is cancelled.
    private static func execute(_ probe: @escaping Probe, deadline: Duration, hardStop: Duration, clock: C) async -> ProbeReport<Value>.Outcome {
        await withTaskGroup(of: RoundEvent.self) { group in
            group.addTask { .finished(await attempt(probe, deadline: deadline)) }
            group.addTask {
                do {
                    try await clock.sleep(for: hardStop)
                    return .hardStop
                } catch { return .timerCancelled }
            }
            var outcome: ProbeReport<Value>.Outcome = .failure("cancelled")
            while let event = await group.next() {
                switch event {
                case .finished(let result):
                    outcome = result
                    group.cancelAll()
                case .hardStop:
                    outcome = timedOut(deadline)
                    group.cancelAll()
                    // The probe's own task must end before the next round may start; wait for it.
                    while let late = await group.next() { _ = late }
                    return outcome
                case .timerCancelled:
                    break
                }
            }
            return outcome
        }
    }
}
