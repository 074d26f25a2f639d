import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Node rows in the Pods pane are rows to act on, like pods: after the pods, under a "▾ nodes"
/// header; Enter or `d` opens the node's view (conditions, taints, allocatable of capacity, the
/// pods on it with their states, the recent events about it), `n` on it opens the same, `l` and `p`
/// say plainly that a node has no logs, and a runbook command sees it as `$NODE`. They were only
/// names in the nodes line, which no key could reach.
@Suite struct NodeDetailTests {
    init() { #expect(localeReady) }

    static let now = OutageDashboardSnapshotTests.now

    /// The Pods pane's fixture (17 pods on prod, nodes node-a, node-b and node-c, warning events).
    static func snapshot() throws -> DashboardSnapshot { try OutageDashboardSnapshotTests.snapshot() }

    static func ui(row: Int) -> UIState {
        var ui = UIState()
        ui.focus = .pods
        ui.selection[.pods] = row
        return ui
    }

    @Test func everyNodeRowOpensItsOwnNodeAfterThePods() throws {
        let snapshot = try Self.snapshot()
        let pods = SelectedEntity.pods(snapshot, ui: Self.ui(row: 0), now: Self.now)
        let nodes = snapshot.kubernetes.flatMap(\.nodes)
        #expect(nodes.count == 3)
        let (pane, rows) = PodsPaneBuilder.build(snapshot.kubernetes, ui: Self.ui(row: 0), now: Self.now)
        #expect(rows == pods.count + nodes.count, "the cursor's rows: pods then nodes")
        #expect(pane.need(innerWidth: 80).rows > 0)
        var opened: [String] = []
        for row in pods.count..<rows {
            let ui = Self.ui(row: row)
            let built = PodsPaneBuilder.build(snapshot.kubernetes, ui: ui, now: Self.now).0
            let text = try #require(SelectedEntityTests.selectedRowText(built), "row \(row): nothing highlighted")
            guard case .node(let id)? = SelectedEntity.target(snapshot, ui: ui, now: Self.now),
                  let node = nodes.first(where: { $0.id == id }) else {
                Issue.record("row \(row) does not open a node")
                continue
            }
            #expect(text.contains(node.name), "row \(row): highlighted \"\(text)\", would open \(node.name)")
            opened.append(node.name)
        }
        // Worst first: the node that is not ready, then the one under pressure, then the ready one.
        #expect(opened == ["node-c", "node-b", "node-a"], "\(opened)")
        // `b` keeps the nodes that are not all ok.
        var broken = Self.ui(row: 0)
        broken.brokenOnly.insert(.pods)
        #expect(PaneRowOrder.nodes(snapshot.kubernetes, ui: broken).map(\.name) == ["node-c", "node-b"])
    }

    @Test func theNodesViewListsItsPodsWithTheirStatesAndItsEvents() throws {
        let snapshot = try Self.snapshot()
        let round = try #require(snapshot.kubernetes.first)
        let node = try #require(round.nodes.first { $0.name == "node-b" })
        let view = DetailViewBuilder.build(.node(node.id), snapshot: snapshot, sources: DashboardSources(), processes: [], scroll: 0, now: Self.now)
        let text = view.lines.map(\.plainText)
        #expect(view.title == "Node node-b")
        for heading in ["Conditions", "Taints", "Allocatable of capacity"] {
            #expect(text.contains(heading), "\(heading) missing:\n\(text.joined(separator: "\n"))")
        }
        // Every pod the informer has on node-b, with its state symbol and STATUS; none from elsewhere.
        let on = round.pods.filter { $0.node == "node-b" }
        #expect(!on.isEmpty, "the fixture has pods on node-b")
        #expect(text.contains { $0.hasPrefix("Pods on it (\(on.count)") }, "\(text.joined(separator: "\n"))")
        for pod in on {
            let state = pod.healthState(now: Self.now)
            #expect(text.contains { $0.contains("\(state.symbol) \(pod.namespace)/\(pod.name)") && $0.contains(pod.status) },
                    "\(pod.name) missing:\n\(text.joined(separator: "\n"))")
        }
        for pod in round.pods where pod.node != "node-b" {
            #expect(!text.contains { $0.contains("/\(pod.name) ") }, "\(pod.name) is not on node-b")
        }
        // The events about node-b (EvictionThresholdMet), not the pods' events.
        let events = text.drop { $0 != "Recent events" }
        #expect(events.contains { $0.contains("EvictionThresholdMet") }, "\(text.joined(separator: "\n"))")
        #expect(!events.contains { $0.contains("BackOff") })
        #expect(view.hint.contains("i describe"))
    }

    @Test func aNodeWithNothingOnItSaysSo() {
        let node = NodeInfo(context: "prod", name: "node-z", readyStatus: "True")
        let text = NodeDetailLines.view(node, pods: [], events: [], now: Self.now).map(\.plainText)
        #expect(text.contains("  none seen") && text.contains("  none about this node"), "\(text)")
    }

    /// Through the app's keys: on the last row (a node) Enter opens its view, `l` and `p` say a
    /// node has no logs, `n` opens the same view, and `$NODE` is its name.
    @Test func keysOnANodeRow() throws {
        let snapshot = try Self.snapshot()
        let session = IncidentSession(store: nil, problem: nil, readOnly: false, actor: "test", defaultRunbookPath: nil)
        defer { session.stop() }
        var app = TerminalApp(session: session, keymap: .standard, sources: DashboardSources(kubeContexts: ["prod"]), readOnly: false)
        app.ui.focus = .pods
        app.latestSnapshot = snapshot
        _ = app.render(snapshot, width: 200, height: 50, now: Self.now)
        _ = app.handle([.key(.char("G"))], height: 50)
        _ = app.render(snapshot, width: 200, height: 50, now: Self.now)
        let bound = RunbookVariables.bound(snapshot, ui: app.ui, sources: app.sources, now: Self.now, dockerHostArgument: { _ in nil })
        #expect(bound["NODE"] == "node-a" && bound["POD"] == nil, "\(bound)")
        for key in ["l", "p"] {
            _ = app.handle([.key(.char(Character(key)))], height: 50)
            #expect(app.ui.flash?.plainText.hasPrefix("a node has no logs") == true, "\(key): \(app.ui.flash?.plainText ?? "")")
            #expect(app.ui.detail == nil && app.ui.focus == .pods)
        }
        _ = app.handle([.key(.enter)], height: 50)
        #expect(app.ui.detail == .node("prod/node-a"))
        _ = app.handle([.key(.escape)], height: 50)
        _ = app.handle([.key(.char("n"))], height: 50)
        #expect(app.ui.detail == .node("prod/node-a"))
        // In the view, `l` says the same.
        _ = app.handle([.key(.char("l"))], height: 50)
        #expect(app.ui.flash?.plainText.hasPrefix("a node has no logs") == true)
    }
}
