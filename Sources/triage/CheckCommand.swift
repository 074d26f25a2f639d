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

            Exit status (the table in `triage --help`): 0 everything ok, 1 a warning (or something \
            that could not be checked), 2 something critical, 3 a configuration error (printed as \
            file:line:column), 64 a bad option.
            """)

    @OptionGroup var config: ConfigOption
    /// The trust list (a `./triage.yaml` runs its commands only when trusted) and the log live here.
    @OptionGroup var state: StateOption
    @OptionGroup var json: JSONOption
    @OptionGroup var log: LogOption

    @OptionGroup var timeout: TimeoutOption

    @Option(help: ArgumentHelp("Leave a part out of the state and exit status; only \"host\" for now (also host: {enabled: false}).", valueName: "part"))
    var skip: [String] = []

    func validate() throws {
        if let unknown = skip.first(where: { $0 != "host" }) {
            throw ValidationError("--skip: \"\(OutsideText.inline(unknown))\" is not a part that can be skipped (host)")
        }
    }

    func run() async throws {
        DisplayWidth.prepareLocale()
        log.start(stateDirectory: state.resolvedPath)
        let outcome = await HeadlessCheck.run(
            configPath: config.path, json: json.isOn, deadline: timeout.deadline?.duration ?? .seconds(10), skipHost: skip.contains("host"),
            stateDirectory: state.directory)
        if !outcome.errors.isEmpty { StandardStreams.writeError(outcome.errors) }
        if !outcome.output.isEmpty { CommandFailure.write(outcome.output) }
        if outcome.exitStatus != .ok { throw CommandFailure.exitCode(outcome.exitStatus) }
    }
}
