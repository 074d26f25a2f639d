import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The Pods pane with several contexts (issue 18 §3): one group per context under a header row with
/// its counts (pods, failing, pending) and, when its data is not live, whether it is unreachable or
/// how old its rows are; the groups with failures first, the failing pods first in each group.
/// Four contexts, configured healthy-first: `prod-us` (healthy), `prod-eu` (the lab outage's 17 pods),
/// `batch` (stale: its last round timed out) and `staging` (never reached).
@Suite(.serialized) struct PodsByContextSnapshotTests {
    init() { #expect(localeReady) }

    static let now = OutageDashboardSnapshotTests.now
    static let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["prod-us", "prod-eu", "batch", "staging"])

    static func pods(context: String) throws -> [PodInfo] {
        let file = OutageDashboardSnapshotTests.fixtures.appendingPathComponent("kubectl-pods-all.json")
        return try KubePodListParser.parse(Data(contentsOf: file), context: context).pods
    }

    static func snapshot() throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshotTests.snapshot()
        let healthy = try pods(context: "prod-us").filter { $0.healthState(now: now) == .ok }
        let stale = try Array(pods(context: "batch").filter { $0.healthState(now: now) == .ok }.prefix(2))
        let rounds = [
            KubeSnapshot(context: "prod-us", pods: healthy, nodes: [], events: [], podsUpdatedAt: now, lastGoodAt: now, roundAt: now,
                         failure: nil, watching: true),
            KubeSnapshot(context: "prod-eu", pods: try pods(context: "prod-eu"), nodes: [], events: [], podsUpdatedAt: now, lastGoodAt: now,
                         roundAt: now, failure: nil, watching: true),
            KubeSnapshot(context: "batch", pods: stale, nodes: [], events: [], podsUpdatedAt: now.addingTimeInterval(-180),
                         lastGoodAt: now.addingTimeInterval(-180), roundAt: now, failure: "context batch: timed out after 10s", watching: false),
            KubeSnapshot(context: "staging", pods: [], nodes: [], events: [], podsUpdatedAt: nil, lastGoodAt: nil, roundAt: now,
                         failure: "context staging: connection refused (10.9.0.1:6443)", watching: false),
        ]
        for (slot, round) in rounds.enumerated() { _ = snapshot.record(kubernetes: round, slot: slot, now: now) }
        return snapshot
    }

    static func render(width: Int, height: Int, zoomed: Bool = false, selection: Int = 0) throws -> CellGrid {
        var ui = UIState()
        ui.focus = .pods
        ui.zoomed = zoomed
        ui.selection[.pods] = selection
        return ScreenRegion.render(try snapshot(), sources: sources, ui: ui, width: width, height: height, now: now)
    }

    static func pane(zoomed: Bool = true, selection: Int = 0) throws -> [String] {
        var ui = UIState()
        ui.focus = .pods
        ui.zoomed = zoomed
        return ScreenRegion.pane(.pods, of: try render(width: 200, height: 50, zoomed: zoomed, selection: selection), ui: ui)
    }

    @Test(arguments: [(200, 50), (120, 40), (100, 30), (80, 24)])
    func podsGroupedByContext(width: Int, height: Int) throws {
        try assertSnapshot(Self.render(width: width, height: height), named: "pods-by-context-\(width)x\(height)")
    }

    @Test func eachContextHasAHeaderWithItsCountsAndTheGroupsWithFailuresComeFirst() throws {
        let pane = try Self.pane()
        let headers = pane.filter { $0.contains("▾ ") }
        let eu = try Self.pods(context: "prod-eu")
        let failing = eu.filter { $0.healthState(now: Self.now) == .crit }.count
        let pending = eu.filter { $0.healthState(now: Self.now) != .crit && $0.facts.phase == "Pending" }.count
        #expect(failing > 0 && pending > 0, "the fixture has failing and pending pods")
        // prod-eu has the failures: first, although configured second. staging has no rows: its
        // failure line above the table says it, with no header of its own.
        #expect(headers.count == 3, "\(pane.joined(separator: "\n"))")
        #expect(headers.first?.contains("▾ prod-eu  \(eu.count) pods · \(failing) failing · \(pending) pending") == true, "\(headers)")
        #expect(headers.contains { $0.contains("▾ batch  2 pods · stale, data from 3m ago") }, "\(headers)")
        let healthy = try Self.pods(context: "prod-us").filter { $0.healthState(now: Self.now) == .ok }.count
        #expect(headers.contains { $0.contains("▾ prod-us  \(healthy) pods") && !$0.contains("failing") }, "\(headers)")
        #expect(pane.contains { $0.contains("context staging: connection refused") })
    }

    @Test func failingPodsComeFirstWithinTheirGroup() throws {
        let pane = try Self.pane()
        let start = try #require(pane.firstIndex { $0.contains("▾ prod-eu") })
        let end = pane[(start + 1)...].firstIndex { $0.contains("▾ ") } ?? pane.count
        let rows = pane[(start + 1)..<end].filter { $0.range(of: #"[0-9]+/[0-9]+ +[✖▲●?] "#, options: .regularExpression) != nil }
        #expect(rows.count == 17, "\(pane.joined(separator: "\n"))")
        let lastFailing = try #require(rows.lastIndex { $0.contains("✖") })
        let firstNotFailing = try #require(rows.firstIndex { !$0.contains("✖") })
        #expect(lastFailing < firstNotFailing, "\(rows.joined(separator: "\n"))")
    }

    @Test func theHighlightedRowIsThePodTheDetailOpens() throws {
        let snapshot = try Self.snapshot()
        var ui = UIState()
        ui.focus = .pods
        ui.zoomed = true
        let order = PaneRowOrder.pods(snapshot.kubernetes, picture: OutageEntities(snapshot, now: Self.now), ui: ui, now: Self.now)
        // The first pod of the second group, past two header rows.
        let index = try #require(order.firstIndex { $0.context != order[0].context })
        ui.selection[.pods] = index
        let grid = ScreenRegion.render(snapshot, sources: Self.sources, ui: ui, width: 200, height: 50, now: Self.now)
        let rect = try #require(ScreenRegion.rect(.pods, of: grid))
        let highlighted = (rect.y..<(rect.y + rect.height)).filter { y in grid[rect.x + 2, y].style.emphasis.contains(.reverse) }
        #expect(highlighted.count == 1)
        let line = ScreenRegion.pane(.pods, of: grid, ui: ui)[try #require(highlighted.first) - rect.y]
        #expect(line.contains(order[index].name) && !line.contains("▾"), "\(line)")
    }
}
