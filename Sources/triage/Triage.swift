import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageUI

/// `triage`: the dashboard, plus subcommands for scripts.
@main
struct Triage: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "A terminal dashboard for live outage triage.",
        discussion: """
            Run it on the bastion during an outage: services, containers, pods, host, logs and the \
            incident checklist on one screen. Press ? inside for every key.
            """,
        version: version
    )

    @Option(help: "Theme name (default, light, high-contrast, monochrome) or a path to a theme .yaml file.")
    var theme: String = "default"

    @Option(help: ArgumentHelp("How often probes run, e.g. 500ms, 2s, 1m.", valueName: "duration"))
    var refresh: String = "2s"

    @Option(help: ArgumentHelp("Configuration file (default: ./triage.yaml, then $XDG_CONFIG_HOME/triage/config.yaml).", valueName: "file"))
    var config: String?

    @Flag(help: "Open as a read-only wall display.")
    var readOnly = false

    mutating func run() async throws {
        let interval: Duration
        do {
            interval = try DurationText.parse(refresh)
        } catch {
            throw ValidationError("--refresh: \(error)")
        }
        guard interval >= .milliseconds(100) else { throw ValidationError("--refresh: must be at least 100ms") }
        if let config, !FileManager.default.fileExists(atPath: config) {
            FileHandle.standardError.write(Data("triage: config file \(config) does not exist\n".utf8))
            throw ExitCode(2)
        }
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLoader.resolve(theme)
        } catch {
            FileHandle.standardError.write(Data("triage: \(error)\n".utf8))
            throw ExitCode(2)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data("triage: the dashboard needs a terminal; use `triage check` in scripts\n".utf8))
            throw ExitCode(2)
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let runner = DashboardRunner(options: .init(theme: loadedTheme, noColor: noColor,
                                                    sources: DashboardSources(refresh: interval, readOnly: readOnly)))
        let status = await runner.run()
        if status != 0 { throw ExitCode(status) }
    }
}
