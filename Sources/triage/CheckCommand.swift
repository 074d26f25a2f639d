import ArgumentParser
import Foundation
import TriageApp
import TriageCore

/// `triage check`: one round of every probe, a table or JSON, and an exit status for scripts and cron.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Probe everything once and print the result (for scripts and cron).",
        discussion: """
            Runs one round of every service check, command check, Prometheus query, docker host, \
            Kubernetes context and the host, all at once, then prints a table or, with --json, the \
            document described in docs/CHECK.md. Without a configuration file it checks what \
            discovery finds (docker, kubectl's current context, the host).

            Exit status: 0 everything ok, 1 a warning (or something that could not be checked), \
            2 something critical, 3 a configuration error (printed as file:line:column).
            """)

    @Option(help: ArgumentHelp("Configuration file (default: ./triage.yaml, then $XDG_CONFIG_HOME/triage/config.yaml).", valueName: "file"))
    var config: String?

    @Flag(help: "Print JSON (schema in docs/CHECK.md) instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Deadline for each docker and kubectl run, e.g. 5s (default 10s).", valueName: "duration"))
    var timeout: String?

    @Option(help: ArgumentHelp("Leave a part out of the state and exit status; only \"host\" for now (also host: {enabled: false}).", valueName: "part"))
    var skip: [String] = []

    func run() async throws {
        var deadline: Duration = .seconds(10)
        if let timeout {
            do {
                deadline = try DurationText.parse(timeout)
            } catch {
                throw CommandFailure.fail("--timeout: \(error)", status: 3)
            }
            guard deadline > .zero else { throw CommandFailure.fail("--timeout: must be more than 0", status: 3) }
        }
        if let unknown = skip.first(where: { $0 != "host" }) {
            throw CommandFailure.fail("--skip: \"\(unknown)\" is not a part that can be skipped (host)", status: 3)
        }
        DisplayWidth.prepareLocale()
        let outcome = await HeadlessCheck.run(configPath: config, json: json, deadline: deadline, skipHost: skip.contains("host"))
        if !outcome.errors.isEmpty { StandardStreams.writeError(outcome.errors) }
        if !outcome.output.isEmpty { CommandFailure.write(outcome.output) }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
