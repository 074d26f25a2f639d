import Foundation
import TriageConfig
import TriageCore
import TriageStore

/// `triage check`: load the configuration (or discover), run one round of every probe, and print
/// the report as a table or JSON with the exit status scripts and cron act on.
///
/// Kept out of the executable so that what the command prints and returns is one function of its
/// inputs; the command itself only parses flags and writes `Outcome` out.
public enum HeadlessCheck {
    /// What the command prints and how it exits.
    public struct Outcome: Sendable {
        /// For stdout: the table or the JSON document (empty after a configuration error).
        public var output: String
        /// For stderr: configuration errors as `file:line:column: key: message` lines.
        public var errors: String
        /// 0 ok, 1 warning or unknown, 2 critical, 3 configuration error.
        public var exitStatus: ExitStatus
        /// The report, when the round ran.
        public var report: CheckReport?

        public init(output: String, errors: String, exitStatus: ExitStatus, report: CheckReport?) {
            self.output = output
            self.errors = errors
            self.exitStatus = exitStatus
            self.report = report
        }
    }

    /// - Parameters:
    ///   - configPath: `--config FILE`; nil looks for ./triage.yaml, then the user config, then discovers.
    ///   - json: print the JSON document (docs/CHECK.md) instead of the table.
    ///   - deadline: for each docker and kubectl run (discovery gets at most 3 s of it).
    ///   - skipHost: `--skip host`: the host does not count toward the state and exit status.
    ///   - stateDirectory: `--state DIR`, where the trust list is; nil: the environment's.
    public static func run(
        configPath: String?, json: Bool, deadline: Duration = .seconds(10), skipHost: Bool = false,
        stateDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Outcome {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigTrust.load(
                explicit: configPath, stateDirectory: StateDirectory.path(explicit: stateDirectory, environment: environment),
                environment: environment)
        } catch {
            return Outcome(output: "", errors: error.description + "\n", exitStatus: .configurationError, report: nil)
        }
        let configuration = loaded.configuration
        var discovered: DiscoveredSources?
        if CheckPlan.needsDiscovery(configuration) {
            discovered = await Discovery.run(deadline: min(deadline, .seconds(3)), environment: environment)
        }
        var plan = CheckPlan(configuration: configuration, discovered: discovered)
        if configuration == nil {
            plan.notes.insert("no configuration file: checked what discovery found (`triage init` writes a triage.yaml)", at: 0)
        } else if discovered != nil {
            plan.notes.insert("the configuration names no probe: checked what discovery found", at: 0)
        }
        plan.commandsWithheld = loaded.commandsWithheld
        if skipHost { plan.hostCounted = false }
        if let notice = loaded.untrustedNotice { plan.notes.insert(notice, at: 0) }
        let round = await CheckRunner(plan: plan, deadline: deadline).run()
        let report = CheckReport(round: round, plan: plan)
        let output = json ? JSONWriter.document(report.json) : CheckTableRenderer.render(report)
        return Outcome(output: output, errors: "", exitStatus: report.exitStatus, report: report)
    }
}
