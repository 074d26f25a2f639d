import Foundation

/// The newest good data of a probe plus what went wrong since, so a pane can keep showing data marked stale.
public struct LatestProbeData<Value: Sendable>: Sendable {
    /// The last successful value, kept across failures.
    public private(set) var value: Value?
    /// When `value` was produced.
    public private(set) var valueAt: Date?
    /// The reason of the newest round when it failed; nil once a round succeeds again.
    public private(set) var failure: String?
    public private(set) var failureAt: Date?
    public private(set) var skippedRounds = 0

    public init() {}

    /// True when the newest round failed but older data is still on display.
    public var isStale: Bool { failure != nil && value != nil }

    /// Age of the shown data at `now`, nil when there is none.
    public func age(at now: Date) -> Duration? {
        valueAt.map { .milliseconds(Int64((now.timeIntervalSince($0) * 1000).rounded())) }
    }

    public mutating func apply(_ report: ProbeReport<Value>) {
        skippedRounds = report.skippedRounds
        switch report.outcome {
        case .success(let newValue):
            value = newValue
            valueAt = report.finishedAt
            failure = nil
            failureAt = nil
        case .failure(let reason):
            failure = reason
            failureAt = report.finishedAt
        }
    }
}
