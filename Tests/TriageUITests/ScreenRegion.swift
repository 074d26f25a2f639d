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
    ///
    /// Found by its border in the frame (the layout depends on what every pane holds): the top-left
    /// corner followed by " digit Title ", then the corners to its right and below.
    static func pane(_ id: PaneID, of grid: CellGrid, ui: UIState) -> [String] {
        guard let rect = rect(id, of: grid) else { return [] }
        return lines(grid, rect)
    }

    static func rect(_ id: PaneID, of grid: CellGrid) -> Rect? {
        let label = Array(" \(id.digit) \(id.title) ")
        for y in 0..<grid.height {
            for x in 0..<max(0, grid.width - label.count - 2) where ["╭", "┏"].contains(grid[x, y].grapheme) {
                guard (0..<label.count).allSatisfy({ grid[x + 2 + $0, y].grapheme == String(label[$0]) }) else { continue }
                guard let right = (x + 1..<grid.width).first(where: { ["╮", "┓"].contains(grid[$0, y].grapheme) }),
                      let bottom = (y + 1..<grid.height).first(where: { ["╰", "┗"].contains(grid[x, $0].grapheme) }) else { return nil }
                return Rect(x: x, y: y, width: right - x + 1, height: bottom - y + 1)
            }
        }
        return nil
    }

    /// The frame for a snapshot, as the dashboard draws it.
    static func render(_ snapshot: DashboardSnapshot, sources: DashboardSources, ui: UIState = UIState(), width: Int, height: Int, now: Date) -> CellGrid {
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: width, height: height, now: now, timeZone: TimeZone(identifier: "UTC")!)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard)
    }
}
