import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The node view (`n` on a pod): every condition with its reason and since when, the taints, and
/// allocatable of capacity, from `kubectl get nodes -o json` (kubectl 1.32 against
/// scripts/kube-standin.py, node-b cordoned), at the common sizes.
@Suite(.serialized) struct NodeDetailSnapshotTests {
    init() { #expect(localeReady) }

    /// Half a minute after the fixture's heartbeats (2026-12-06T20:49:09Z).
    static let now = Date(timeIntervalSince1970: 1_796_590_180)

    static func nodes() throws -> [NodeInfo] {
        try KubeNodeListParser.parse(Data(contentsOf: DetailViewSnapshotTests.fixtures.appendingPathComponent("kubectl-nodes-node-detail.json")), context: "lab")
    }

    func render(_ id: String, width: Int, height: Int) throws -> CellGrid {
        var snapshot = DashboardSnapshot(startedAt: Self.now.addingTimeInterval(-60))
        let now = Self.now
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab", pods: [], nodes: try Self.nodes(), events: [], podsUpdatedAt: now,
                                                     lastGoodAt: now, roundAt: now, failure: nil, watching: true), slot: 0, now: now)
        let sources = DashboardSources(servicesConfigured: false, dockerHosts: [], kubeContexts: ["lab"])
        let view = DetailViewBuilder.build(.node(id), snapshot: snapshot, sources: sources, processes: [], scroll: 0, now: now)
        var grid = CellGrid(width: width, height: height)
        view.render(into: &grid, area: Rect(x: 0, y: 1, width: width, height: height - 2))
        return grid
    }

    @Test func theParserReadsConditionsTaintsAndResources() throws {
        let node = try #require(try Self.nodes().first { $0.name == "node-b" })
        #expect(node.unschedulable)
        #expect(node.taints == ["node.kubernetes.io/memory-pressure:NoSchedule", "dedicated=db:NoSchedule"])
        #expect(node.allocatable["cpu"] == "3800m" && node.capacity["cpu"] == "4")
        let memory = try #require(node.conditions.first { $0.type == "MemoryPressure" })
        #expect(memory.status == "True" && memory.reason == "KubeletHasInsufficientMemory" && !memory.isHealthy)
        #expect(memory.lastTransition == Date(timeIntervalSince1970: 1_796_586_559))
        #expect(node.conditions.map(\.type) == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func aCordonedNodeUnderPressure(width: Int, height: Int) throws {
        let grid = try render("lab/node-b", width: width, height: height)
        try assertSnapshot(grid, named: "detail-node-\(width)x\(height)")
        #expect(grid.text.contains("Node node-b"))
        #expect(grid.text.contains("no (cordoned)"))
        #expect(grid.text.contains("KubeletHasInsufficientMemory"))
        // At 80x24 the taints and resources are a scroll away.
        if height >= 40 {
            #expect(grid.text.contains("dedicated=db:NoSchedule"))
            #expect(grid.text.contains("3800m of 4"))
        }
    }

    @Test func aNodeNoLongerSeenSaysSo() throws {
        let grid = try render("lab/node-z", width: 80, height: 24)
        #expect(grid.text.contains("no longer seen by the probes"))
    }
}
