import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// The Pods pane during a lab-like outage: 17 pods (12 failing) from kubectl output recorded against
/// the lab's stand-in, nodes under pressure, six warning events, and a second context that refuses
/// connections (the lab's `lab-down`). At 100x30 the wrapped context error, the nodes line and three
/// events used to fill the pane and not one pod row showed; at 120x40 only three did.
@Suite(.serialized) struct PodsPaneLayoutTests {
    init() { #expect(localeReady) }

    static let now = OutageDashboardSnapshotTests.now
    static let refusal = "context lab-down: Get \"https://127.0.0.1:1/api/v1/namespaces/shop/pods?limit=500\": dial tcp 127.0.0.1:1: connect: connection refused (the end)"
    static let sources = DashboardSources(servicesConfigured: true, dockerHosts: ["local"], kubeContexts: ["prod", "lab-down"])

    static func snapshot() throws -> DashboardSnapshot {
        var snapshot = try OutageDashboardSnapshotTests.snapshot()
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "lab-down", pods: [], nodes: [], events: [], podsUpdatedAt: nil, lastGoodAt: nil,
                                                     roundAt: now, failure: refusal, watching: false), slot: 1, now: now)
        return snapshot
    }

    static func pane(width: Int, height: Int, zoomed: Bool = false) throws -> [String] {
        var ui = UIState()
        ui.focus = zoomed ? .pods : .services
        ui.zoomed = zoomed
        let grid = ScreenRegion.render(try snapshot(), sources: sources, ui: ui, width: width, height: height, now: now)
        return ScreenRegion.pane(.pods, of: grid, ui: ui)
    }

    /// Rows of the pods table: READY ("0/1") then a state symbol.
    static func podRows(_ pane: [String]) -> [String] {
        pane.filter { $0.range(of: #"[0-9]+/[0-9]+ [✖▲●?] "#, options: .regularExpression) != nil }
    }

    @Test(arguments: [(100, 30, 3), (120, 40, 6), (200, 50, 12)])
    func podRowsComeFirstAndAlwaysGetRows(width: Int, height: Int, atLeast: Int) throws {
        let pane = try Self.pane(width: width, height: height)
        let rows = Self.podRows(pane)
        #expect(rows.count >= atLeast, "\(width)x\(height):\n\(pane.joined(separator: "\n"))")
        // Worst first: the first pod row is a failing one.
        #expect(rows.first?.contains("✖") == true)
        // The refused context takes one row, cut, whatever the width.
        #expect(pane.filter { $0.contains("lab-down") || $0.contains("connection refused") }.count == 1, "\(width)x\(height)")
        #expect(!pane.joined().contains("(the end)"))
    }

    @Test func failingPodsComeBeforeEventsAndEventsBeforeHealthyPods() throws {
        let pane = try Self.pane(width: 200, height: 50)
        let rows = Self.podRows(pane)
        // Every failing pod (6 ✖ and 6 ▲) is on screen, and an event line shows below the nodes.
        #expect(rows.filter { $0.contains("✖") || $0.contains("▲") }.count == 12)
        let events = pane.filter { $0.contains("│ ⚠ ") }
        #expect(!events.isEmpty, "\(pane.joined(separator: "\n"))")
        // The top band grows for them (space follows need), so the healthy pods show too, after
        // every failing one.
        let lastFailing = try #require(rows.lastIndex { $0.contains("✖") || $0.contains("▲") })
        let firstHealthy = rows.firstIndex { $0.contains("●") } ?? rows.count
        #expect(lastFailing < firstHealthy, "\(pane.joined(separator: "\n"))")
    }

    @Test func overflowLinesThatDoNotFitSayHowManyAreLeft() {
        let lines = (1...6).map { StyledLine("event \($0)") }
        let rows = (0..<10).map { Table.Row([StyledLine("pod \($0)")]) }
        var table = Table(columns: [.init("NAME", .flex(min: 5, weight: 1))], rows: rows)
        table.priorityRows = 2
        let model = PaneModel(id: .pods, state: .crit, body: [.table(table), .overflow(lines, more: "events")], summary: "")
        // 8 rows: header and the 2 priority rows, 3 events, then 2 more pods; the events' last row
        // says how many are left out.
        var grid = CellGrid(width: 20, height: 8)
        model.renderBody(into: &grid, area: grid.bounds)
        #expect(grid.lines.map { $0.trimmingCharacters(in: .whitespaces) }
                == ["NAME", "pod 0", "pod 1", "pod 2", "pod 3", "event 1", "event 2", "+4 more events"])
        // Room for everything: every pod, then every event.
        var tall = CellGrid(width: 20, height: 20)
        model.renderBody(into: &tall, area: tall.bounds)
        #expect(Array(tall.lines.map { $0.trimmingCharacters(in: .whitespaces) }.prefix(17))
                == ["NAME"] + (0..<10).map { "pod \($0)" } + (1...6).map { "event \($0)" })
    }

    /// Two crash-looping pods: the one that restarted 20 s ago comes before the one whose last
    /// restart was two hours ago, whatever their names.
    @Test func aPodThatJustRestartedIsListedFirstInItsSeverity() throws {
        func crashing(_ name: String, lastRestart: TimeInterval) -> PodInfo {
            let status = KubeContainerStatus(name: "app", restartCount: 5, state: .waiting(reason: "CrashLoopBackOff", message: ""),
                                             lastTerminated: .init(exitCode: 1, startedAt: Self.now.addingTimeInterval(-lastRestart - 5),
                                                                   finishedAt: Self.now.addingTimeInterval(-lastRestart)))
            return PodInfo(context: "prod", namespace: "shop", name: name, creationTimestamp: Self.now.addingTimeInterval(-86_400),
                           facts: KubePodFacts(phase: "Running", containerNames: ["app"], containerStatuses: [status]))
        }
        var snapshot = DashboardSnapshot(startedAt: Self.now)
        _ = snapshot.record(kubernetes: KubeSnapshot(context: "prod", pods: [crashing("aaa-old", lastRestart: 7200), crashing("zzz-new", lastRestart: 20)],
                                                     nodes: [], events: [], podsUpdatedAt: Self.now, lastGoodAt: Self.now, roundAt: Self.now,
                                                     failure: nil, watching: true), slot: 0, now: Self.now)
        let grid = ScreenRegion.render(snapshot, sources: DashboardSources(kubeContexts: ["prod"]), width: 120, height: 40, now: Self.now)
        let rows = Self.podRows(ScreenRegion.pane(.pods, of: grid, ui: UIState()))
        #expect(rows.count == 2)
        #expect(rows.first?.contains("zzz-new") == true, "\(rows)")
    }

    @Test func nodesSayWhichConditionFails() throws {
        let pane = try Self.pane(width: 120, height: 40, zoomed: true)
        // The nodes line (the node rows below the pods say the same, one node a row).
        let nodes = try #require(pane.first { $0.contains("│ nodes ") || $0.contains("┃ nodes ") })
        #expect(nodes.contains("▲ node-b MemoryPressure"), "\(nodes)")
        #expect(!nodes.contains("node-b Ready"))
        #expect(nodes.contains("✖ node-c Unknown"))
        #expect(nodes.contains("● node-a Ready"))
    }

    @Test func zoomShowsEveryEventAndTheWholeContextError() throws {
        let pane = try Self.pane(width: 120, height: 40, zoomed: true)
        let events = pane.filter { $0.contains("│ ⚠ ") || $0.contains("┃ ⚠ ") }
        // The badge counts six warning events; zoomed, all six are listed (they used to stop at three).
        #expect(pane.first?.contains("⚠6") == true)
        #expect(events.count == 6, "\(pane.joined(separator: "\n"))")
        #expect(pane.joined().contains("(the end)"))
        #expect(Self.podRows(pane).count == 17)
    }
}
