import ArgumentParser
import Foundation
import TriageApp
import TriageConfig
import TriageCore
import TriageProbes
import TriageRunbook
import TriageStore
import TriageUI

/// `triage`: the dashboard, plus subcommands for scripts.
struct Triage: AsyncParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "A terminal dashboard for live outage triage.",
        discussion: """
            Run it on the bastion during an outage: services, containers, pods, host, logs and the \
            incident checklist on one screen. Press ? inside for every key.

            EXIT STATUS (every subcommand; docs/CLI.md):
            \(ExitStatus.helpTable)
            """,
        version: version,
        subcommands: [
            DashboardCommand.self, WallCommand.self, RunbookCommand.self, IncidentCommand.self, ExportCommand.self,
            CheckCommand.self, InitCommand.self, TrustCommand.self, UntrustCommand.self, KeysCommand.self,
            DoctorCommand.self, ReplayCommand.self, DrillCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own main, with triage made a child subreaper around it: what a check leaves
    /// behind when it exits (`setsid cmd &`) re-parents to triage, which ends it after each run and
    /// once more here before exiting (see `OrphanReaper`).
    static func main() async {
        // Started as `ssh` by a docker child, this process only becomes the real ssh (never returns then).
        DockerSSHShim.becomeSSHIfShim()
        OrphanReaper.adopt()
        let started = ContinuousClock.now
        do {
            var command = try parseCommandLine()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            OrphanReaper.endAll()
            DockerSSHShim.removeDirectory()
            logExit(status: 0, since: started)
        } catch {
            OrphanReaper.endAll()
            DockerSSHShim.removeDirectory()
            logExit(status: exitCode(for: error).rawValue, since: started)
            if let help = RootHelp.message(for: error) {
                StandardStreams.writeOutput(help + "\n")
                exit(withError: nil)
            }
            exit(withError: error)
        }
    }

    /// What `parseAsRoot()` returns, parsed more cheaply for the plain `triage` that starts the
    /// dashboard: with no argument it can only be `DashboardCommand` with its defaults, and parsing
    /// that command alone reflects its own options instead of the whole tree of subcommands (most of
    /// ArgumentParser's ~28 M instructions before the first frame, docs/PERFORMANCE.md (i) round
    /// four). Any argument, `--help` and `--version` included, goes through `parseAsRoot()` as before.
    static func parseCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws -> any ParsableCommand {
        if arguments.isEmpty { return try DashboardCommand.parse([]) }
        return try parseAsRoot(arguments)
    }

    /// The `exit` line of the diagnostic log (when `--log-level` or `TRIAGE_LOG` opened one).
    static func logExit(status: Int32, since started: ContinuousClock.Instant) {
        DiagnosticLog.write(.info, "exit", [
            ("status", .int(Int(status))), ("durationMs", .int(Int((ContinuousClock.now - started).milliseconds))),
        ])
    }
}

/// Options shared by the dashboard and the wall display.
struct ScreenOptions: ParsableArguments {
    @OptionGroup var config: ConfigOption
    @OptionGroup var state: StateOption
    @OptionGroup var theme: ThemeOption
    @OptionGroup var refresh: RefreshOption
    @OptionGroup var log: LogOption

    @Option(help: ArgumentHelp("Runbook for new incidents (default: the config's `runbook:`, else the built-in one).", valueName: "file"))
    var runbook: String?

    func fail(_ message: String, status: ExitStatus = .failure) -> ExitCode {
        CommandFailure.fail(message, status: status)
    }

