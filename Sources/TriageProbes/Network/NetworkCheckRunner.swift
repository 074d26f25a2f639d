import Foundation
import TriageCore

/// Runs one round of every DNS, TCP and TLS check, each its own `dig`, `nc` or `openssl` process
/// (argv, own process group, deadline), at most ``maxConcurrent`` at a time.
public struct NetworkCheckRunner: Sendable {
    public var specs: [NetworkCheckSpec]
    public var maxConcurrent: Int
    public var wallClock: @Sendable () -> Date

    public init(specs: [NetworkCheckSpec], maxConcurrent: Int = CommandCheckRunner.defaultMaxConcurrent,
                wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.specs = specs
        self.maxConcurrent = max(1, maxConcurrent)
        self.wallClock = wallClock
    }

    /// The slowest check's process deadline plus the TERM→KILL grace, for every wave of
    /// ``maxConcurrent`` checks, plus a little slack.
    public var roundDeadline: Duration {
        let waves = max(1, (specs.count + maxConcurrent - 1) / maxConcurrent)
        let slowest = specs.map(NetworkCheckCommand.deadline).max() ?? .seconds(6)
        return (slowest + ProcessRunner.terminationGrace) * waves + .seconds(1)
    }

    public func runRound() async -> [ServiceCheckResult] {
        let specs = self.specs
        let wallClock = self.wallClock
        let results = await WindowedTasks.map(count: specs.count, maxConcurrent: maxConcurrent) { index in
            let spec = specs[index]
            let (executable, arguments) = NetworkCheckCommand.argv(spec)
            // stdin is closed at once: s_client then ends after the handshake instead of waiting.
            let outcome = await ProcessRunner.run(
                executable, arguments, deadline: NetworkCheckCommand.deadline(spec), outputLimit: 256 << 10, stdin: [])
            return NetworkCheckEvaluator.evaluate(spec, outcome: outcome, now: wallClock())
        }
        let now = wallClock()
        return zip(specs, results).map { spec, result in
            Self.result(spec, result ?? NetworkCheckResult(state: .unknown, reason: "not run"), at: now)
        }
    }

    /// The row for `spec` carrying `result` under the spec's kind.
    public static func result(_ spec: NetworkCheckSpec, _ result: NetworkCheckResult, at time: Date) -> ServiceCheckResult {
        let detail: ServiceCheckResult.Detail = switch spec.target {
        case .dns: .dns(result)
        case .tcp: .tcp(result)
        case .tls: .tls(result)
        }
        return ServiceCheckResult(name: spec.name, detail: detail, checkedAt: time)
    }
}
