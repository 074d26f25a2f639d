import Foundation
import Testing
import TriageApp
import TriageCore
import TriageRunbook
import TriageStore
import TriageUI

/// `triage replay`'s exit statuses from the real binary, and the replay screen's keys and picture.
@Suite struct ReplayCommandTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_435_200)

    /// A state directory with one incident and a recording: backend breaks at +30 s, heals at +150 s.
    static func recorded(in state: TemporaryDirectory, recording: Bool = true) throws -> Incident {
        let store = try IncidentStore(stateDirectory: state.path)
        defer { try? store.close() }
        let incident = try store.createIncident(title: "Backend down", severity: "P1", at: t0, actor: "alice")
        guard recording else { return incident }
        var recorder = PictureRecorder()
        for (offset, state) in [(0.0, HealthState.ok), (30, .crit), (150, .ok)] {
            let picture = [OutageEntity(state: state, kind: .service, name: "backend", reason: state == .ok ? nil : "HTTP 500",
                                        source: "services", key: "service:backend")]
            if let batch = recorder.take(picture, at: t0.addingTimeInterval(offset)) {
                try store.recordPicture(incidentID: incident.id, batch)
            }
        }
        try store.setTick(incidentID: incident.id, itemKey: "k", checked: true, actor: "alice", at: t0.addingTimeInterval(100), label: "Confirm")
        return incident
    }

    @Test func statusesFollowTheTable() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let environment = ["XDG_STATE_HOME": state.path]
        let noDatabase = try CLIRun(["replay", "INC-nope", "--state", state.path], environment: environment)
        #expect(noDatabase.status == ExitStatus.warningOrNotFound.rawValue, "\(noDatabase.standardError)")
        let incident = try Self.recorded(in: state)
        let unknown = try CLIRun(["replay", "INC-nope", "--state", state.path], environment: environment)
        #expect(unknown.status == ExitStatus.warningOrNotFound.rawValue, "\(unknown.standardError)")
        let badSpeed = try CLIRun(["replay", incident.id, "--speed", "fast", "--state", state.path], environment: environment)
        #expect(badSpeed.status == ExitStatus.usage.rawValue, "\(badSpeed.standardError)")
        let badFrom = try CLIRun(["replay", incident.id, "--from", "noon", "--state", state.path], environment: environment)
        #expect(badFrom.status == ExitStatus.usage.rawValue, "\(badFrom.standardError)")
        let noTerminal = try CLIRun(["replay", incident.id, "--state", state.path], environment: environment)
        #expect(noTerminal.status == ExitStatus.failure.rawValue, "\(noTerminal.standardError)")
        #expect(noTerminal.standardError.contains("needs a terminal"), "\(noTerminal.standardError)")
    }

    @Test func anIncidentWithoutARecordingIsNotFound() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let incident = try Self.recorded(in: state, recording: false)
        let run = try CLIRun(["replay", incident.id, "--state", state.path], environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == ExitStatus.warningOrNotFound.rawValue)
        #expect(run.standardError.contains("no recorded picture"), "\(run.standardError)")
    }

    static func screen(state: TemporaryDirectory) throws -> ReplayScreen {
        let incident = try recorded(in: state)
        let store = try IncidentStore(stateDirectory: state.path, mode: .readOnly)
        defer { try? store.close() }
        let recording = try store.pictureRecording(incidentID: incident.id)
        let clock = ReplayClock(start: try #require(recording.start), end: try #require(recording.end),
                                transitionTimes: recording.transitionTimes, speed: 20)
        return ReplayScreen(recording: recording, incident: incident, runbook: BuiltinRunbook.parsed,
                            events: try store.events(incidentID: incident.id), ticks: try store.ticks(incidentID: incident.id),
                            clock: clock, timeZone: TimeZone(identifier: "UTC")!)
    }

    @Test func screenShowsThePictureAndTimelineAsTheyStoodThen() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        var screen = try Self.screen(state: state)
        #expect(screen.picture.failing.isEmpty)
        #expect(screen.handle(.char("]")) == .redraw)
        #expect(screen.clock.position == Self.t0.addingTimeInterval(30))
        #expect(screen.picture.failing.map(\.name) == ["backend"])
        #expect(screen.model.outages.map(\.reason) == ["HTTP 500"])
        // The tick at +100 s is not in the timeline yet.
        #expect(!screen.model.events.contains { $0.text.contains("Confirm") })
        _ = screen.handle(.right)
        _ = screen.handle(.right)
        #expect(screen.clock.position == Self.t0.addingTimeInterval(150))
        #expect(screen.picture.failing.isEmpty)
        #expect(screen.model.events.contains { $0.text.contains("Confirm") })
        let text = screen.render(width: 100, height: 30).text
        #expect(text.contains("replay 12:02:30 UTC  +2m30s of 2m30s  20x"), "\(text)")
    }

    @Test func everyKeyThatWouldActIsRefused() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        var screen = try Self.screen(state: state)
        for key: Key in [.enter, .char("x"), .char("N"), .char("r"), .char("a")] {
            #expect(screen.handle(key) == .redraw)
            #expect(screen.flash == ReplayScreen.refusal, "\(key)")
            #expect(screen.model.notice == ReplayScreen.refusal)
        }
        _ = screen.handle(.char(" "))
        #expect(screen.clock.paused)
        #expect(screen.flash == nil)
        _ = screen.handle(.char("+"))
        #expect(screen.clock.speed == 50)
        #expect(screen.handle(.char("q")) == .quit)
    }
}
