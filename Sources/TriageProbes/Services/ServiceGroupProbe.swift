import Foundation
import TriageCore

/// The checks of one kind that share an interval (see `IntervalGroups`), as one registered probe:
/// a round runs them all at once through their kind's runner.
///
/// The group never fails as a source (an HTTP 500 is a check result); when the engine gives up on a
/// round, every check of the group is reported `unknown` with the engine's reason.
public struct ServiceGroupProbe: Probe {
    public let id: ProbeID
    public let interval: Duration
    /// The runner's own round deadline (the checks' timeouts plus their margin).
    public let roundDeadline: Duration
    public let names: [String]
    public let checkKind: ServiceCheckResult.Kind
    private let round: @Sendable () async -> [ServiceCheckResult]

    public init(
        id: ProbeID, interval: Duration, roundDeadline: Duration, names: [String], checkKind: ServiceCheckResult.Kind,
        round: @escaping @Sendable () async -> [ServiceCheckResult]
    ) {
        self.id = id
        self.interval = interval
        self.roundDeadline = roundDeadline
        self.names = names
        self.checkKind = checkKind
        self.round = round
    }

    public func poll(deadline: Duration) async -> ProbeData { .services(await round()) }

    /// The group's row in the probe table: its interval, its runner's deadline, no backoff (a
    /// failing check is data, asked again every interval).
    public func registration(slot: Int) -> ProbeRegistration {
        ProbeRegistration(id: id, interval: interval, deadline: roundDeadline, backoff: .none, slot: slot) { _ in self }
    }

    public func unanswered(_ reason: String, at time: Date) -> ProbeData? {
        .services(names.map { ServiceCheckSuite.unknown($0, kind: checkKind, reason: reason, at: time) })
    }
}
