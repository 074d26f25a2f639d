import Foundation
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Reading one pane out of a rendered frame, for tests that assert on what a pane shows.
enum ScreenRegion {
    /// The text of the cells inside `rect`, one string per row (continuation cells contribute nothing).
    static func lines(_ grid: CellGrid, _ rect: Rect) -> [String] {
        (rect.y..<min(rect.maxY, grid.height)).map { y in
            var line = ""
            for x in rect.x..<min(rect.maxX, grid.width) where !grid[x, y].isContinuation {
                line += grid[x, y].grapheme
            }
            return line
        }
    }

    /// The pane's whole frame (borders included) as rendered for `ui` at that size.
    static func pane(_ id: PaneID, of grid: CellGrid, ui: UIState) -> [String] {
        let layout = DashboardLayout.compute(width: grid.width, height: grid.height, focus: ui.focus, zoomed: ui.zoomed)
        guard let rect = layout.panes[id] else { return [] }
        return lines(grid, rect)
    }

    /// The frame for a snapshot, as the dashboard draws it.
    static func render(_ snapshot: DashboardSnapshot, sources: DashboardSources, ui: UIState = UIState(), width: Int, height: Int, now: Date) -> CellGrid {
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: width, height: height, now: now, timeZone: TimeZone(identifier: "UTC")!)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
    }
}
