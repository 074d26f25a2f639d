import Foundation

/// One Services-pane row across rounds: shown state with hysteresis, latest result, latency history.
///
/// The store keeps one per configured check and feeds it every `ServiceCheckResult`; the view
/// reads name, state, code/latency from `latest`, the sparkline from `latencies` and the time since
/// `lastChange`. Kept in Core so `triage check` and the dashboard judge rounds the same way.
public struct ServiceCheckTrack: Sendable, Equatable {
    public static let latencyHistoryLength = 60

    public let name: String
    public let kind: ServiceCheckResult.Kind
    public private(set) var machine: CheckStateMachine
    public private(set) var latest: ServiceCheckResult?
    /// Oldest first, at most `latencyHistoryLength`; nil marks a round without a latency (no answer).
    public private(set) var latencies: [Duration?] = []
    /// Every round's outcome as runs, for availability over the incident or the last hour.
    public private(set) var roundLog = RoundLog()

    public init(name: String, kind: ServiceCheckResult.Kind, policy: CheckStateMachine.Policy = .standard) {
        self.name = name
        self.kind = kind
        self.machine = CheckStateMachine(policy: policy)
    }

    public mutating func record(_ result: ServiceCheckResult) {
        machine.record(result.state, at: result.checkedAt)
        roundLog.record(result.state, at: result.checkedAt)
        latest = result
        if kind != .prometheus {
            latencies.append(result.state == .crit && Self.noAnswer(result) ? nil : result.latency)
            if latencies.count > Self.latencyHistoryLength { latencies.removeFirst(latencies.count - Self.latencyHistoryLength) }
        }
    }

    /// The state to show (after thresholds); `unknown` before the first round.
    public var state: HealthState { machine.state }
    public var isFlapping: Bool { machine.isFlapping }
    public var lastChange: Date? { machine.lastChange }

    /// The newest round's reason. While hysteresis still shows OK after one failure, this already
    /// says what went wrong, so the pane can hint at it.
    public var reason: String? { latest?.reason }

    public func sinceLastChange(now: Date) -> Duration? {
        lastChange.map { .milliseconds(Int64((now.timeIntervalSince($0) * 1000).rounded())) }
    }

    private static func noAnswer(_ result: ServiceCheckResult) -> Bool {
        if case .http(let http) = result.detail { return http.statusCode == nil }
        if case .command(let command) = result.detail { return command.exitCode == nil }
        if case .dns(let network) = result.detail { return network.dnsStatus == nil }
        // A TCP check is crit only when nothing accepted the connection.
        if case .tcp = result.detail { return true }
        if case .tls(let network) = result.detail { return network.certificate == nil }
        return false
    }
}
