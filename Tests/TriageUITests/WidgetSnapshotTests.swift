import Testing
import TriageCore
@testable import TriageUI

@Suite struct WidgetSnapshotTests {
    init() { #expect(localeReady) }

    @Test func paneFocusedAndUnfocused() throws {
        var grid = CellGrid(width: 40, height: 8)
        Pane(title: "Services", badge: StyledLine("2 crit", CellStyle(.crit)), focused: true, hotkey: "1").render(into: &grid, area: Rect(x: 0, y: 0, width: 40, height: 4))
        Pane(title: "Containers with a very long title indeed", footer: StyledLine("stale 12s", CellStyle(.stale)), hotkey: "2").render(into: &grid, area: Rect(x: 0, y: 4, width: 40, height: 4))
        try assertSnapshot(grid, named: "pane")
    }

    @Test func tableWithSelectionSortAndTruncation() throws {
        let table = Table(
            columns: [
                .init("NAME", .flex(min: 8, weight: 2)),
                .init("STATE", .fixed(6)),
                .init("LATENCY", .fixed(8), align: .right),
                .init("NOTE", .flex(min: 6, weight: 1), droppable: true),
            ],
            rows: [
                .init([StyledLine("backend-api-gateway-eu-west-1"), StyledLine("✖ CRIT", CellStyle(.crit)), StyledLine("5.01s"), StyledLine("timed out after 5s")]),
                .init([StyledLine("auth"), StyledLine("● OK", CellStyle(.ok)), StyledLine("12ms"), StyledLine("")]),
                .init([StyledLine("日本語サービス"), StyledLine("▲ WARN", CellStyle(.warn)), StyledLine("2.30s"), StyledLine("slow")]),
            ],
            selected: 1, sortColumn: 0)
        var grid = CellGrid(width: 50, height: 4)
        table.render(into: &grid, area: grid.bounds)
        try assertSnapshot(grid, named: "table-wide")
        var narrow = CellGrid(width: 26, height: 4)
        table.render(into: &narrow, area: narrow.bounds)
        try assertSnapshot(narrow, named: "table-narrow-drops-columns")
    }

    @Test func tableScrollsToKeepSelectionVisible() {
        let rows = (0..<20).map { Table.Row([StyledLine("row \($0)")]) }
        let table = Table(columns: [.init("N", .flex(min: 5, weight: 1))], rows: rows, selected: 15)
        var grid = CellGrid(width: 12, height: 5)
        table.render(into: &grid, area: grid.bounds)
        #expect(grid.lines.contains { $0.hasPrefix("row 15") })
        #expect(!grid.lines.contains { $0.hasPrefix("row 0 ") })
    }

    @Test func sparklineScalesAndShowsGaps() {
        let spark = Sparkline(values: [0, 1, 2, 3, nil, 7], ceiling: 7)
        #expect(spark.text(width: 8) == "  ▁▂▃▄ █")
        #expect(Sparkline(values: [5, 5, 5]).text(width: 3) == "███")
    }

    @Test func gaugesByState() throws {
        var grid = CellGrid(width: 44, height: 3)
        Gauge(label: "/", percent: 93, detail: "930G/1T", state: .crit).render(into: &grid, area: grid.bounds.row(0))
        Gauge(label: "memory", percent: 81.5, detail: "", state: .warn).render(into: &grid, area: grid.bounds.row(1))
        Gauge(label: "/boot", percent: 4.2, detail: "", state: .ok).render(into: &grid, area: grid.bounds.row(2))
        try assertSnapshot(grid, named: "gauges")
    }

    @Test func textViewWrapsAndFollows() {
        let view = TextView(lines: ["one", "two is longer than ten", "three"], wrap: true, follow: true)
        var grid = CellGrid(width: 10, height: 3)
        view.render(into: &grid, area: grid.bounds)
        #expect(grid.lines == ["than ten  ", "three     ", "          "] || grid.lines == ["er than te", "n         ", "three     "] || grid.lines.last == "three     ")
        #expect(TextView.wrap(StyledLine("abcdefghij"), width: 4).map(\.plainText) == ["abcd", "efgh", "ij"])
    }

    @Test func keyHintsFitWhatRoomThereIs() throws {
        var grid = CellGrid(width: 40, height: 1)
        KeyHints(hints: [("q", "quit"), ("?", "help"), ("Tab", "next pane"), ("z", "zoom")], status: StyledLine("read-only", CellStyle(.warn))).render(into: &grid, area: grid.bounds)
        try assertSnapshot(grid, named: "key-hints")
    }

    @Test func modalPromptAndConfirm() throws {
        var grid = CellGrid(width: 60, height: 10)
        Modal(title: "Add note", body: ["Notes go to the timeline."], kind: .prompt(input: "root cause: disk full")).render(into: &grid, area: grid.bounds)
        try assertSnapshot(grid, named: "modal-prompt")
        var confirm = CellGrid(width: 60, height: 10)
        Modal(title: "Run command?", body: ["kubectl rollout restart deployment/auth"], kind: .confirm(requiredPhrase: "yes", input: "ye")).render(into: &confirm, area: confirm.bounds)
        try assertSnapshot(confirm, named: "modal-confirm")
    }
}
