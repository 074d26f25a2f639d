import ArgumentParser
import Foundation
import TriageApp
import TriageCore
import TriageStore
import TriageUI

/// `triage replay INCIDENT [--speed 10x] [--from 12:03]`: the incident's recorded picture played back.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play back an incident's recorded outage picture (read-only: nothing runs, nothing is written).",
        discussion: """
            While an incident is open the dashboard records every entity's transitions and a key frame a \
            minute. The replay shows them on the wall's layout with the clock at the recording's time, the \
            checklist and the timeline as they stood then. Keys: space pause, ←/→ one minute, [ ] previous \
            and next transition, + - speed, q quit; every other key is refused. The database is opened \
            read-only. Exit 1: no such incident or nothing recorded; 2: no terminal or unusable database.
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

    func run() throws {
        guard let store = try state.openReadOnly() else {
            throw CommandFailure.fail("no incident \(incident) (no incident database at \(state.databasePath) yet)", status: .warningOrNotFound)
        }
        let chosen: Incident
        let recording: PictureRecording
        let events: [TimelineEvent]
        let ticks: [String: ChecklistTick]
        do {
            chosen = try store.incident(id: incident)
            recording = try store.pictureRecording(incidentID: incident)
            events = try store.events(incidentID: incident)
            ticks = try store.ticks(incidentID: incident)
            try store.close()
        } catch {
            throw CommandFailure.fail(error)
        }
        guard let start = recording.start, let end = recording.end else {
            throw CommandFailure.fail("\(incident) has no recorded picture (it is recorded while the dashboard has the incident open)",
                                      status: .warningOrNotFound)
        }
        var position: Date?
        if let from {
            guard let parsed = ReplayClock.parseFrom(from, start: start) else {
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
        let clock = ReplayClock(start: start, end: end, transitionTimes: recording.transitionTimes, from: position,
                                speed: ReplayClock.parseSpeed(speed) ?? 10)
        let screen = ReplayScreen(
            recording: recording, incident: chosen, runbook: IncidentRunbookLoader.load(incident: chosen).runbook, events: events,
            ticks: ticks, clock: clock, timeZone: TimeZone(identifier: "UTC")!)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        ReplayRunner(screen: screen, theme: loadedTheme, noColor: noColor).run()
    }
}
