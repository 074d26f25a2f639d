import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore
import TriageUI

/// `triage drill RUNBOOK --from INCIDENT [--speed 1x] [--state DIR]`: a practice incident worked
/// against a recorded outage, on the dashboard itself.
struct DrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Practise a runbook against a recorded outage (a drill: nothing runs against live systems).",
        discussion: """
            Declares a practice incident titled "Drill: <the recorded incident's title>", marked as a drill \
            (DRILL in the header, `incident list` and every export; never the incident `triage`, `triage wall` \
            or `triage export` open by default), with RUNBOOK's checklist and timers, and runs the dashboard \
            with the recording, played from its start at --speed, as its live data. Ticks, notes, severity, \
            status updates, commander and acknowledgement go to the drill as in a live session. Runbook \
            commands, selection actions, log followers and silences are refused ("drill: not run") and no \
            notifier runs. Keys: the dashboard's, plus p pause, ←/→ one minute, [ ] transitions, + - speed. \
            An incident recorded before pane recording plays on the outage board instead. Exit 1: no such \
            incident or nothing recorded; 2: no terminal, or the runbook or database unusable; 64: bad arguments.
            """)

    @Argument(help: ArgumentHelp("The Markdown runbook to practise (its checklist and timers).", valueName: "runbook"))
    var runbook: String

    @Option(help: ArgumentHelp("The recorded incident to play as the outage, e.g. INC-20261123-1942.", valueName: "incident"))
    var from: String

    @Option(help: ArgumentHelp("Playback speed, above 0 and up to 1000x (1x, 10x).", valueName: "speed"))
    var speed: String = "1x"

    @OptionGroup var state: StateOption
    @OptionGroup var theme: ThemeOption

    func validate() throws {
        guard ReplayClock.parseSpeed(speed) != nil else {
            throw ValidationError("--speed: \"\(speed)\" is not a speed like 10x (above 0, at most 1000)")
        }
    }

    func run() async throws {
        // Everything that can refuse is checked before the drill is declared, so a refused drill leaves nothing behind.
        let recorded = try RecordedIncident.load(from, state: state)
        let loaded: LoadedRunbook
        let loadedTheme: Theme
        do {
            loaded = try IncidentRunbookLoader.loadForNewIncident(path: runbook)
            loadedTheme = try ThemeLoader.resolve(theme.name ?? "default")
        } catch {
            throw CommandFailure.fail("\(error)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure.fail("the drill needs a terminal")
        }
        let environment = ProcessInfo.processInfo.environment
        let actor = ActorName.current(environment: environment)
        let store: IncidentStore
        let drill: Incident
        do {
            store = try IncidentStore(path: state.databasePath, mode: .readWrite)
            drill = try store.createIncident(
                title: DrillTitle.stored(from: recorded.incident.title), severity: recorded.incident.severity, runbookPath: loaded.path,
                runbookHash: loaded.hash, actor: actor)
            try store.markDrill(incidentID: drill.id, recordingID: recorded.incident.id)
        } catch {
            throw CommandFailure.fail(error)
        }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let clock = recorded.clock(speed: ReplayClock.parseSpeed(speed) ?? 1)
        if recorded.sources.isEmpty {
            let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: actor, defaultRunbookPath: loaded.path,
                                          pinnedIncidentID: drill.id)
            let screen = DrillScreen(recording: recorded.picture, session: session, clock: clock, timeZone: .current)
            ReplayRunner(screen: screen, theme: loadedTheme, noColor: noColor).run()
        } else {
            let playback = SourcePlayback(recording: recorded.sources, clock: clock, mode: .drill)
            var options = DashboardRunner.Options(
                theme: loadedTheme, noColor: noColor, sources: playback.sources, store: store, runbookPath: loaded.path, actor: actor)
            options.pinnedIncidentID = drill.id
            options.playback = playback
            let status = await DashboardRunner(options: options).run()
            if status != .ok {
                StandardStreams.writeOutput("drill \(drill.id) (from \(recorded.incident.id)) ended with unsaved changes\n")
                throw CommandFailure.exitCode(status)
            }
        }
        StandardStreams.writeOutput("drill \(drill.id) (from \(recorded.incident.id)) ended; export it with `triage export status \(drill.id)`\n")
    }
}
