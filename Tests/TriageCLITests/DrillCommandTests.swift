import Foundation
import Testing
import TriageApp
import TriageCore
import TriageRunbook
import TriageStore
import TriageUI

/// `triage drill`: its exit statuses from the real binary, the drill screen's keys against a
/// recording (ticks stored on the drill, commands refused), and the DRILL title on every export.
@Suite struct DrillCommandTests {
    @Test func drillStatusesFollowTheTable() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let environment = ["XDG_STATE_HOME": state.path]
        func drill(_ arguments: [String]) throws -> CLIRun {
            try CLIRun(["drill"] + arguments + ["--state", state.path], environment: environment)
        }
        let noDatabase = try drill(["builtin:service-outage", "--from", "INC-nope"])
        #expect(noDatabase.status == ExitStatus.warningOrNotFound.rawValue, "\(noDatabase.standardError)")
        let incident = try ReplayCommandTests.recorded(in: state)
        let unrecorded = try IncidentStore(stateDirectory: state.path).createIncident(title: "Quiet", severity: "P3", actor: "bob")
        let unknown = try drill(["builtin:service-outage", "--from", "INC-nope"])
        #expect(unknown.status == ExitStatus.warningOrNotFound.rawValue, "\(unknown.standardError)")
        let nothingRecorded = try drill(["builtin:service-outage", "--from", unrecorded.id])
        #expect(nothingRecorded.status == ExitStatus.warningOrNotFound.rawValue, "\(nothingRecorded.standardError)")
        #expect(nothingRecorded.standardError.contains("no recorded picture"), "\(nothingRecorded.standardError)")
        let badSpeed = try drill(["builtin:service-outage", "--from", incident.id, "--speed", "fast"])
        #expect(badSpeed.status == ExitStatus.usage.rawValue, "\(badSpeed.standardError)")
        let noFrom = try drill(["builtin:service-outage"])
        #expect(noFrom.status == ExitStatus.usage.rawValue, "\(noFrom.standardError)")
        let noRunbook = try drill([state.path + "/missing.md", "--from", incident.id])
        #expect(noRunbook.status == ExitStatus.failure.rawValue, "\(noRunbook.standardError)")
        let noTerminal = try drill(["builtin:service-outage", "--from", incident.id])
        #expect(noTerminal.status == ExitStatus.failure.rawValue, "\(noTerminal.standardError)")
        #expect(noTerminal.standardError.contains("needs a terminal"), "\(noTerminal.standardError)")
        // A refused drill declares nothing.
        let store = try IncidentStore(stateDirectory: state.path, mode: .readOnly)
        defer { try? store.close() }
        #expect(try store.listIncidents().count == 2)
        #expect(try store.drills().isEmpty)
    }

    /// A drill declared as `triage drill` declares it, on the built-in runbook, with its screen.
    static func drillScreen(state: TemporaryDirectory) throws -> (DrillScreen, store: IncidentStore, recorded: Incident, drill: Incident) {
        let recorded = try ReplayCommandTests.recorded(in: state)
        let store = try IncidentStore(stateDirectory: state.path)
        let drill = try store.createIncident(title: DrillTitle.stored(from: recorded.title), severity: "P1",
                                             runbookPath: BuiltinRunbook.sourceName, actor: "carol")
        try store.markDrill(incidentID: drill.id, recordingID: recorded.id)
        let recording = try store.pictureRecording(incidentID: recorded.id)
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "carol",
                                      defaultRunbookPath: nil, pinnedIncidentID: drill.id)
        let clock = ReplayClock(start: try #require(recording.start), end: try #require(recording.end),
                                transitionTimes: recording.transitionTimes, speed: 1)
        return (DrillScreen(recording: recording, session: session, clock: clock, timeZone: TimeZone(identifier: "UTC")!),
                store, recorded, drill)
    }

    @Test func drillScreenShowsTheRecordingAndStoresTicksOnTheDrill() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        var (screen, store, recorded, drill) = try Self.drillScreen(state: state)
        defer { try? store.close() }
        #expect(screen.session.incident?.id == drill.id)
        #expect(screen.picture.failing.isEmpty)
        _ = screen.handle(.char("]"))
        #expect(screen.picture.failing.map(\.name) == ["backend"])
        let text = screen.frame(width: 120, height: 40, now: Date()).text
        #expect(text.contains("DRILL: Backend down"), "\(text)")
        #expect(text.contains("HTTP 500"), "\(text)")
        // The cursor starts on the first open item; Space ticks it, on the drill, with the recorded evidence.
        guard case .item(_, let item)? = screen.session.checklistRows[safe: screen.cursor] else {
            Issue.record("the cursor is not on an item")
            return
        }
        _ = screen.handle(.char(" "))
        #expect(screen.session.isChecked(item))
        _ = screen.handle(.char("n"))
        for character in "rolled\u{0} back\u{1b}" { _ = screen.handle(.char(character)) }
        _ = screen.handle(.enter)
        screen.finish()
        let drillTicks = try store.ticks(incidentID: drill.id)
        #expect(drillTicks[item.key]?.checked == true)
        #expect(try store.tickEvidence(incidentID: drill.id)[item.key]?.text.contains("backend") == true)
        #expect(try store.ticks(incidentID: recorded.id).keys.sorted() == ["k"])
        #expect(try store.events(incidentID: drill.id).contains { $0.kind == .note && $0.text == "rolled back" })
        // A drill never becomes the current real incident.
        _ = try store.setStatus(incidentID: recorded.id, status: .resolved, actor: "alice")
        #expect(try store.latestOpenIncident() == nil)
    }

    @Test func drillRefusesWhatWouldRunAgainstLiveSystems() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        var (screen, store, _, drill) = try Self.drillScreen(state: state)
        defer { try? store.close() }
        for key: Key in [.char("x"), .char("$"), .char("S")] {
            _ = screen.handle(key)
            #expect(screen.flash == DrillScreen.refusal, "\(key)")
        }
        let command = try #require(screen.session.checklistRows.firstIndex { if case .command = $0 { true } else { false } })
        while screen.cursor < command { _ = screen.handle(.down) }
        _ = screen.handle(.char(" "))
        #expect(screen.flash == DrillScreen.refusal)
        #expect(screen.model(now: Date()).notice == DrillScreen.refusal)
        screen.finish()
        #expect(try !store.events(incidentID: drill.id).contains { $0.kind == .command })
        #expect(screen.handle(.char("q")) == .quit)
    }

    @Test func everyExportOfADrillSaysDrillFirst() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let (screen, store, recorded, drill) = try Self.drillScreen(state: state)
        screen.session.stop()
        try store.close()
        for kind in ["status", "postmortem", "timeline"] {
            let export = try CLIRun(["export", kind, "--incident", drill.id, "--no-record", "--state", state.path])
            #expect(export.status == 0, "\(export.standardError)")
            let first = export.standardOutput.prefix { $0 != "\n" }
            #expect(first.contains("DRILL"), "\(kind): \(export.standardOutput)")
            let real = try CLIRun(["export", kind, "--incident", recorded.id, "--no-record", "--state", state.path])
            #expect(!real.standardOutput.contains("DRILL"), "\(kind): \(real.standardOutput)")
        }
    }

    /// `triage wall --incident ID` on a drill says DRILL in its header; without the id the wall never shows it.
    @Test func theWallShowsADrillOnlyWhenNamedAndSaysDrill() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let (screen, store, recorded, drill) = try Self.drillScreen(state: state)
        screen.session.stop()
        _ = try store.setStatus(incidentID: recorded.id, status: .resolved, actor: "alice")
        try store.close()
        let reader = try IncidentStore(stateDirectory: state.path, mode: .readOnly)
        defer { try? reader.close() }
        func wall(_ pinned: String?) -> WallModel {
            let session = IncidentSession(store: reader, problem: nil, readOnly: true, actor: "wall", defaultRunbookPath: nil,
                                          pinnedIncidentID: pinned)
            defer { session.stop() }
            return WallModelBuilder.build(session: session, snapshot: DashboardSnapshot(startedAt: Date()), now: Date(),
                                          lastChange: nil, timeZone: TimeZone(identifier: "UTC")!)
        }
        #expect(wall(nil).incidentID == nil)
        let named = wall(drill.id)
        #expect(named.incidentID == drill.id)
        #expect(named.title == "DRILL: Backend down")
        #expect(WallRenderer.render(named, width: 100, height: 30).text.contains("DRILL: Backend down"))
        #expect(wall(recorded.id).title == "Backend down")
    }

    /// "Confirm backend is healthy" while the recording still shows it CRIT asks first, as in a real incident.
    @Test func confirmingHealthWhileTheRecordingStillFailsAsksFirst() throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        let recorded = try ReplayCommandTests.recorded(in: state)
        try "# Drill\n\n## Recovery\n\n- [ ] Confirm backend is healthy\n".write(toFile: state.path + "/drill.md", atomically: true, encoding: .utf8)
        let store = try IncidentStore(stateDirectory: state.path)
        defer { try? store.close() }
        let drill = try store.createIncident(title: DrillTitle.stored(from: recorded.title), severity: "P1",
                                             runbookPath: state.path + "/drill.md", actor: "carol")
        try store.markDrill(incidentID: drill.id, recordingID: recorded.id)
        let recording = try store.pictureRecording(incidentID: recorded.id)
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "carol", defaultRunbookPath: nil,
                                      pinnedIncidentID: drill.id)
        var screen = DrillScreen(recording: recording, session: session, clock: ReplayClock(
            start: try #require(recording.start), end: try #require(recording.end), transitionTimes: recording.transitionTimes), timeZone: .current)
        _ = screen.handle(.char("]"))
        guard case .item(_, let item)? = session.checklistRows[safe: screen.cursor] else {
            Issue.record("the cursor is not on an item: \(session.checklistRows)")
            return
        }
        _ = screen.handle(.char(" "))
        #expect(screen.flash?.hasPrefix("backend is still CRIT: tick anyway?") == true, "\(screen.flash ?? "")")
        #expect(!session.isChecked(item))
        _ = screen.handle(.char("n"))
        _ = screen.handle(.escape)
        _ = screen.handle(.char(" "))
        _ = screen.handle(.char("y"))
        #expect(session.isChecked(item))
        screen.finish()
        #expect(try store.tickEvidence(incidentID: drill.id)[item.key]?.state == .crit)
    }

    @Test func drillTitles() {
        #expect(DrillTitle.shown(DrillTitle.stored(from: "Backend down")) == "DRILL: Backend down")
        #expect(DrillTitle.shown("Renamed") == "DRILL: Renamed")
        #expect(DrillTitle.marking("# DRILL: x\n") == "# DRILL: x\n")
        #expect(DrillTitle.marking("Update\n").hasPrefix(DrillTitle.exportBanner + "\n"))
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
