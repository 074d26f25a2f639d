import Foundation
import TriageCore

/// Runs one round of every command check, each its own process with its timeout, at most
/// ``maxConcurrent`` at a time.
///
/// The bound is what keeps a large configuration from being a fork storm: with every check started
/// at once, 1,000 checks were 1,000 processes in the same instant on the machine being triaged.
public struct CommandCheckRunner: Sendable {
    /// Processes one round runs at once by default: enough that a few slow checks do not hold up
    /// the rest, few enough for a loaded 2-core bastion.
    public static let defaultMaxConcurrent = 16

    public var specs: [CommandCheckSpec]
    public var outputLimit: Int
    public var maxConcurrent: Int
    public var wallClock: @Sendable () -> Date
    /// Set when the commands must not run (their config file is not trusted): every check is
    /// UNKNOWN with this reason and no process is started.
    public var withheld: String?

    public init(specs: [CommandCheckSpec], outputLimit: Int = 1 << 20, maxConcurrent: Int = CommandCheckRunner.defaultMaxConcurrent,
                withheld: String? = nil, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.specs = specs
        self.outputLimit = outputLimit
        self.maxConcurrent = max(1, maxConcurrent)
        self.withheld = withheld
        self.wallClock = wallClock
    }

    /// The slowest check's timeout plus the TERM→KILL grace, for every wave of ``maxConcurrent``
    /// checks, plus a little slack.
    public var roundDeadline: Duration {
        let waves = max(1, (specs.count + maxConcurrent - 1) / maxConcurrent)
        return ((specs.map(\.timeout).max() ?? .seconds(5)) + ProcessRunner.terminationGrace) * waves + .seconds(1)
    }

    public func runRound() async -> [ServiceCheckResult] {
        if let withheld {
            let now = wallClock()
            return specs.map { spec in
                ServiceCheckResult(
                    name: spec.name,
                    detail: .command(CommandCheckResult(exitCode: nil, statusText: "not run", state: .unknown, reason: withheld)),
                    checkedAt: now)
            }
        }
        let limit = outputLimit
        let specs = self.specs
        let results = await WindowedTasks.map(count: specs.count, maxConcurrent: maxConcurrent) { index in
            let spec = specs[index]
            guard let executable = spec.argv.first else {
                return CommandCheckResult(exitCode: nil, statusText: "empty command", state: .unknown, reason: "empty command")
            }
            let outcome = await ProcessRunner.run(
                executable, Array(spec.argv.dropFirst()), environment: spec.environment, deadline: spec.timeout,
                outputLimit: limit)
            return CommandCheckEvaluator.evaluate(spec, outcome: outcome)
        }
        let now = wallClock()
        return zip(specs, results).map { spec, result in
            ServiceCheckResult(
                name: spec.name,
                detail: .command(result ?? CommandCheckResult(exitCode: nil, statusText: "not run", state: .unknown, reason: "not run")),
                checkedAt: now)
        }
    }
}
