import Foundation
import TriageCore

/// Every HTTP, DNS, TCP and TLS check, command check and Prometheus query of a configuration: one headless round
/// for `triage check`, or a set of `ProbeLoop`s (one per kind and interval) for the dashboard.
public struct ServiceCheckSuite: Sendable {
    public var http: [HTTPCheckSpec]
    public var commands: [CommandCheckSpec]
    public var prometheus: [PrometheusQuerySpec]
    /// DNS, TCP and TLS checks (`services:` entries with `dns:`, `tcp:` or `tls:`).
    public var network: [NetworkCheckSpec]
    public var batch: CurlBatch
    public var wallClock: @Sendable () -> Date
    /// Why the command checks must not run (an untrusted config), or nil; see `CommandCheckRunner.withheld`.
    public var commandsWithheld: String?

    public init(
        http: [HTTPCheckSpec], commands: [CommandCheckSpec], prometheus: [PrometheusQuerySpec],
        network: [NetworkCheckSpec] = [], commandsWithheld: String? = nil, batch: CurlBatch = CurlBatch(), wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.http = http
        self.commands = commands
        self.prometheus = prometheus
        self.network = network
        self.commandsWithheld = commandsWithheld
        self.batch = batch
        self.wallClock = wallClock
    }

    /// One round of everything at once, results in config order per kind (`services` holds the
    /// HTTP checks, then the DNS, TCP and TLS ones). Raw round states: a
    /// one-shot check has no history, so hysteresis does not apply.
    public func runOnce() async -> (services: [ServiceCheckResult], checks: [ServiceCheckResult], prometheus: [ServiceCheckResult]) {
        async let services = HTTPCheckRunner(specs: http, batch: batch, wallClock: wallClock).runRound()
        async let checks = CommandCheckRunner(specs: commands, withheld: commandsWithheld, wallClock: wallClock).runRound()
        async let queries = PrometheusQueryRunner(specs: prometheus, batch: batch, wallClock: wallClock).runRound()
        async let connections = NetworkCheckRunner(specs: network, wallClock: wallClock).runRound()
        return await (services + connections, checks, queries)
    }

    /// One loop per kind and effective interval; run each loop's `run()` in the app's task group.
    ///
    /// `deliver` always gets one result per check of the loop's group: when the loop itself has to
    /// give up on a round (hard stop), every check of it is reported `unknown` with that reason.
    public func makeLoops<C: Clock>(
        refresh: Duration, clock: C, deliver: @escaping @Sendable ([ServiceCheckResult]) async -> Void
    ) -> [ProbeLoop<[ServiceCheckResult], C>] where C.Duration == Duration {
        var loops: [ProbeLoop<[ServiceCheckResult], C>] = []
        let wallClock = self.wallClock
        func add(_ name: String, interval: Duration, deadline: Duration, members: [(name: String, kind: ServiceCheckResult.Kind)], round: @escaping @Sendable () async -> [ServiceCheckResult]) {
            loops.append(ProbeLoop(
                name: name, interval: interval, deadline: deadline, clock: clock, wallClock: wallClock,
                probe: { _ in await round() },
                deliver: { report in
                    switch report.outcome {
                    case .success(let results): await deliver(results)
                    case .failure(let reason):
                        await deliver(members.map { Self.unknown($0.name, kind: $0.kind, reason: reason, at: report.finishedAt) })
                    }
                }))
        }
        for (interval, specs) in IntervalGroups.group(http, interval: \.interval, default: refresh) {
            let runner = HTTPCheckRunner(specs: specs, batch: batch, wallClock: wallClock)
            add("http every \(DurationText.format(interval))", interval: interval, deadline: runner.roundDeadline, members: specs.map { ($0.name, .http) }) { await runner.runRound() }
        }
        for (interval, specs) in IntervalGroups.group(commands, interval: \.interval, default: refresh) {
            let runner = CommandCheckRunner(specs: specs, withheld: commandsWithheld, wallClock: wallClock)
            add("commands every \(DurationText.format(interval))", interval: interval, deadline: runner.roundDeadline, members: specs.map { ($0.name, .command) }) { await runner.runRound() }
        }
        for (interval, specs) in IntervalGroups.group(prometheus, interval: \.interval, default: refresh) {
            let runner = PrometheusQueryRunner(specs: specs, batch: batch, wallClock: wallClock)
            add("prometheus every \(DurationText.format(interval))", interval: interval, deadline: runner.roundDeadline, members: specs.map { ($0.name, .prometheus) }) { await runner.runRound() }
        }
        for (interval, specs) in IntervalGroups.group(network, interval: \.interval, default: refresh) {
            let runner = NetworkCheckRunner(specs: specs, wallClock: wallClock)
            add("dns/tcp/tls every \(DurationText.format(interval))", interval: interval, deadline: runner.roundDeadline, members: specs.map { ($0.name, $0.kind) }) { await runner.runRound() }
        }
        return loops
    }

    static func unknown(_ name: String, kind: ServiceCheckResult.Kind, reason: String, at time: Date) -> ServiceCheckResult {
        let detail: ServiceCheckResult.Detail = switch kind {
        case .http: .http(HTTPCheckResult(state: .unknown, reason: reason))
        case .command: .command(CommandCheckResult(exitCode: nil, statusText: reason, state: .unknown, reason: reason))
        case .prometheus: .prometheus(PrometheusQueryResult(resultType: "", samples: [], state: .unknown, reason: reason))
        case .dns: .dns(NetworkCheckResult(state: .unknown, reason: reason))
        case .tcp: .tcp(NetworkCheckResult(state: .unknown, reason: reason))
        case .tls: .tls(NetworkCheckResult(state: .unknown, reason: reason))
        }
        return ServiceCheckResult(name: name, detail: detail, checkedAt: time)
    }
}
