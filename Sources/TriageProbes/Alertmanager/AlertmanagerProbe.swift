import Foundation
import TriageCore

/// One configured Alertmanager as a probe: each round reads its active alerts
/// (`GET /api/v2/alerts?filter=…&receiver=…&silenced=true&active=true`) and its silences, in one curl.
///
/// Silenced alerts are always asked for: with `silenced: false` they still show (as ok, "silenced
/// until …"), so the silence triage set can be seen and expired. An unreachable or refusing
/// Alertmanager is a failed round (`ProbeData.failure`): one unknown row with the reason, never "no alerts".
public struct AlertmanagerProbe: Probe {
    public let id: ProbeID
    public let client: AlertmanagerClient
    private let wallClock: @Sendable () -> Date

    public init(spec: AlertmanagerSpec, batch: CurlBatch = CurlBatch(), wallClock: @escaping @Sendable () -> Date = { Date() }) {
        id = ProbeID(.alertmanager, spec.name)
        client = AlertmanagerClient(spec: spec, batch: batch)
        self.wallClock = wallClock
    }

    public var spec: AlertmanagerSpec { client.spec }

    /// The query of the alerts request: each matcher as its own `filter`, then receiver and flags.
    public var alertsQuery: [(name: String, value: String)] {
        spec.filter.map { ("filter", $0) } + (spec.receiver.map { [("receiver", $0)] } ?? []) + [("silenced", "true"), ("active", "true")]
    }

    public func poll(deadline: Duration) async -> ProbeData {
        let answers = await client.send([client.request("alerts", query: alertsQuery), client.request("silences")])
        let now = wallClock()
        var alerts: [FiringAlert]
        switch answers[0].flatMap(AlertmanagerResponse.alerts) {
        case .failure(let error): return .alertmanager(failed(error.description, at: now))
        case .success(let read): alerts = read
        }
        // Without the silences, a silenced alert still says it is silenced, only not until when.
        if case .success(let ends) = answers[1].flatMap(AlertmanagerResponse.activeSilenceEnds) {
            for index in alerts.indices { alerts[index].silencedUntil = alerts[index].silencedBy.compactMap { ends[$0] }.max() }
        }
        return .alertmanager(AlertmanagerSnapshot(source: spec.name, alerts: alerts, countsSilenced: spec.silenced, lastGoodAt: now, roundAt: now))
    }

    public func unanswered(_ reason: String, at time: Date) -> ProbeData? { .alertmanager(failed(reason, at: time)) }

    private func failed(_ reason: String, at time: Date) -> AlertmanagerSnapshot {
        AlertmanagerSnapshot(source: spec.name, alerts: [], countsSilenced: spec.silenced, roundAt: time, failure: "alertmanager \(spec.name): \(reason)")
    }
}
