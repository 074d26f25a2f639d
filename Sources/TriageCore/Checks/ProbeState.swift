import Foundation

/// What the engine knows about one source as a source: when it last answered, why it does not now,
/// how many rounds in a row failed and when it will be asked next.
///
/// It travels with every `ProbeReport` and is kept in `DashboardSnapshot.probeStates` per source
/// (each docker host, each Kubernetes context, each check group), so a pane can say
/// "stale 42s: <the tool's own error>" for exactly the source that is old, and no other.
public struct ProbeState: Sendable, Equatable {
    /// When a round last succeeded; nil before the first success.
    public var lastGoodAt: Date?
    /// When the last round finished, successful or not.
    public var lastAttemptAt: Date?
    /// The last round's failure in the tool's own words; nil when it succeeded.
    public var lastError: String?
    /// Failed rounds since the last success (0 after a success).
    public var consecutiveFailures = 0
    /// When the next round is due: one interval after a success, the backoff after a failure.
    public var nextAttemptAt: Date?
    /// Ticks skipped because the previous round was still running (single-flight).
    public var skippedRounds = 0
    /// Ticks skipped because the source is in backoff after failing.
    public var deferredRounds = 0

    public init() {}

    /// True when the data shown for this source is from before its last failed round.
    public var isStale: Bool { lastError != nil }

    /// "stale 42s: connection refused", or nil while the source answers. Without any good round yet
    /// it says "no data: …", since there is nothing old to show.
    public func staleText(now: Date) -> String? {
        guard let lastError else { return nil }
        guard let lastGoodAt else { return "no data: " + lastError }
        let age = Duration.seconds(max(0, Int(now.timeIntervalSince(lastGoodAt))))
        return "stale \(DurationText.format(age)): " + lastError
    }

    /// Records a round that answered.
    public mutating func succeeded(at time: Date, next: Date) {
        lastGoodAt = time
        lastAttemptAt = time
        lastError = nil
        consecutiveFailures = 0
        nextAttemptAt = next
    }

    /// Records a round that did not, with the reason as the tool gave it.
    public mutating func failed(_ reason: String, at time: Date, next: Date) {
        lastAttemptAt = time
        lastError = reason
        consecutiveFailures += 1
        nextAttemptAt = next
    }
}
