import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore
import TriageUI

/// `triage drill RUNBOOK --from INCIDENT [--speed 1x] [--state DIR]`: a practice incident worked
/// against a recorded outage.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Practise a runbook against a recorded outage (a drill: nothing runs against live systems).",
        discussion: """
            Declares a practice incident titled "Drill: <the recorded incident's title>", marked as a drill \
            (DRILL in the header, `incident list` and every export; never the incident `triage`, `triage wall` \
            or `triage export` open by default), with RUNBOOK's checklist and timers. The screen shows the \
            recording, played from its start at --speed, as the outage; ticks, notes, severity and status go \
            to the drill. Runbook commands, selection actions and silences are refused ("drill: not run") and \
            no notifier runs. Keys: ↑/↓ move, space tick, n note, s severity, t status, p pause, ←/→ one \
            minute, [ ] transitions, + - speed, q quit. Exit 1: no such incident or nothing recorded; \
            2: no terminal, or the runbook or database unusable; 64: bad arguments.
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

    func run() throws {
        // Everything that can refuse is checked before the drill is declared, so a refused drill leaves nothing behind.
        guard let reader = try state.openReadOnly() else {
            throw CommandFailure.fail("no incident \(from) (no incident database at \(state.databasePath) yet)", status: .warningOrNotFound)
        }
        let recorded: Incident
        let recording: PictureRecording
        do {
            recorded = try reader.incident(id: from)
            recording = try reader.pictureRecording(incidentID: from)
            try reader.close()
        } catch {
            throw CommandFailure.fail(error)
        }
        guard let start = recording.start, let end = recording.end else {
            throw CommandFailure.fail("\(from) has no recorded picture (it is recorded while the dashboard has the incident open)",
                                      status: .warningOrNotFound)
        }
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
                title: DrillTitle.stored(from: recorded.title), severity: recorded.severity, runbookPath: loaded.path,
                runbookHash: loaded.hash, actor: actor)
            try store.markDrill(incidentID: drill.id, recordingID: recorded.id)
        } catch {
            throw CommandFailure.fail(error)
        }
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: actor, defaultRunbookPath: loaded.path,
                                      pinnedIncidentID: drill.id)
        let clock = ReplayClock(start: start, end: end, transitionTimes: recording.transitionTimes, speed: ReplayClock.parseSpeed(speed) ?? 1)
        let screen = DrillScreen(recording: recording, session: session, clock: clock, timeZone: .current)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        ReplayRunner(screen: screen, theme: loadedTheme, noColor: noColor).run()
        StandardStreams.writeOutput("drill \(drill.id) (from \(recorded.id)) ended; export it with `triage export status \(drill.id)`\n")
    }
}
