import Foundation
import Testing
@testable import TriageApp
import TriageCore
import TriageStore
import TriageUI

/// The dashboard's keys on a real incident store: what Space, Enter, `5` and `P` do in the Incident
/// pane with backend failing in the newest snapshot.
struct IncidentDashboard {
    static let runbook = """
        # Lab outage

        ## Severity Levels

        | Severity | Description | Response Time |
        |----------|-------------|---------------|
        | P1 | Complete outage | 5 minutes |
        | P2 | Partial outage | 15 minutes |

        ## Checks

        - [ ] Read the backend errors
        - [ ] Confirm backend is healthy
        """

    let state: TemporaryDirectory
    let store: IncidentStore
    let session: IncidentSession
    var app: TerminalApp
    let snapshot = OutageEntitiesTests.snapshot()

    init(severity: String = "P2") throws {
        state = try TemporaryDirectory()
        let path = state.path + "/runbook.md"
        try Self.runbook.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try IncidentRunbookLoader.loadForNewIncident(path: path)
        store = try IncidentStore(stateDirectory: state.path)
        _ = try store.createIncident(title: "t", severity: severity, runbookPath: loaded.path, runbookHash: loaded.hash, actor: "alice")
        session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "alice", defaultRunbookPath: path)
        app = TerminalApp(session: session, keymap: .standard, sources: DashboardSources(servicesConfigured: true), readOnly: false)
        app.latestSnapshot = snapshot
        frame()
    }

    @discardableResult
    mutating func frame() -> String { app.render(snapshot, width: 160, height: 50, now: Date()).text }

    /// One key, read on its own (as a person types it), then a frame.
    mutating func press(_ key: Key) {
        _ = app.handle([.key(key)], height: 50)
        frame()
    }

    func item(_ text: String) throws -> ChecklistItem { try #require(session.runbook.allItems.first { $0.text == text }) }

    func stored(_ text: String) throws -> TickEvidence? {
        try store.tickEvidence(incidentID: try #require(session.incident?.id))[try item(text).key]
    }

    func finish() {
        session.stop()
        _ = session.writer?.finish(within: .seconds(2))
        state.remove()
    }
}

@Suite struct IncidentFocusTests {
    @Test func focusingTheIncidentPanePutsTheCursorOnTheFirstOpenItem() throws {
        var dashboard = try IncidentDashboard()
        defer { dashboard.finish() }
        #expect(dashboard.session.checklistRows.first == .section(index: 2), "the first row is the section header")
        dashboard.press(.char("5"))
        #expect(dashboard.app.ui.selection[.incident] == 1, "on \"Read the backend errors\"")

        // Ticked, it is no longer open: the next focus goes to the next open item.
        dashboard.press(.char(" "))
        #expect(eventually { dashboard.session.refreshPending(); return dashboard.session.pendingTickKeys.isEmpty })
        dashboard.press(.up)
        #expect(dashboard.app.ui.selection[.incident] == 0)
        dashboard.press(.char("1"))
        dashboard.press(.char("5"))
        #expect(dashboard.app.ui.selection[.incident] == 2, "on \"Confirm backend is healthy\", the first still open")

        // An open item already under the cursor stays where it is.
        dashboard.press(.char("1"))
        dashboard.press(.char("5"))
        #expect(dashboard.app.ui.selection[.incident] == 2)
    }
}

@Suite struct TickEvidenceDashboardTests {
    @Test func aTickRecordsTheStateOfWhatItsItemNamesAndEnterShowsIt() throws {
        var dashboard = try IncidentDashboard()
        defer { dashboard.finish() }
        dashboard.press(.char("5"))
        dashboard.press(.char(" "))
        #expect(dashboard.app.ui.modal == nil, "an item that confirms nothing is ticked without a question")
        #expect(try eventually { dashboard.session.refreshPending(); return try dashboard.stored("Read the backend errors") != nil })
        let evidence = try #require(try dashboard.stored("Read the backend errors"))
        #expect(evidence.entityKey == "service:backend")
        #expect(evidence.state == .crit && evidence.reason == "HTTP 503, expected 2xx")

        dashboard.press(.enter)
        let body = dashboard.app.ui.modal?.body.map(\.plainText).joined(separator: "\n") ?? ""
        #expect(body.range(of: #"ticked [0-9]{2}:[0-9]{2} by alice — backend CRIT HTTP 503, expected 2xx"#, options: .regularExpression) != nil, "\(body)")
        let timeline = try dashboard.store.events(incidentID: try #require(dashboard.session.incident?.id))
        #expect(timeline.first?.text.hasPrefix("Read the backend errors — backend CRIT HTTP 503, expected 2xx") == true)
    }

    @Test func confirmingHealthWhileItFailsAsksFirst() throws {
        var dashboard = try IncidentDashboard()
        defer { dashboard.finish() }
        let confirm = try dashboard.item("Confirm backend is healthy")
        dashboard.press(.char("5"))
        dashboard.press(.down)
        dashboard.press(.char(" "))
        #expect(dashboard.app.ui.modal?.title == "backend is still CRIT: tick anyway?")
        #expect(!dashboard.session.isChecked(confirm))
        dashboard.press(.char("n"))
        #expect(dashboard.app.ui.modal == nil)
        #expect(!dashboard.session.isChecked(confirm), "any key but y leaves it open")

        dashboard.press(.char(" "))
        #expect(dashboard.app.ui.modal != nil)
        dashboard.press(.char("y"))
        #expect(dashboard.session.isChecked(confirm))
        #expect(try eventually { dashboard.session.refreshPending(); return try dashboard.stored("Confirm backend is healthy")?.entityName == "backend" })
    }
}

@Suite struct SeveritySuggestionDashboardTests {
    @Test func theSuggestionIsShownAndPAppliesItAsASeverityChange() throws {
        var dashboard = try IncidentDashboard(severity: "P2")
        // The runbook's defaults: "Complete outage" is P1, at half the services CRIT (backend of two).
        let screen = dashboard.frame()
        #expect(screen.contains("⚑ P1 suggested: 1 of 2 services CRIT"), "\(screen)")
        #expect(dashboard.session.incident?.severity == "P2", "shown, never applied by itself")
        dashboard.press(.char("P"))
        #expect(dashboard.session.incident?.severity == "P1")
        #expect(!dashboard.frame().contains("⚑"), "no suggestion once it is the declared severity")
        #expect(eventually { dashboard.session.refreshPending(); return dashboard.session.writeStatus.pending.isEmpty })
        let id = try #require(dashboard.session.incident?.id)
        #expect(try dashboard.store.events(incidentID: id).first?.text == "Severity P2 → P1")
        dashboard.finish()
    }

    @Test func theWallShowsTheSuggestionAndRefusesP() throws {
        let dashboard = try IncidentDashboard(severity: "P2")
        defer { dashboard.finish() }
        let reader = try IncidentStore(stateDirectory: dashboard.state.path, mode: .readOnly)
        let session = IncidentSession(store: reader, problem: nil, readOnly: true, actor: "wall", defaultRunbookPath: nil)
        defer { session.stop() }
        var wall = TerminalApp(session: session, keymap: .standard, sources: DashboardSources(servicesConfigured: true, readOnly: true),
                               readOnly: true)
        let screen = wall.render(dashboard.snapshot, width: 160, height: 50, now: Date()).text
        #expect(screen.contains("⚑ P1 suggested: 1 of 2 services CRIT"), "\(screen)")
        _ = wall.handle([.key(.char("P"))], height: 50)
        #expect(wall.ui.flash?.plainText.contains("read-only") == true)
        #expect(try reader.incident(id: try #require(session.incident?.id)).severity == "P2")
    }
}
