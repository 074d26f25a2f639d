import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore
import TriageUI

/// `triage replay INCIDENT [--speed 10x] [--from 12:03]`: the dashboard run from an incident's recording.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the dashboard from an incident's recording (read-only: nothing runs, nothing is written).",
        discussion: """
            While an incident is open the dashboard records what its panes are built from (each source's \
            rows when they change, a key frame a minute, the log lines around each transition). The replay \
            runs the dashboard from that recording instead of live probes: the same panes, the clock at the \
            recording's time, a progress line. Keys: space pause, ←/→ one minute, [ ] previous and next \
            transition, + - speed, q quit, and the dashboard's own keys that only look; a key that would run \
            a command or write is refused. An incident recorded before pane recording is shown on the \
            outage board instead. The database is opened read-only. Exit 1: no such incident or nothing \
            recorded; 2: no terminal or unusable database.
            """)

    @Argument(help: ArgumentHelp("The incident id, e.g. INC-20261123-1942.", valueName: "incident"))
    var incident: String

    @Option(help: ArgumentHelp("Playback speed, above 0 and up to 1000x (0.5x, 20x).", valueName: "speed"))
    var speed: String = "10x"

    @Option(help: ArgumentHelp("Start at this time of the recording, HH:MM or HH:MM:SS in UTC.", valueName: "time"))
    var from: String?

    @OptionGroup var state: StateOption
    @OptionGroup var theme: ThemeOption

    func validate() throws {
        guard ReplayClock.parseSpeed(speed) != nil else {
            throw ValidationError("--speed: \"\(speed)\" is not a speed like 10x (above 0, at most 1000)")
        }
    }

    func run() async throws {
        let recorded = try RecordedIncident.load(incident, state: state)
        var position: Date?
        if let from {
            guard let parsed = ReplayClock.parseFrom(from, start: recorded.start) else {
                throw CommandFailure.fail("--from: \"\(from)\" is not a time like 12:03", status: .usage)
            }
            position = parsed
        }
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLoader.resolve(theme.name ?? "default")
        } catch {
            throw CommandFailure.fail("\(error)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure.fail("the replay needs a terminal")
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let clock = recorded.clock(from: position, speed: ReplayClock.parseSpeed(speed) ?? 10)
        guard !recorded.sources.isEmpty else {
            let screen = ReplayScreen(
                recording: recorded.picture, incident: recorded.incident,
                runbook: IncidentRunbookLoader.load(incident: recorded.incident).runbook, events: recorded.events,
                ticks: recorded.ticks, clock: clock, timeZone: TimeZone(identifier: "UTC")!, notice: RecordedIncident.predatesPanes)
            ReplayRunner(screen: screen, theme: loadedTheme, noColor: noColor).run()
            return
        }
        // The session shows the incident from the database opened read-only; nothing can write to it.
        let store: IncidentStore
        do {
            store = try IncidentStore(path: state.databasePath, mode: .readOnly)
        } catch {
            throw CommandFailure.fail(error)
        }
        let playback = SourcePlayback(recording: recorded.sources, clock: clock, mode: .replay)
        var options = DashboardRunner.Options(
            theme: loadedTheme, noColor: noColor, sources: playback.sources, store: store,
            actor: ActorName.current(environment: environment))
        options.pinnedIncidentID = recorded.incident.id
        options.playback = playback
        let status = await DashboardRunner(options: options).run()
        if status != .ok { throw CommandFailure.exitCode(status) }
    }
}
