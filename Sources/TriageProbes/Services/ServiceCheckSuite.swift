import Foundation
import TriageCore

/// Every HTTP check, command check and Prometheus query of a configuration: one headless round
/// for `triage check`, or a set of `ProbeLoop`s (one per kind and interval) for the dashboard.
public struct ServiceCheckSuite: Sendable {
    public var http: [HTTPCheckSpec]
    public var commands: [CommandCheckSpec]
    public var prometheus: [PrometheusQuerySpec]
    public var batch: CurlBatch
    public var wallClock: @Sendable () -> Date
    /// Why the command checks must not run (an untrusted config), or nil; see `CommandCheckRunner.withheld`.
    public var commandsWithheld: String?

    public init(
        http: [HTTPCheckSpec], commands: [CommandCheckSpec], prometheus: [PrometheusQuerySpec],
        commandsWithheld: String? = nil, batch: CurlBatch = CurlBatch(), wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.http = http
        self.commands = commands
        self.prometheus = prometheus
        self.commandsWithheld = commandsWithheld
        self.batch = batch
        self.wallClock = wallClock
    }

    /// One round of everything at once, results in config order per kind. Raw round states: a
    /// one-shot check has no history, so hysteresis does not apply.
    public func runOnce() async -> (services: [ServiceCheckResult], checks: [ServiceCheckResult], prometheus: [ServiceCheckResult]) {
        async let services = HTTPCheckRunner(specs: http, batch: batch, wallClock: wallClock).runRound()
        async let checks = CommandCheckRunner(specs: commands, withheld: commandsWithheld, wallClock: wallClock).runRound()
        async let queries = PrometheusQueryRunner(specs: prometheus, batch: batch, wallClock: wallClock).runRound()
        return await (services, checks, queries)
    }

    /// One probe per kind and effective interval, in config order of each group's first check.
    public func probes(refresh: Duration) -> [ServiceGroupProbe] {
        var probes: [ServiceGroupProbe] = []
        let wallClock = self.wallClock
        for (interval, specs) in IntervalGroups.group(http, interval: \.interval, default: refresh) {
            let runner = HTTPCheckRunner(specs: specs, batch: batch, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.http, "http every \(DurationText.format(interval))"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .http) { await runner.runRound() })
        }
        for (interval, specs) in IntervalGroups.group(commands, interval: \.interval, default: refresh) {
            let runner = CommandCheckRunner(specs: specs, withheld: commandsWithheld, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.command, "commands every \(DurationText.format(interval))"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .command) { await runner.runRound() })
        }
        for (interval, specs) in IntervalGroups.group(prometheus, interval: \.interval, default: refresh) {
            let runner = PrometheusQueryRunner(specs: specs, batch: batch, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.prometheus, "prometheus every \(DurationText.format(interval))"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .prometheus) { await runner.runRound() })
        }
        return probes
    }

    /// One loop per group of `probes(refresh:)`; run each loop's `run()` in the app's task group.
    ///
    /// `deliver` always gets one result per check of the loop's group: when the loop itself has to
    /// give up on a round (hard stop), every check of it is reported `unknown` with that reason.
    public func makeLoops<C: Clock>(
        refresh: Duration, clock: C, deliver: @escaping @Sendable ([ServiceCheckResult]) async -> Void
    ) -> [ProbeLoop<[ServiceCheckResult], C>] where C.Duration == Duration {
        let wallClock = self.wallClock
        return probes(refresh: refresh).map { group in
            ProbeLoop(
                name: group.id.name, interval: group.interval, deadline: group.roundDeadline, clock: clock, wallClock: wallClock,
                probe: { deadline in
                    guard case .services(let results) = await group.poll(deadline: deadline) else { return [] }
                    return results
                },
                deliver: { report in
                    switch report.outcome {
                    case .success(let results): await deliver(results)
                    case .failure(let reason):
                        guard case .services(let results)? = group.unanswered(reason, at: report.finishedAt) else { return }
                        await deliver(results)
                    }
                })
        }
    }

    static func unknown(_ name: String, kind: ServiceCheckResult.Kind, reason: String, at time: Date) -> ServiceCheckResult {
        let detail: ServiceCheckResult.Detail = switch kind {
        case .http: .http(HTTPCheckResult(state: .unknown, reason: reason))
        case .command: .command(CommandCheckResult(exitCode: nil, statusText: reason, state: .unknown, reason: reason))
        case .prometheus: .prometheus(PrometheusQueryResult(resultType: "", samples: [], state: .unknown, reason: reason))
        }
        return ServiceCheckResult(name: name, detail: detail, checkedAt: time)
    }
}