    /// Loads everything the screen needs before curses starts, so every error is a plain message
    /// on a normal terminal with its status from `ExitStatus` (3 for the config, 2 for the rest).
    func runScreen(readOnly: Bool, pinnedIncidentID: String? = nil) async throws {
        let environment = ProcessInfo.processInfo.environment
        let loaded: LoadedConfiguration
        do {
            // The trust list is read from --state or the environment's state directory, never the
            // config's own `state:`: a file must not vouch for itself.
            loaded = try ConfigTrust.load(explicit: config.path, stateDirectory: state.resolvedPath)
        } catch {
            throw CommandFailure.fail(error)
        }
        let configuration = loaded.configuration
        let interval = refresh.interval?.duration ?? configuration?.refresh ?? TriageConfiguration.defaultRefresh
        guard interval >= RefreshOption.minimum else {
            throw fail("refresh: the config's \(DurationText.format(interval)) is below the 100ms minimum", status: .configurationError)
        }
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLoader.resolve(theme.name ?? configuration?.theme ?? "default")
        } catch {
            throw fail("\(error)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw fail("the dashboard needs a terminal; use `triage check` in scripts")
        }
        let directory = StateDirectory.path(explicit: state.directory ?? configuration?.state, environment: environment)
        log.start(stateDirectory: directory, environment: environment)
        // The dashboard's writes run on the incident writer's thread and are retried, so one
        // attempt need not wait long for another process's lock.
        let busyTimeout: TimeInterval = readOnly ? 5 : 1
        // Opened on the terminal thread once the first frame is on screen (`IncidentSession.openStore`),
        // so neither SQLite nor another process's lock delays it; a read-only, full or locked state
        // directory must not keep the dashboard from starting during an outage: the Incident pane says
        // why, and the incident writer keeps trying.
        let openStore: @Sendable () throws(StoreError) -> IncidentStore = { () throws(StoreError) -> IncidentStore in
            // A read-only display creates nothing: no state directory, no database, no mode change.
            if !readOnly { try StateDirectory.create(directory) }
            return try IncidentStore(stateDirectory: directory, mode: readOnly ? .readOnly : .readWrite, busyTimeout: busyTimeout)
        }
        // Absolute, because an incident declared with `N` stores it and is reopened from anywhere.
        let runbookPath = (runbook ?? configuration?.runbook).map {
            $0 == BuiltinRunbook.sourceName ? $0 : IncidentRunbookLoader.absolutePath($0)
        }
        if let runbookPath, !FileManager.default.isReadableFile(atPath: runbookPath) {
            throw fail("runbook \(runbookPath) cannot be read")
        }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dockerTargets = (configuration?.docker ?? []).map(DockerHostTarget.init)
        let kubeTargets = (configuration?.kubernetes ?? []).map(KubeTarget.init)
        var sources = DashboardSources(
            servicesConfigured: !((configuration?.services.isEmpty ?? true) && (configuration?.network.isEmpty ?? true) && (configuration?.checks.isEmpty ?? true) && (configuration?.prometheus.isEmpty ?? true) && (configuration?.alertmanager.isEmpty ?? true)),
            dockerHosts: dockerTargets.map(\.tag), kubeContexts: kubeTargets.map { $0.context ?? "current" },
            logSources: configuration?.logs.count ?? 0, refresh: interval, readOnly: readOnly)
        sources.untrustedNotice = loaded.untrustedNotice
        sources.commandsWithheld = loaded.commandsWithheld
        sources.checkDefinitions = CheckDefinition.rows(configuration)
        sources.alertmanagers = configuration?.alertmanager ?? []
        // An untrusted config runs no command, so its values do not reach one either (DOCKER_HOST!).
        sources.runbookVars = loaded.commandsWithheld == nil ? configuration?.vars ?? [:] : [:]
        sources.severityRules = configuration?.severityRules
        var options = DashboardRunner.Options(
            theme: loadedTheme, noColor: noColor, sources: sources, configuration: configuration,
            runbookPath: runbookPath, actor: ActorName.current(environment: environment))
        options.openStore = openStore
        options.pinnedIncidentID = pinnedIncidentID
        options.notifiers = loaded.notifiers
        // No config (or one naming no probe): discover what this machine reaches, as `triage check` does.
        options.discover = CheckPlan.needsDiscovery(configuration)
        let runner = DashboardRunner(options: options)
        let status = await runner.run()
        if status != .ok { throw CommandFailure.exitCode(status) }
    }
}

/// `triage` (the default): the interactive dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The interactive dashboard (what `triage` runs by default).")

    @OptionGroup var options: ScreenOptions

    @Flag(help: "Open as a read-only wall display (same as `triage wall`).")
    var readOnly = false

    func run() async throws { try await options.runScreen(readOnly: readOnly) }
}

/// `triage wall`: the read-only display for a tmux pane or a screen across the room.
struct WallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wall", abstract: "A read-only wall display of the open incident (SQLite refuses every write).")

    @OptionGroup var options: ScreenOptions

    @Option(help: ArgumentHelp("Show this incident instead of the latest open one (the only way to show a drill, which says DRILL).",
                               valueName: "id"))
    var incident: String?

    func run() async throws { try await options.runScreen(readOnly: true, pinnedIncidentID: incident) }
}
