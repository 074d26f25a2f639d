import Foundation
import Testing
@testable import TriageApp
import TriageStore
import TriageUI

/// Issue 15 §6: a large runbook must not delay the first frame nor make every frame cost more.
/// Counted, not timed: what was parsed before the first frame, and how many rows a frame builds.
@Suite(.serialized) struct RunbookSizeTests {
    /// 5,000 tasks in 100 sections.
    static func bigRunbook() -> String {
        var text = "# Big runbook\n\n"
        for section in 0..<100 {
            text += "## Section \(section)\n\n"
            for task in 0..<50 { text += "- [ ] check step \(section).\(task)\n" }
            text += "\n"
        }
        return text
    }

    /// A store in a fresh directory with one incident on the big runbook.
    func storeWithBigIncident() throws -> (directory: String, store: IncidentStore) {
        let directory = NSTemporaryDirectory() + "triage-ui-runbook-size-\(UUID().uuidString.prefix(8))"
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        let runbook = directory + "/big.md"
        try Self.bigRunbook().write(toFile: runbook, atomically: true, encoding: .utf8)
        _ = try store.createIncident(title: "big", severity: "P1", runbookPath: runbook, commander: nil, at: Date(), actor: "a")
        return (directory, store)
    }

    @Test func theTerminalLoopsSessionParsesNoRunbookBeforeTheFirstFrame() throws {
        let (directory, store) = try storeWithBigIncident()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = IncidentSession(target: StoreWriteTarget(store: store), writer: nil, problem: nil, readOnly: true,
                                      actor: "a", defaultRunbookPath: nil, loadNow: false)
        defer { session.stop() }
        #expect(session.isLoading)
        #expect(session.runbook.sections.isEmpty, "the runbook was parsed before the first frame")
        let (first, firstRows) = IncidentPaneBuilder.build(session, ui: UIState(), showTimeline: false, now: Date(), timeZone: .gmt)
        #expect(firstRows.isEmpty)
        #expect(first.summary.plainText.contains("loading"))
        session.reload()
        #expect(!session.isLoading)
        #expect(session.runbook.sections.reduce(0) { $0 + $1.items.count } == 5_000)
        let (_, rows) = IncidentPaneBuilder.build(session, ui: UIState(), showTimeline: false, now: Date(), timeZone: .gmt)
        #expect(rows.count > 5_000)
    }

    @Test func aFrameOfTheBigRunbookBuildsAWindowOfRowsNotTheRunbook() throws {
        let (directory, store) = try storeWithBigIncident()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = IncidentSession(store: store, problem: nil, readOnly: true, actor: "a", defaultRunbookPath: nil)
        defer { session.stop() }
        let (pane, rows) = IncidentPaneBuilder.build(session, ui: UIState(), showTimeline: false, now: Date(), timeZone: .gmt)
        let built = pane.body.reduce(0) { count, block in
            if case .text(let view) = block { return count + view.lines.count }
            return count
        }
        #expect(rows.count > 5_000)
        // About four panes' worth at most, whatever the runbook (it was 400, a third of an idle frame).
        #expect(built > 0 && built <= 200, "a frame built \(built) rows of \(rows.count)")
        // Cached per runbook, not rebuilt per frame: the rows handed out are the session's own.
        #expect(rows == session.checklistRows)
    }
}
