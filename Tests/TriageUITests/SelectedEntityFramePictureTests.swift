import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// A key on a selected row (Enter, d, l, p, n, x, the actions) acts on the row the frame on screen
/// highlights: it looks the row up in the picture that frame was ordered by (``FramePicture``)
/// instead of building a new picture at the moment of the key, which cost a whole `OutageEntities`
/// per key and could order the rows differently from what the person saw.
@Suite struct SelectedEntityFramePictureTests {
    init() { #expect(localeReady) }

    /// Two Running pods: one restarted 20 s before `frameTime`, which makes it a warning for a while
    /// and lists it first; the other was created 10 s before `frameTime`. An hour later both are
    /// OK, and the newest change (the creation) comes first.
    static func snapshot(frameTime: Date) -> DashboardSnapshot {
        func pod(_ name: String, created: Date, restartedAt: Date?) -> PodInfo {
            let status = KubeContainerStatus(
                name: "app", ready: true, restartCount: restartedAt == nil ? 0 : 1,
                state: .running(startedAt: restartedAt ?? created),
                lastTerminated: restartedAt.map { .init(exitCode: 1, startedAt: $0.addingTimeInterval(-60), finishedAt: $0) })
            return PodInfo(context: "prod", namespace: "shop", name: name, creationTimestamp: created,
                           facts: KubePodFacts(phase: "Running", containerNames: ["app"], containerStatuses: [status]))
        }
        var snapshot = DashboardSnapshot(startedAt: frameTime.addingTimeInterval(-60))
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "prod", pods: [pod("aaa-steady", created: frameTime.addingTimeInterval(-10), restartedAt: nil),
                   pod("zzz-restarted", created: frameTime.addingTimeInterval(-86_400), restartedAt: frameTime.addingTimeInterval(-20))],
            nodes: [], events: [], podsUpdatedAt: frameTime, lastGoodAt: frameTime, roundAt: frameTime, failure: nil, watching: true),
            slot: 0, now: frameTime)
        return snapshot
    }

    @Test func enterOpensTheRowTheFrameHighlightedNotOneOrderedAfresh() throws {
        // The frame's clock an hour before the key: a picture built at the key orders the rows
        // differently from the frame's, and the key must act on what the frame showed.
        let frameTime = Date().addingTimeInterval(-3600)
        let snapshot = Self.snapshot(frameTime: frameTime)
        // What a picture built now would open: both pods are OK by now, the newest change first.
        var probe = UIState()
        probe.focus = .pods
        #expect(SelectedEntity.target(snapshot, ui: probe, now: Date()).map { "\($0)" }?.contains("aaa-steady") == true)

        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        var app = TerminalApp(session: session, keymap: .standard, sources: DashboardSources(kubeContexts: ["prod"]), readOnly: false)
        app.ui.focus = .pods
        app.latestSnapshot = snapshot
        let grid = app.render(snapshot, width: 200, height: 50, now: frameTime)
        let highlighted = try #require(SelectedEntityTests.selectedRowText(
            DashboardViewModel.build(snapshot, ui: app.ui, sources: app.sources, width: 200, height: 50, now: frameTime).panes[.pods]!))
        #expect(highlighted.contains("zzz-restarted"), "the frame lists the pod that just restarted first: \(highlighted)")
        #expect(grid.width == 200)

        _ = app.handle([.key(.enter)], height: 50)
        let opened = try #require(app.ui.detail, "Enter opened nothing: \(app.ui.flash?.plainText ?? "")")
        #expect("\(opened)".contains("zzz-restarted"), "Enter opened \(opened), not the highlighted row")
    }
}
