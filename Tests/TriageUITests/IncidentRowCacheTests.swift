import Foundation
import Testing
@testable import TriageApp
import TriageStore
import TriageUI

/// Issue 15 §6: an idle dashboard with a 5,000-item runbook costs what a small one does, because a
/// clock frame re-uses the Incident pane's lines. Counted, not timed: lines built per frame; and
/// every change a line shows (a tick, the cursor, a command's status, a phase window passing)
/// builds them again.
@Suite(.serialized) struct IncidentRowCacheTests {
    /// 5,000 tasks in 100 sections, the first ten with back-to-back phase windows of 5 minutes.
    static func bigRunbook() -> String {
        var text = "# Big runbook\n\n"
        for section in 0..<100 {
            text += section < 10 ? "## Section \(section) (\(section * 5)-\(section * 5 + 5) minutes)\n\n" : "## Section \(section)\n\n"
            for task in 0..<50 { text += "- [ ] check step \(section).\(task)\n" }
            text += "\n```bash\nkubectl get pods -n ns\(section)\n```\n\n"
        }
        return text
    }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A session (writable) on a store in a fresh directory with one incident on the big runbook.
    func makeSession() throws -> (directory: String, session: IncidentSession) {
        let directory = NSTemporaryDirectory() + "triage-ui-row-cache-\(UUID().uuidString.prefix(8))"
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        let runbook = directory + "/big.md"
        try Self.bigRunbook().write(toFile: runbook, atomically: true, encoding: .utf8)
        _ = try store.createIncident(title: "big", severity: "P1", runbookPath: runbook, commander: nil, at: Self.start, actor: "a")
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "a", defaultRunbookPath: nil)
        return (directory, session)
    }

    func frame(_ session: IncidentSession, ui: UIState = UIState(), at seconds: Double) -> [String] {
        let (pane, _) = IncidentPaneBuilder.build(session, ui: ui, showTimeline: false, now: Self.start.addingTimeInterval(seconds),
                                                  timeZone: .gmt)
        return pane.body.flatMap { block -> [String] in
            if case .text(let view) = block { return view.lines.map(\.plainText) }
            return []
        } + [pane.badge?.plainText ?? ""]
    }

    @Test func aClockFrameBuildsNoChecklistRows() throws {
        let (directory, session) = try makeSession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        defer { session.stop() }
        let first = frame(session, at: 60)
        let built = session.rowCache.linesBuilt
        let summed = session.rowCache.countsSummed
        #expect(built > 0 && built <= IncidentPaneBuilder.visibleRowLimit)
        // Ten clock frames, a second apart, inside the first phase window: nothing shown changes.
        for second in 61...70 {
            #expect(frame(session, at: Double(second)) == first)
        }
        #expect(session.rowCache.linesBuilt == built, "clock frames built \(session.rowCache.linesBuilt - built) checklist rows")
        #expect(session.rowCache.countsSummed == summed, "clock frames summed the progress of every section again")
    }

    @Test func aTickBuildsTheRowsAgainAndShowsIt() throws {
        let (directory, session) = try makeSession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        defer { session.stop() }
        let before = frame(session, at: 60)
        #expect(before.contains { $0.contains("[ ] check step 0.0") })
        let item = try #require(session.runbook.sections.first { !$0.items.isEmpty }?.items.first)
        session.toggle(item)
        let after = frame(session, at: 61)
        #expect(after.contains { $0.contains("[x]") && $0.contains("check step 0.0") })
        #expect(after.last?.contains("1/5000") == true, "the badge still counts \(after.last ?? "")")
    }

    @Test func movingTheCursorBuildsTheRowsAgain() throws {
        let (directory, session) = try makeSession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        defer { session.stop() }
        var ui = UIState()
        ui.focus = .incident
        ui.selection[.incident] = 1
        let one = frame(session, ui: ui, at: 60)
        ui.selection[.incident] = 2
        let two = frame(session, ui: ui, at: 61)
        #expect(one.first { $0.hasPrefix("▶") }?.contains("check step 0.0") == true)
        #expect(two.first { $0.hasPrefix("▶") }?.contains("check step 0.1") == true)
    }

    @Test func aPhaseWindowEndingMarksItsItemsOverdue() throws {
        let (directory, session) = try makeSession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        defer { session.stop() }
        // Section 0's window is the first 5 minutes: overdue after minute 5, not before.
        let inside = frame(session, at: 4 * 60)
        #expect(!inside.contains { $0.contains("check step 0.0") && $0.contains("overdue") })
        let built = session.rowCache.linesBuilt
        let after = frame(session, at: 5 * 60 + 30)
        #expect(after.contains { $0.contains("check step 0.0") && $0.contains("overdue") })
        #expect(!after.contains { $0.contains("check step 1.0") && $0.contains("overdue") }, "section 1's window runs to minute 10")
        #expect(after.last?.contains("50 overdue") == true, "badge: \(after.last ?? "")")
        #expect(session.rowCache.linesBuilt > built)
    }

    @Test func aCommandsStatusBuildsTheRowsAgainAndShowsIt() throws {
        let (directory, session) = try makeSession()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        defer { session.stop() }
        var ui = UIState()
        ui.focus = .incident
        ui.selection[.incident] = 51  // section 0's heading, its 50 tasks, then its command
        let before = frame(session, ui: ui, at: 60)
        #expect(before.contains { $0.contains("$ kubectl get pods -n ns0") && !$0.contains("[exit 0]") })
        session.commandOutputs.set(
            "kubectl get pods -n ns0",
            CommandOutputs.Entry(code: "kubectl get pods -n ns0", startedAt: Self.start, finishedAt: Self.start, status: "exit 0", output: ""))
        let after = frame(session, ui: ui, at: 61)
        #expect(after.contains { $0.contains("$ kubectl get pods -n ns0") && $0.contains("[exit 0]") })
    }
}
