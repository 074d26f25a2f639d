import Testing
import TriageCore
@testable import TriageUI

/// The wall as an outage board, on the grid: what is broken is named with its reason at every size
/// a wall pane has, with or without an incident, and "ALL CLEAR" is drawn only when the model says
/// every source answered and nothing is wrong. (The old wall drew a green ALL CLEAR over a broken
/// lab and showed services only.)
@Suite struct WallOutageBoardTests {
    init() { #expect(localeReady) }

    static let sizes = [(200, 50), (120, 40), (80, 24)]

    /// The lab broken with no incident open: the case the old wall called "ALL CLEAR".
    static let noIncident = WallModel(
        title: "No open incident", incidentID: nil, severity: "--", severityState: .ok, status: "--", statusState: .ok,
        elapsed: "--", outages: WallSnapshotTests.labOutages, okCount: 23, allClear: false, readOnly: true, lastChange: "3s")

    /// True when the grid says ALL CLEAR in words or in block letters of either size.
    static func showsAllClear(_ grid: CellGrid) -> Bool {
        if grid.text.contains("ALL CLEAR") { return true }
        return [BigText.Scale.small, .large].contains { scale in
            let rows = BigText.rows("ALL CLEAR", scale: scale)
            return grid.lines.contains { $0.contains(rows[0]) } && grid.lines.contains { $0.contains(rows[1]) }
        }
    }

    /// The line of the grid naming `name`, which must also carry `reason`.
    static func line(_ grid: CellGrid, naming name: String) -> String? {
        grid.lines.first { $0.contains(name + " ") }
    }

    @Test(arguments: [true, false])
    func critFromThreeSourcesAreNamedWithTheirReasonAtEverySize(incident: Bool) {
        let model = incident ? WallSnapshotTests.model : Self.noIncident
        for (width, height) in Self.sizes {
            let grid = WallRenderer.render(model, width: width, height: height)
            for (kind, name, reason) in [("container", "backend", "exited 137"), ("service", "checkout-api", "HTTP 503"),
                                         ("pod", "shop/api-7d9f-xk2", "CrashLoopBackOff")] {
                let line = Self.line(grid, naming: name)
                #expect(line?.contains(kind) == true, "\(width)x\(height) \(name): \(line ?? "absent")\n\(grid.text)")
                #expect(line?.contains(reason) == true, "\(width)x\(height) \(name): \(line ?? "absent")")
            }
            #expect(!Self.showsAllClear(grid), "\(width)x\(height)")
        }
    }

    @Test func theBoardKeepsTheModelsOrderWorstAndNewestFirstWithSince() {
        for (width, height) in Self.sizes {
            let lines = WallRenderer.render(Self.noIncident, width: width, height: height).lines
            let rowOf = { (name: String) in lines.firstIndex { $0.contains(name + " ") } }
            let order = ["backend", "checkout-api", "shop/api-7d9f-xk2", "worker", "context lab", "shop/web-5c4-abc"].map(rowOf)
            #expect(order.allSatisfy { $0 != nil }, "\(width)x\(height)")
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "\(width)x\(height)")
            #expect(lines.first { $0.contains("backend ") }?.hasSuffix("▸ 12s  ") == true, "\(width)x\(height)")
            #expect(lines.first { $0.contains("worker ") }?.hasSuffix("2h  ") == true, "\(width)x\(height)")
        }
    }

    @Test func allClearOnlyWhenTheModelSaysEverySourceAnsweredAndNothingFails() {
        var clear = Self.noIncident
        clear.outages = []
        clear.allClear = true
        var waiting = clear
        waiting.allClear = false
        for (width, height) in Self.sizes {
            let shown = WallRenderer.render(clear, width: width, height: height)
            #expect(Self.showsAllClear(shown), "\(width)x\(height)")
            #expect(shown.text.contains("every source answered"))
            // Nothing failing but a source has not answered (or did not answer this round): no verdict.
            let unanswered = WallRenderer.render(waiting, width: width, height: height)
            #expect(!Self.showsAllClear(unanswered), "\(width)x\(height)")
            #expect(unanswered.text.contains("not every source has answered"))
        }
        // A context that did not answer is itself on the board, and the builder leaves allClear off.
        var unreachable = waiting
        unreachable.outages = [WallSnapshotTests.labOutages.last!]
        let grid = WallRenderer.render(unreachable, width: 120, height: 40)
        #expect(!Self.showsAllClear(grid))
        #expect(Self.line(grid, naming: "context lab-down")?.contains("connection refused") == true)
    }

    @Test func labWithoutIncident200x50() throws { try assertSnapshot(WallRenderer.render(Self.noIncident, width: 200, height: 50), named: "wall-board-200x50") }
    @Test func labWithoutIncident120x40() throws { try assertSnapshot(WallRenderer.render(Self.noIncident, width: 120, height: 40), named: "wall-board-120x40") }
}
