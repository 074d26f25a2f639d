import Foundation
import TriageCore

/// Every HTTP, DNS, TCP and TLS check, command check and Prometheus query of a configuration, as
/// one probe per kind and interval (`ServiceGroupProbe`), registered like every other source
/// (`ProbeRegistry`): run on their intervals by the dashboard, once each by `triage check`.
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

    /// One probe per kind and effective interval, in config order of each group's first check.
    public func probes(refresh: Duration) -> [ServiceGroupProbe] {
        var probes: [ServiceGroupProbe] = []
        let wallClock = self.wallClock
        // The groups' loops tick together, so their curl rounds can share one process.
        let batch = self.batch.sharing == nil ? self.batch.shared(through: CurlBatchSharing()) : self.batch
        for (interval, label, specs) in IntervalGroups.group(http, interval: \.interval, timeout: \.timeout, default: refresh) {
            let runner = HTTPCheckRunner(specs: specs, batch: batch, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.http, "http \(label)"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .http) { await runner.runRound() })
        }
        for (interval, label, specs) in IntervalGroups.group(commands, interval: \.interval, timeout: \.timeout, default: refresh) {
            let runner = CommandCheckRunner(specs: specs, withheld: commandsWithheld, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.command, "commands \(label)"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .command) { await runner.runRound() })
        }
        for (interval, label, specs) in IntervalGroups.group(prometheus, interval: \.interval, timeout: \.timeout, default: refresh) {
            let runner = PrometheusQueryRunner(specs: specs, batch: batch, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.prometheus, "prometheus \(label)"), interval: interval,
                roundDeadline: runner.roundDeadline, names: specs.map(\.name), checkKind: .prometheus) { await runner.runRound() })
        }
        for (interval, label, specs) in IntervalGroups.group(network, interval: \.interval, timeout: \.timeout, default: refresh) {
            let runner = NetworkCheckRunner(specs: specs, wallClock: wallClock)
            probes.append(ServiceGroupProbe(
                id: ProbeID(.network, "dns/tcp/tls \(label)"), interval: interval,
                roundDeadline: runner.roundDeadline, members: specs.map { ($0.name, $0.kind) }) { await runner.runRound() })
        }
        return probes
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
