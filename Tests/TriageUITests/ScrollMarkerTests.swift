import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// A table's scroll position ("1-7/17") goes in its pane's bottom border: set over the header row,
/// it covered the last column titles ("RESTART1-11/17").
@Suite(.serialized) struct ScrollMarkerTests {
    init() { #expect(localeReady) }

    // Not at 200x50: the wide layout's top band grows until all seventeen pods fit, and no marker shows
    // (SpaceFollowsNeedTests.theTopBandGrowsUntilEveryFailingPodShowsAt200x50).
    @Test(arguments: [(120, 40), (100, 30)])
    func columnTitlesStayWholeAndTheMarkerIsInTheBorder(width: Int, height: Int) throws {
        var ui = UIState()
        ui.focus = .pods
        let grid = ScreenRegion.render(try PodsPaneLayoutTests.snapshot(), sources: PodsPaneLayoutTests.sources, ui: ui,
                                       width: width, height: height, now: PodsPaneLayoutTests.now)
        let pane = ScreenRegion.pane(.pods, of: grid, ui: ui)
        let header = try #require(pane.first { $0.contains("READY") }, "\(width)x\(height)")
        #expect(!header.contains("/22"), "\(width)x\(height): \(header)")
        // The last column shown keeps its whole title, right before the border.
        let titles = header.dropFirst().dropLast().split(separator: " ")
        #expect(["AGE", "NODE", "RESTARTS"].contains(titles.last.map(String.init) ?? ""), "\(width)x\(height): \(header)")
        let bottom = try #require(pane.last)
        // 22 rows: prod's group header (two contexts are configured) and its 17 pods, the nodes'
        // header and its 3 nodes.
        #expect(bottom.range(of: #" 1-[0-9]+/22 "#, options: .regularExpression) != nil, "\(width)x\(height): \(bottom)")
    }

    @Test func markerAndFooterShareTheBottomBorder() {
        var grid = CellGrid(width: 30, height: 5)
        Pane(title: "Pods", footer: StyledLine("sort: severity"), scrollMarker: "1-3/17").render(into: &grid, area: grid.bounds)
        #expect(grid.lines[4] == "╰─ sort: severity ── 1-3/17 ─╯")
        var narrow = CellGrid(width: 20, height: 5)
        Pane(title: "Pods", footer: StyledLine("sort: severity"), scrollMarker: "1-3/17").render(into: &narrow, area: narrow.bounds)
        #expect(narrow.lines[4] == "╰─ sort… ─ 1-3/17 ─╯")
    }

    @Test func aTableSaysWhereItStandsOnlyWhenItScrolls() {
        let rows = (0..<20).map { Table.Row([StyledLine("row \($0)")]) }
        let table = Table(columns: [.init("N", .flex(min: 5, weight: 1))], rows: rows, selected: 15)
        #expect(table.scrollMarker(visibleRows: 4) == "14-17/20")
        #expect(table.scrollMarker(visibleRows: 20) == nil)
        var grid = CellGrid(width: 12, height: 5)
        table.render(into: &grid, area: grid.bounds)
        #expect(grid.lines[0] == "N           ")
    }
}
