import Testing
import TriageCore
@testable import TriageUI

/// A pane's failure message wraps so a person reads the reason whole in a half-width pane, and the
/// table below gets the rows that are left.
@Suite struct PaneMessageTests {
    init() { #expect(localeReady) }

    @Test func aLongReasonWrapsAboveTheTable() {
        let reason = "✖ Cannot connect to the Docker daemon at unix:///tmp/engine/podman.sock. Is the docker daemon running? · data from 4s ago"
        let table = Table(columns: [.init("NAME", .flex(min: 4, weight: 1))], rows: [.init([StyledLine("web")]), .init([StyledLine("db")])])
        let pane = PaneModel(id: .containers, state: .unknown,
                             body: [.message(StyledLine(reason, CellStyle(.crit)), maxRows: 3), .table(table)], summary: StyledLine(""))
        var grid = CellGrid(width: 50, height: 8)
        pane.renderBody(into: &grid, area: grid.bounds)
        let lines = grid.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        // Every character of the reason is on screen, over three rows of at most 48 columns.
        #expect(lines[0...2].joined().filter { $0 != " " } == reason.filter { $0 != " " }, "\(lines)")
        #expect(lines[0].hasPrefix("✖ Cannot connect"))
        #expect(lines[2].hasSuffix("data from 4s ago"), "\(lines)")
        #expect(lines[3].hasPrefix("NAME"), "the table starts below the message: \(lines)")
        #expect(lines[4] == "web" && lines[5] == "db")
    }

    @Test func aReasonPastItsRowsEndsInAnEllipsis() {
        let pane = PaneModel(id: .pods, state: .unknown,
                             body: [.message(StyledLine(String(repeating: "x", count: 100)), maxRows: 2), .line(StyledLine("after"))],
                             summary: StyledLine(""))
        var grid = CellGrid(width: 22, height: 4)
        pane.renderBody(into: &grid, area: grid.bounds)
        let lines = grid.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines[0] == String(repeating: "x", count: 20))
        #expect(lines[1] == String(repeating: "x", count: 19) + "…")
        #expect(lines[2] == "after")
    }

    @Test func aShortReasonTakesOneRow() {
        let pane = PaneModel(id: .pods, state: .unknown,
                             body: [.message(StyledLine("context lab-down: connection refused (127.0.0.1:1)"), maxRows: 3), .line(StyledLine("after"))],
                             summary: StyledLine(""))
        var grid = CellGrid(width: 60, height: 4)
        pane.renderBody(into: &grid, area: grid.bounds)
        let lines = grid.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines[0] == "context lab-down: connection refused (127.0.0.1:1)")
        #expect(lines[1] == "after")
    }
}
