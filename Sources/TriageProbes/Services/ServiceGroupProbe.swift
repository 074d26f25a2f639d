import Foundation
import TriageCore

/// The checks of one kind that share an interval (see `IntervalGroups`), as one registered probe:
/// a round runs them all at once through their kind's runner. (DNS, TCP and TLS checks share one
/// runner, so one group can hold members of those three kinds.)
///
/// The group never fails as a source (an HTTP 500 is a check result); when the engine gives up on a
/// round, every check of the group is reported `unknown` with the engine's reason.
public struct ServiceGroupProbe: Probe {
    public let id: ProbeID
    public let interval: Duration
    /// The runner's own round deadline (the checks' timeouts plus their margin).
    public let roundDeadline: Duration
    /// Each check of the group with its kind, in config order.
    public let members: [(name: String, kind: ServiceCheckResult.Kind)]
    public var names: [String] { members.map(\.name) }
    private let round: @Sendable () async -> [ServiceCheckResult]

    public init(
        id: ProbeID, interval: Duration, roundDeadline: Duration, names: [String], checkKind: ServiceCheckResult.Kind,
        round: @escaping @Sendable () async -> [ServiceCheckResult]
    ) {
        self.init(id: id, interval: interval, roundDeadline: roundDeadline, members: names.map { ($0, checkKind) }, round: round)
    }

    public init(
        id: ProbeID, interval: Duration, roundDeadline: Duration, members: [(name: String, kind: ServiceCheckResult.Kind)],
        round: @escaping @Sendable () async -> [ServiceCheckResult]
    ) {
        self.id = id
        self.interval = interval
        self.roundDeadline = roundDeadline
        self.members = members
        self.round = round
    }

    public func poll(deadline: Duration) async -> ProbeData { .services(await round()) }

    /// The group's row in the probe table: its interval, its runner's deadline, no backoff (a
    /// failing check is data, asked again every interval).
    public func registration(slot: Int) -> ProbeRegistration {
        ProbeRegistration(id: id, interval: interval, deadline: roundDeadline, backoff: .none, slot: slot) { _ in self }
    }

    public func unanswered(_ reason: String, at time: Date) -> ProbeData? {
        .services(members.map { ServiceCheckSuite.unknown($0.name, kind: $0.kind, reason: reason, at: time) })
    }
}
