import Foundation
import Synchronization
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// Issue 16: a frame's work must not grow with the data. A data frame (a new snapshot, no picture
/// kept) of 5,000 pods over four contexts makes only the Pods pane rows that are on screen; it
/// made all 5,000 rows (and a context header each, by counting its pods) every frame. Counted:
/// the rows the table holds up front plus the rows it makes while the frame is drawn.
@Suite struct VisibleRowsTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let contexts = ["prod-eu", "prod-us", "staging", "batch"]

    static func snapshot(podsPerContext: Int) throws -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-60))
        let sample = KubePodListSample.make(count: podsPerContext)
        for (slot, context) in contexts.enumerated() {
            let pods = try KubePodListParser.parse(sample, context: context).pods
            _ = snapshot.record(kubernetes: KubeSnapshot(
                context: context, pods: pods, nodes: [], events: [], podsUpdatedAt: now, lastGoodAt: now, roundAt: now,
                failure: nil, watching: true), slot: slot, now: now)
        }
        return snapshot
    }

    /// The frame's panes with the Pods table's rows counted as they are made.
    static func frame(_ snapshot: DashboardSnapshot, ui: UIState) throws -> (grid: CellGrid, upFront: Int, made: Int, total: Int) {
        let sources = DashboardSources(kubeContexts: contexts)
        return try framedCounting(.pods, DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: 200, height: 50, now: now), ui: ui)
    }

    /// `model` drawn at 200x50, with the rows of `pane`'s tables counted: held up front, made while
    /// the frame is drawn (``Table/LazyRows``), and in all.
    static func framedCounting(_ pane: PaneID, _ model: DashboardViewModel, ui: UIState) throws -> (grid: CellGrid, upFront: Int, made: Int, total: Int) {
        var model = model
        let made = Mutex(0)
        var counted = try #require(model.panes[pane])
        var upFront = 0
        var total = 0
        for (index, block) in counted.body.enumerated() {
            guard case .table(var table) = block else { continue }
            upFront += table.rows.count
            total += table.rowCount
            if let lazy = table.lazyRows {
                table.lazyRows = Table.LazyRows(count: lazy.count) { row in
                    made.withLock { $0 += 1 }
                    return lazy.make(row)
                }
            }
            counted.body[index] = .table(table)
        }
        model.panes[pane] = counted
        let grid = DashboardRenderer.render(width: 200, height: 50, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
        return (grid, upFront, made.withLock { $0 }, total)
    }

    @Test(arguments: [false, true])
    func aFrameOfFiveThousandPodsMakesOnlyTheRowsOnScreen(zoomed: Bool) throws {
        let snapshot = try Self.snapshot(podsPerContext: 1_250)
        var ui = UIState()
        ui.focus = .pods
        ui.zoomed = zoomed
        ui.selection[.pods] = 2_500
        let frame = try Self.frame(snapshot, ui: ui)
        #expect(frame.total == 5_000 + Self.contexts.count, "the table has every pod and a header per context")
        let built = frame.upFront + frame.made
        #expect(built > 0 && built <= 50, "a 200x50 frame built \(built) of \(frame.total) pod rows (\(frame.upFront) up front)")
        // The rows made are the ones around the selection: the selected pod is on screen.
        #expect(frame.grid.lines.contains { $0.contains("svc-") })
    }
}
