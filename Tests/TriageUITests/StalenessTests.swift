import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// "stale" is per source and only on data that is actually old, with its age; a source that did
/// not answer and holds no rows is its own unknown row, not a stale mark on everyone else's.
@Suite struct StalenessTests {
    static let now = OutageDashboardSnapshotTests.now

    static func badge(_ snapshot: DashboardSnapshot, _ pane: PaneID) -> String {
        let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: snapshot.kubernetes.map(\.context))
        let model = DashboardViewModel.build(snapshot, ui: UIState(), sources: sources, width: 200, height: 50, now: now)
        return model.panes[pane]?.badge?.plainText ?? ""
    }

    @Test func anUnreachableContextWithNoRowsIsItsOwnUnknownRowAndMarksNothingStale() throws {
        // prod answers; lab-down refuses and never had pods.
        let snapshot = try PodsPaneLayoutTests.snapshot()
        let badge = Self.badge(snapshot, .pods)
        #expect(!badge.contains("stale"), "prod's pods are fresh: \(badge)")
        #expect(badge.contains("?1"), "the refusing context counts as one unknown: \(badge)")
        let picture = OutageEntities(snapshot, now: Self.now)
        #expect(picture.all.allSatisfy { $0.staleSince == nil })
        #expect(picture.failing.contains { $0.kind == .source && $0.name == "context lab-down" && $0.reason?.contains("connection refused") == true })
    }

    @Test func aContextThatFailedKeepsItsRowsMarkedStaleWithTheirAge() throws {
        var snapshot = try OutageDashboardSnapshotTests.snapshot()
        snapshot.kubernetes[0].failure = "context prod: Unable to connect to the server: i/o timeout"
        snapshot.kubernetes[0].lastGoodAt = Self.now.addingTimeInterval(-42)
        #expect(Self.badge(snapshot, .pods).hasSuffix(" stale 42s"), "\(Self.badge(snapshot, .pods))")
        // Only that context's rows are old: a second, fresh context's pods are not marked.
        let picture = OutageEntities(snapshot, now: Self.now)
        #expect(picture.all.filter { $0.kind == .pod }.allSatisfy { $0.staleSince == Self.now.addingTimeInterval(-42) })
        #expect(picture.all.filter { $0.kind == .container }.allSatisfy { $0.staleSince == nil })
        #expect(Self.badge(snapshot, .containers).contains("stale") == false)
    }

    @Test func aContextThatStoppedReportingIsStaleWithoutAFailure() throws {
        // A hung kubectl: no failure yet, but the last round is 45 s old.
        var snapshot = try OutageDashboardSnapshotTests.snapshot()
        snapshot.kubernetes[0].roundAt = Self.now.addingTimeInterval(-45)
        #expect(Self.badge(snapshot, .pods).hasSuffix(" stale 45s"), "\(Self.badge(snapshot, .pods))")
        snapshot.kubernetes[0].roundAt = Self.now.addingTimeInterval(-5)
        #expect(!Self.badge(snapshot, .pods).contains("stale"))
    }

    @Test func aDockerHostThatFailedKeepsItsRowsStaleNamedWhenThereAreTwo() throws {
        var snapshot = try OutageDashboardSnapshotTests.snapshot()
        snapshot.docker[0].failure = "Cannot connect to the Docker daemon at unix:///run/docker.sock"
        snapshot.docker[0].lastGoodAt = Self.now.addingTimeInterval(-30)
        #expect(Self.badge(snapshot, .containers).hasSuffix(" stale 30s"), "\(Self.badge(snapshot, .containers))")
        _ = snapshot.record(docker: DockerSnapshot(host: "edge", containers: [], lastGoodAt: Self.now, roundAt: Self.now, failure: nil), slot: 1)
        #expect(Self.badge(snapshot, .containers).hasSuffix(" stale local 30s"), "\(Self.badge(snapshot, .containers))")
    }
}
