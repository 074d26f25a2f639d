import Foundation
import Testing
import TriageCore

/// Every subcommand held to the one exit-status table (`ExitStatus`, printed by `triage --help`,
/// listed in the README and docs/CLI.md), for its success and its main failures, from the real binary.
@Suite("ExitStatusContract") struct ExitStatusContractTests {
    static let ok: Int32 = TriageCore.ExitStatus.ok.rawValue
    static let warningOrNotFound = TriageCore.ExitStatus.warningOrNotFound.rawValue
    static let failure = TriageCore.ExitStatus.failure.rawValue
    static let configurationError = TriageCore.ExitStatus.configurationError.rawValue
    static let usage = TriageCore.ExitStatus.usage.rawValue

    /// The numbers scripts already test, pinned: changing one is a breaking change, not a refactor.
    @Test func theTableIsStable() {
        #expect(TriageCore.ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 64])
    }

    @Test func helpPrintsTheTable() throws {
        let help = try CLIRun(["--help"], environment: ["COLUMNS": "200"])
        #expect(help.status == Self.ok)
        #expect(help.standardOutput.contains("EXIT STATUS"), "\(help.standardOutput)")
        for status in TriageCore.ExitStatus.allCases {
            let number = String(status.rawValue)
            let line = String(repeating: " ", count: 3 - number.count) + number + "  " + status.meaning
            #expect(help.standardOutput.contains(line), "missing from --help: \(line)\n\(help.standardOutput)")
        }
    }

