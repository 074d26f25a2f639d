import Foundation

/// What one round of a probe produced: its data or the reason it has none, stamped with its time.
///
/// Failures travel the same road as data so the pane can show "timed out after 5s" next to the
/// last good data and its age.
public struct ProbeReport<Value: Sendable>: Sendable {
    public enum Outcome: Sendable {
        case success(Value)
        case failure(String)
    }

    public var outcome: Outcome
    /// Wall-clock time the round finished.
    public var finishedAt: Date
    /// How long the round took, measured on the probe loop's clock.
    public var duration: Duration
    /// 1 for the first round of this loop.
    public var round: Int
    /// Rounds skipped so far because the previous one was still running.
    public var skippedRounds: Int
    /// The source's state after this round: last good time, last error, failures in a row, next attempt.
    public var state: ProbeState
    /// The newest value of a round that succeeded, kept when this one failed (stale, see `state`).
    public var lastGood: Value?

    public init(
        outcome: Outcome, finishedAt: Date, duration: Duration = .zero, round: Int = 1, skippedRounds: Int = 0,
        state: ProbeState = ProbeState(), lastGood: Value? = nil
    ) {
        self.outcome = outcome
        self.finishedAt = finishedAt
        self.duration = duration
        self.round = round
        self.skippedRounds = skippedRounds
        self.state = state
        self.lastGood = lastGood
    }

    public var value: Value? {
        if case .success(let value) = outcome { return value }
        return nil
    }

    public var failureReason: String? {
        if case .failure(let reason) = outcome { return reason }
        return nil
    }
}

extension ProbeReport.Outcome: Equatable where Value: Equatable {}
extension ProbeReport: Equatable where Value: Equatable {}

/// The error a probe throws to fail a round with a reason fit for the pane.
public struct ProbeFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
