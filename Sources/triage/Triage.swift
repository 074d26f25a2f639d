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
@main
struct Triage: AsyncParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "A terminal dashboard for live outage triage.",
        discussion: """
            Run it on the bastion during an outage: services, containers, pods, host, logs and the \
            incident checklist on one screen. Press ? inside for every key.
            """,
        version: version,
        subcommands: [
            DashboardCommand.self, WallCommand.self, RunbookCommand.self, IncidentCommand.self, ExportCommand.self,
            CheckCommand.self, InitCommand.self, TrustCommand.self, UntrustCommand.self, KeysCommand.self,
            DoctorCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own main, with triage made a child subreaper around it: what a check leaves
    /// behind when it exits (`setsid cmd &`) re-parents to triage, which ends it after each run and
    /// once more here before exiting (see `OrphanReaper`).
    static func main() async {
        OrphanReaper.adopt()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            OrphanReaper.endAll()
        } catch {
            OrphanReaper.endAll()
            exit(withError: error)
        }
    }
}

/// Options shared by the dashboard and the wall display.
struct ScreenOptions: ParsableArguments {
    @Option(help: "Theme name (default, light, high-contrast, monochrome) or a path to a theme .yaml file.")
    var theme: String?

    @Option(help: ArgumentHelp("How often probes run, e.g. 500ms, 2s, 1m (default: the config's refresh, else 2s).", valueName: "duration"))
    var refresh: String?

    @Option(help: ArgumentHelp("Configuration file (default: ./triage.yaml, then $XDG_CONFIG_HOME/triage/config.yaml).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("State directory for the incident database (default: $TRIAGE_STATE, then $XDG_STATE_HOME/triage).", valueName: "dir"))
    var state: String?

    @Option(help: ArgumentHelp("Runbook for new incidents (default: the config's `runbook:`, else the built-in one).", valueName: "file"))
    var runbook: String?

    func fail(_ message: String, status: Int32 = 2) -> ExitCode {
        CommandFailure.fail(message, status: status)
    }

    /// Loads everything the screen needs before curses starts, so every error is a plain message
    /// on a normal terminal with exit status 2.
    func runScreen(readOnly: Bool) async throws {
        let environment = ProcessInfo.processInfo.environment
        let loaded: LoadedConfiguration
        do {
            // The trust list is read from --state or the environment's state directory, never the
            // config's own `state:`: a file must not vouch for itself.
            loaded = try ConfigTrust.load(explicit: config, stateDirectory: StateDirectory.path(explicit: state, environment: environment))
        } catch {
            throw CommandFailure.fail(error)
        }
        let configuration = loaded.configuration
        var interval = configuration?.refresh ?? TriageConfiguration.defaultRefresh
        if let refresh {
            do { interval = try DurationText.parse(refresh) } catch { throw ValidationError("--refresh: \(OutsideText.inline("\(error)"))") }
        }
        guard interval >= .milliseconds(100) else { throw ValidationError("--refresh: must be at least 100ms") }
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLoader.resolve(theme ?? configuration?.theme ?? "default")
        } catch {
            throw fail("\(error)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw fail("the dashboard needs a terminal; use `triage check` in scripts")
        }
        var store: IncidentStore?
        var storeProblem: String?
        var openStore: (@Sendable () throws(StoreError) -> IncidentStore)?
        let directory = StateDirectory.path(explicit: state ?? configuration?.state, environment: environment)
        // The dashboard's writes run on the incident writer's thread and are retried, so one
        // attempt need not wait long for another process's lock.
        let busyTimeout: TimeInterval = readOnly ? 5 : 1
        do {
            // A read-only display creates nothing: no state directory, no database, no mode change.
            if !readOnly { try StateDirectory.create(directory) }
            store = try IncidentStore(stateDirectory: directory, mode: readOnly ? .readOnly : .readWrite, busyTimeout: busyTimeout)
        } catch {
            let message = "\(error)"
            if readOnly, case .missing = error {
                storeProblem = "no incident database yet: start `triage` interactively to declare an incident"
            } else if !readOnly, error.isTransient {
                // A read-only, full or locked state directory must not keep the dashboard from
                // starting during an outage: show why and keep trying to open it.
                storeProblem = "cannot open the incident database: \(error.shortReason)"
                openStore = { () throws(StoreError) -> IncidentStore in
                    try StateDirectory.create(directory)
                    return try IncidentStore(stateDirectory: directory, mode: .readWrite, busyTimeout: busyTimeout)
                }
            } else {
                throw fail(message)
            }
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
            servicesConfigured: !((configuration?.services.isEmpty ?? true) && (configuration?.network.isEmpty ?? true) && (configuration?.checks.isEmpty ?? true) && (configuration?.prometheus.isEmpty ?? true)),
            dockerHosts: dockerTargets.map(\.tag), kubeContexts: kubeTargets.map { $0.context ?? "current" },
            logSources: configuration?.logs.count ?? 0, refresh: interval, readOnly: readOnly)
        sources.untrustedNotice = loaded.untrustedNotice
        sources.commandsWithheld = loaded.commandsWithheld
        sources.checkDefinitions = CheckDefinition.rows(configuration)
        // An untrusted config runs no command, so its values do not reach one either (DOCKER_HOST!).
        sources.runbookVars = loaded.commandsWithheld == nil ? configuration?.vars ?? [:] : [:]
        var options = DashboardRunner.Options(
            theme: loadedTheme, noColor: noColor, sources: sources, configuration: configuration, store: store,
            storeProblem: storeProblem, runbookPath: runbookPath, actor: ActorName.current(environment: environment))
        options.openStore = openStore
        options.dockerTargets = dockerTargets
        options.kubeTargets = kubeTargets
        // No config (or one naming no probe): discover what this machine reaches, as `triage check` does.
        options.discover = CheckPlan.needsDiscovery(configuration)
        let runner = DashboardRunner(options: options)
        let status = await runner.run()
        if status != 0 { throw ExitCode(status) }
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

    func run() async throws { try await options.runScreen(readOnly: true) }
}
