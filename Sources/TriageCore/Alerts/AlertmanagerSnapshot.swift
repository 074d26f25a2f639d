import Foundation

/// One Alertmanager's newest round: its active alerts, or why it could not be read.
public struct AlertmanagerSnapshot: Sendable, Equatable {
    /// The configured name (`alertmanager: [{name: …}]`).
    public var source: String
    /// The alerts the filter selected, in Alertmanager's order; on failure, the last good ones.
    public var alerts: [FiringAlert]
    /// True when silenced alerts count with their severity (`silenced: true`).
    public var countsSilenced: Bool
    public var lastGoodAt: Date?
    public var roundAt: Date
    /// Why this round could not read the alerts, in curl's or Alertmanager's words; nil when it answered.
    public var failure: String?

    public init(
        source: String, alerts: [FiringAlert], countsSilenced: Bool = false, lastGoodAt: Date? = nil, roundAt: Date,
        failure: String? = nil
    ) {
        self.source = source
        self.alerts = alerts
        self.countsSilenced = countsSilenced
        self.lastGoodAt = lastGoodAt
        self.roundAt = roundAt
        self.failure = failure
    }

    /// The state an alert shows with: its severity's, or ok when silenced and silences do not count.
    public func state(of alert: FiringAlert) -> HealthState {
        alert.isSilenced && !countsSilenced ? .ok : alert.severityState
    }
}
