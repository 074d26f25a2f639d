import Foundation
import Testing
import TriageApp
import TriageCore
import TriageProbes
import TriageUI

/// What `triage replay` draws from a recording: the snapshot rebuilt from recorded rows gives the
/// same Services, Containers and Pods rows, in the same order, as the live snapshot it was recorded
/// from; free texts are redacted; an unchanged row is not recorded again.
@Suite struct SourceRecordingReplayTests {
    static let now = OnePictureTests.now

    /// The lines of the zoomed pane's frame that name any of `names`, in screen order.
    static func paneLines(_ snapshot: DashboardSnapshot, _ pane: PaneID, naming names: [String], sources: DashboardSources) -> [String] {
        var ui = UIState()
        ui.focus = pane
        ui.zoomed = true
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: 160, height: 40, now: now)
        let grid = DashboardRenderer.render(width: 160, height: 40, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
        return grid.lines.filter { line in names.contains { line.contains($0) } }
    }

    static func replayed(_ live: DashboardSnapshot) -> (SourceRows, DashboardSnapshot) {
        var recorder = SourceRecorder()
        let encoder = SnapshotSourceRows.Encoder()
        var frames: [SourceKeyFrame] = []
        var changes: [SourceRowChange] = []
        if let batch = recorder.take(SnapshotSourceRows.rows(of: live, encoder: encoder), at: now) {
            changes += batch.changes
            frames += [batch.keyFrame].compactMap { $0 }
        }
        let recording = SourceRecording(keyFrames: frames, changes: changes)
        let rows = recording.rows(at: now)
        return (rows, SnapshotSourceRows.snapshot(from: rows, at: now, startedAt: now.addingTimeInterval(-600)))
    }

    @Test func theRebuiltSnapshotShowsTheSamePaneRowsInTheSameOrder() throws {
        var live = DashboardSnapshot(round: OnePictureTests.round())
        live.alertmanagers = [AlertmanagerSnapshot(
            source: "am", alerts: [FiringAlert(fingerprint: "f1", labels: ["alertname": "HighLatency", "severity": "critical"],
                                               startsAt: Self.now.addingTimeInterval(-90))],
            lastGoodAt: Self.now, roundAt: Self.now)]
        let (rows, replayed) = Self.replayed(live)
        let sources = SnapshotSourceRows.sources(of: rows, logSources: 0)
        #expect(sources.dockerHosts == ["local"])
        #expect(sources.kubeContexts == ["lab", "lab-down"])
        #expect(sources.servicesConfigured)
        let panes: [(PaneID, [String])] = [
            (.containers, ["api", "lab-backend"]),
            (.pods, ["api-old", "api-new", "web-1", "lab-down"]),
            (.services, ["backend", "web", "HighLatency"]),
        ]
        for (pane, names) in panes {
            let shown = Self.paneLines(live, pane, naming: names, sources: sources)
            #expect(shown.count >= names.count - 1, "\(pane): \(shown)")
            // The services' latency sparkline is not recorded; every other column must match.
            let strip: (String) -> String = { pane == .services ? $0.filter { !"▁▂▃▄▅▆▇█".contains($0) } : $0 }
            #expect(Self.paneLines(replayed, pane, naming: names, sources: sources).map(strip) == shown.map(strip), "\(pane)")
        }
        // The one picture agrees on every failing entity.
        let failing = { (snapshot: DashboardSnapshot) in
            OutageEntities(snapshot, now: Self.now).failing.map { "\($0.key) \($0.state) \($0.reason ?? "")" }
        }
        #expect(failing(replayed) == failing(live))
    }

    @Test func rowsAreRedactedAndUnchangedRowsAreNotRecordedAgain() throws {
        var live = DashboardSnapshot(round: OnePictureTests.round())
        let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        live.docker[0].failure = "docker: token=" + secret
        let encoder = SnapshotSourceRows.Encoder()
        var recorder = SourceRecorder()
        let firstBatch = recorder.take(SnapshotSourceRows.rows(of: live, encoder: encoder), at: Self.now)
        let first = try #require(firstBatch)
        let encoded = first.keyFrame?.rows.encoded() ?? ""
        #expect(encoded.range(of: secret) == nil)
        #expect(encoded.range(of: "token=****") != nil)
        // A new round with new stats figures and round time: no row changed.
        live.docker[0].roundAt = Self.now.addingTimeInterval(2)
        live.docker[0].containers[0].stats = ContainerStats(cpuPercent: 42)
        let unchanged = recorder.take(SnapshotSourceRows.rows(of: live, encoder: encoder), at: Self.now.addingTimeInterval(2))
        #expect(unchanged == nil)
        // A container exiting (in the next docker round) is one row change.
        live.docker[0].roundAt = Self.now.addingTimeInterval(4)
        live.docker[0].containers[0].state = .exited
        live.docker[0].containers[0].exitCode = 1
        let exitedBatch = recorder.take(SnapshotSourceRows.rows(of: live, encoder: encoder), at: Self.now.addingTimeInterval(4))
        let exited = try #require(exitedBatch)
        #expect(exited.changes.map(\.key) == ["c1"])
    }
}
