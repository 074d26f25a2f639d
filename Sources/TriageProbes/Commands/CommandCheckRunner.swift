import Foundation
import TriageCore

/// Runs one round of every command check, each its own process, all at once, each with its timeout.
public struct CommandCheckRunner: Sendable {
    public var specs: [CommandCheckSpec]
    public var outputLimit: Int
    public var wallClock: @Sendable () -> Date

    public init(specs: [CommandCheckSpec], outputLimit: Int = 1 << 20, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.specs = specs
        self.outputLimit = outputLimit
        self.wallClock = wallClock
    }

    /// The slowest check's timeout plus the TERM→KILL grace and a little slack.
    public var roundDeadline: Duration {
        (specs.map(\.timeout).max() ?? .seconds(5)) + ProcessRunner.terminationGrace + .seconds(1)
    }

    public func runRound() async -> [ServiceCheckResult] {
        let limit = outputLimit
        let results = await withTaskGroup(of: (Int, CommandCheckResult).self) { group in
            for (index, spec) in specs.enumerated() {
                group.addTask {
                    guard let executable = spec.argv.first else {
                        return (index, CommandCheckResult(exitCode: nil, statusText: "empty command", state: .unknown, reason: "empty command"))
                    }
                    let outcome = await ProcessRunner.run(
                        executable, Array(spec.argv.dropFirst()), environment: spec.environment, deadline: spec.timeout,
                        outputLimit: limit)
                    return (index, CommandCheckEvaluator.evaluate(spec, outcome: outcome))
                }
            }
            var collected = [CommandCheckResult?](repeating: nil, count: specs.count)
            for await (index, result) in group { collected[index] = result }
            return collected
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