    /// A config with one mistake, and one that names a file that is not there: both status 3,
    /// whatever command reads them.
    @Test(arguments: [["check"], ["dashboard"], ["wall"], ["incident", "new", "--title", "T", "--severity", "P1"]])
    func aRejectedConfigIsStatus3(command: [String]) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = scratch.path + "/triage.yaml"
        try "services:\n  - name: api\n    url: http://127.0.0.1:1/\n    timeout: soon\n".write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["XDG_STATE_HOME": scratch.path, "XDG_CONFIG_HOME": scratch.path]
        let state = ["--state", scratch.path]
        let bad = try CLIRun(command + ["--config", config] + state, environment: environment)
        #expect(bad.status == Self.configurationError, "\(command): stderr \(bad.standardError)")
        #expect(bad.standardError.contains("\(config):4:14: services[0].timeout"), "\(bad.standardError)")
        let missing = try CLIRun(command + ["--config", scratch.path + "/nowhere.yaml"] + state, environment: environment)
        #expect(missing.status == Self.configurationError, "\(command): stderr \(missing.standardError)")
    }

    @Test(arguments: [["dashboard"], ["wall"], []])
    func theDashboardWithoutATerminalIsStatus2AndABadRefreshIs64(command: [String]) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let environment = ["XDG_STATE_HOME": scratch.path, "XDG_CONFIG_HOME": scratch.path]
        let noTerminal = try CLIRun(command + ["--state", scratch.path], environment: environment)
        #expect(noTerminal.status == Self.failure, "stderr: \(noTerminal.standardError)")
        #expect(noTerminal.standardError.contains("needs a terminal"), "\(noTerminal.standardError)")
        for refresh in ["5", "50ms", "soon"] {
            let bad = try CLIRun(command + ["--refresh", refresh], environment: environment)
            #expect(bad.status == Self.usage, "--refresh \(refresh): stderr \(bad.standardError)")
        }
    }

    @Test func checkStatusesFollowTheWorstEntry() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let environment = ["XDG_STATE_HOME": scratch.path, "XDG_CONFIG_HOME": scratch.path]
        func status(_ yaml: String) throws -> CLIRun {
            let config = scratch.path + "/\(UUID().uuidString).yaml"
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
            return try CLIRun(["check", "--config", config, "--skip", "host", "--timeout", "5s"], environment: environment)
        }
        let fine = try status("checks:\n  - {name: yes, run: [true]}\n")
        #expect(fine.status == Self.ok, "stdout: \(fine.standardOutput) stderr: \(fine.standardError)")
        // A docker host that does not answer is `unknown`: could not look, so a warning.
        let unknown = try status("checks:\n  - {name: yes, run: [true]}\ndocker:\n  - {host: \"tcp://127.0.0.1:1\"}\n")
        #expect(unknown.status == Self.warningOrNotFound, "stdout: \(unknown.standardOutput) stderr: \(unknown.standardError)")
        let critical = try status("checks:\n  - {name: no, run: [false]}\n")
        #expect(critical.status == Self.failure, "stdout: \(critical.standardOutput)")
    }

    /// `--timeout` and `--skip` are options like any other: a bad value is a usage error (64), as the
    /// argument parser reports every other bad value; it was 3, the status of a rejected config.
    @Test(arguments: [["--timeout", "5"], ["--timeout", "0s"], ["--skip", "services"]])
    func aBadCheckOptionIsAUsageError(option: [String]) throws {
        let run = try CLIRun(["check"] + option)
        #expect(run.status == Self.usage, "stderr: \(run.standardError)")
        #expect(run.standardError.contains(option[0]), "\(run.standardError)")
    }

    @Test func doctorIsStatus2ExactlyWhenALineFails() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        // No curl on PATH: HTTP checks cannot run, a failure.
        let failing = try CLIRun(
            ["doctor", "--state", scratch.path, "--timeout", "2s"], environment: ["PATH": scratch.path, "XDG_CONFIG_HOME": scratch.path])
        #expect(failing.status == Self.failure, "\(failing.standardOutput)")
        #expect(failing.standardOutput.contains("curl not found on PATH"), "\(failing.standardOutput)")
        let usual = try CLIRun(["doctor", "--state", scratch.path, "--timeout", "2s"], environment: ["XDG_CONFIG_HOME": scratch.path])
        let failed = usual.standardOutput.split(separator: "\n").contains { $0.hasPrefix("fail") }
        #expect(usual.status == (failed ? Self.failure : Self.ok), "\(usual.standardOutput)")
        let bad = try CLIRun(["doctor", "--timeout", "never"])
        #expect(bad.status == Self.usage, "stderr: \(bad.standardError)")
    }

    @Test func incidentStatuses() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let new = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        #expect(new.status == Self.ok, "stderr: \(new.standardError)")
        #expect(try CLIRun(["incident", "list", "--state", state.path]).status == Self.ok)
        let id = new.standardOutput.trimmingCharacters(in: .newlines)
        #expect(try CLIRun(["incident", "show", id, "--state", state.path]).status == Self.ok)
        #expect(try CLIRun(["incident", "show", "INC-19700101-0000", "--state", state.path]).status == Self.warningOrNotFound)
        let unreadable = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--runbook", state.path + "/none.md", "--state", state.path])
        #expect(unreadable.status == Self.failure, "stderr: \(unreadable.standardError)")
        #expect(try CLIRun(["incident", "new", "--severity", "P1", "--state", state.path]).status == Self.usage)
    }

    @Test func exportStatuses() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        #expect(try CLIRun(["export", "status", "--state", state.path]).status == Self.warningOrNotFound)
        _ = try CLIRun(["incident", "new", "--title", "T", "--severity", "P1", "--state", state.path])
        #expect(try CLIRun(["export", "status", "--state", state.path]).status == Self.ok)
        #expect(try CLIRun(["export", "status", "--incident", "INC-19700101-0000", "--state", state.path]).status == Self.warningOrNotFound)
        #expect(try CLIRun(["export", "status", "-o", state.path + "/no/dir/out.md", "--state", state.path]).status == Self.failure)
        #expect(try CLIRun(["export", "status", "--format", "yaml", "--state", state.path]).status == Self.usage)
    }

    @Test func runbookStatuses() throws {
        let runbook = try #require(Fixtures.runbooks.first)
        #expect(try CLIRun(["runbook", "lint", runbook]).status == Self.ok)
        #expect(try CLIRun(["runbook", "default"]).status == Self.ok)
        #expect(try CLIRun(["runbook", "lint", runbook + ".missing"]).status == Self.failure)
        #expect(try CLIRun(["runbook", "lint"]).status == Self.usage)
    }

    @Test func trustAndUntrustStatuses() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let config = scratch.path + "/triage.yaml"
        try "checks:\n  - {name: yes, run: [true]}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let state = ["--state", scratch.path]
        #expect(try CLIRun(["untrust", config] + state).status == Self.warningOrNotFound)
        #expect(try CLIRun(["trust", config] + state).status == Self.ok)
        #expect(try CLIRun(["trust", "--list"] + state).status == Self.ok)
        #expect(try CLIRun(["trust", "--list", config] + state).status == Self.usage)
        #expect(try CLIRun(["untrust", config] + state).status == Self.ok)
        #expect(try CLIRun(["trust", scratch.path + "/none.yaml"] + state).status == Self.failure)
        try "checks:\n  - {name: yes, run: \"true\"}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let rejected = try CLIRun(["trust", config] + state)
        #expect(rejected.status == Self.configurationError, "stderr: \(rejected.standardError)")
    }

    @Test func initStatuses() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let output = scratch.path + "/triage.yaml"
        // PATH without docker or kubectl: discovery finds nothing and says so at once.
        let environment = ["PATH": scratch.path, "XDG_CONFIG_HOME": scratch.path]
        let written = try CLIRun(["init", "--output", output], environment: environment)
        #expect(written.status == Self.ok, "stderr: \(written.standardError)")
        let refused = try CLIRun(["init", "--output", output], environment: environment)
        #expect(refused.status == Self.failure, "stderr: \(refused.standardError)")
        #expect(try CLIRun(["init", "--output", output, "--force"], environment: environment).status == Self.ok)
        #expect(try CLIRun(["keys"]).status == Self.ok)
    }
}
