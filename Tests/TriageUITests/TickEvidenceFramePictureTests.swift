import Foundation
import Testing
import TriageCore
import TriageStore
@testable import TriageApp
@testable import TriageUI

/// Space on a checklist item judges it by the picture the frame on screen was built from
/// (``FramePicture``), as Enter, d, l and the actions do: it built a picture of its own per key,
/// which cost a whole `OutageEntities` and could disagree with the pane the person was reading.
@Suite(.serialized) struct TickEvidenceFramePictureTests {
    init() { #expect(localeReady) }

    @Test func spaceJudgesAConfirmationByTheFramesPictureNotOneBuiltAtTheKey() throws {
        // The frame's clock an hour before the key: then the pod that had just restarted was a
        // warning; a picture built at the key finds it OK.
        let frameTime = Date().addingTimeInterval(-3600)
        let snapshot = SelectedEntityFramePictureTests.snapshot(frameTime: frameTime)
        func state(at now: Date) -> HealthState? { OutageEntities(snapshot, now: now).all.first { $0.name.hasSuffix("zzz-restarted") }?.state }
        #expect(state(at: frameTime) == .warn && state(at: Date()) == .ok)

        let directory = NSTemporaryDirectory() + "triage-tick-frame-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try IncidentStore(stateDirectory: try StateDirectory.resolve(explicit: directory, environment: [:]))
        let runbook = directory + "/runbook.md"
        try "# Pods\n\n## Checks\n\n- [ ] Confirm zzz-restarted is healthy\n".write(toFile: runbook, atomically: true, encoding: .utf8)
        _ = try store.createIncident(title: "t", severity: "P2", runbookPath: runbook, commander: nil, at: frameTime, actor: "alice")
        let session = IncidentSession(store: store, problem: nil, readOnly: false, actor: "alice", defaultRunbookPath: nil)
        defer { session.stop() }
        let item = try #require(session.runbook.allItems.first { $0.text == "Confirm zzz-restarted is healthy" })

        var app = TerminalApp(session: session, keymap: .standard, sources: DashboardSources(kubeContexts: ["prod"]), readOnly: false)
        app.latestSnapshot = snapshot
        _ = app.render(snapshot, width: 200, height: 50, now: frameTime)
        _ = app.handle([.key(.char("5"))], height: 50)
        _ = app.render(snapshot, width: 200, height: 50, now: frameTime)
        _ = app.handle([.key(.char(" "))], height: 50)
        // The frame showed the pod as a warning: ticking "confirm … is healthy" asks first.
        #expect(app.pendingTickKey == item.key, "Space ticked it without asking: \(app.ui.flash?.plainText ?? "")")
        #expect(!session.isChecked(item))
    }
}
