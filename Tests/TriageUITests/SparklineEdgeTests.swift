import Foundation
import Testing
import TriageCore
@testable import TriageApp
@testable import TriageUI

/// Sparklines end at the right edge with the newest sample at every width: the Services "LAST 60"
/// chart was drawn from the left and cut with `…` at the column, so the newest samples never showed
/// and a failing check's chart looked frozen for minutes.
@Suite struct SparklineEdgeTests {
    init() { #expect(localeReady) }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let sizes = [(200, 50), (120, 40), (100, 30)]

    /// One HTTP check with `rounds` answers: all at 10 ms but the newest, at 900 ms.
    static func snapshot(rounds: Int) -> DashboardSnapshot {
        var snapshot = DashboardSnapshot(startedAt: now.addingTimeInterval(-600))
        snapshot.declareServices([("backend", .http, .standard)])
        for round in 0..<rounds {
            let newest = round == rounds - 1
            let result = HTTPCheckResult(statusCode: newest ? 500 : 200, timings: .init(total: .milliseconds(newest ? 900 : 10)),
                                         state: newest ? .crit : .ok, reason: newest ? "HTTP 500" : nil)
            snapshot.record(services: [ServiceCheckResult(name: "backend", detail: .http(result), checkedAt: now.addingTimeInterval(Double(round - rounds)))])
        }
        for i in 0..<40 {
            let load = i == 39 ? 4.0 : 0.1
            snapshot.record(host: HostSnapshot(time: now.addingTimeInterval(Double(i - 40)), hostname: "vm", disks: [], memory: nil,
                                               load: LoadAverage(one: load, five: load, fifteen: load), cpuCount: 2, cpuPercent: i == 39 ? 100 : 1))
        }
        return snapshot
    }

    /// The "LAST 60" cell of the backend row: from the end of LATENCY's title to the start of CHANGED's.
    static func servicesChart(_ grid: CellGrid) throws -> String {
        let pane = ScreenRegion.pane(.services, of: grid, ui: UIState())
        let header = try #require(pane.first { $0.contains("LAST 60") })
        let row = try #require(pane.first { $0.contains("backend") })
        let start = try #require(header.range(of: "LATENCY")).upperBound
        let end = try #require(header.range(of: "LAST 60")).upperBound
        let from = header.distance(from: header.startIndex, to: start)
        let to = header.distance(from: header.startIndex, to: end)
        return String(Array(row)[from..<to])
    }

    @Test(arguments: [60, 8])
    func servicesChartEndsWithTheNewestSampleAtEveryWidth(rounds: Int) throws {
        for (width, height) in Self.sizes {
            let grid = ScreenRegion.render(Self.snapshot(rounds: rounds), sources: DashboardSources(servicesConfigured: true),
                                           width: width, height: height, now: Self.now)
            let chart = try Self.servicesChart(grid)
            // The column is flush right: its last cell is the newest (highest) sample, the one before older.
            #expect(chart.last == "█", "\(width)x\(height): \(chart)")
            #expect(chart.dropLast().last == "▁", "\(width)x\(height): \(chart)")
            #expect(!chart.contains("…"), "\(width)x\(height): \(chart)")
        }
    }

    @Test func hostChartsEndWithTheNewestSampleAtEveryWidth() throws {
        for (width, height) in Self.sizes + [(80, 24)] {
            var ui = UIState()
            ui.focus = .host
            let grid = ScreenRegion.render(Self.snapshot(rounds: 3), sources: DashboardSources(servicesConfigured: true), ui: ui,
                                           width: width, height: height, now: Self.now)
            let pane = ScreenRegion.pane(.host, of: grid, ui: ui)
            for label in ["load ", "cpu "] {
                let row = try #require(pane.first { $0.contains("│ \(label)") || $0.contains("┃ \(label)") }, "\(label) at \(width)x\(height)")
                // The chart ends one blank before the trailing figures.
                let chart = row.split(separator: " ", omittingEmptySubsequences: true).first { $0.contains("▁") }
                #expect(chart?.last == "█", "\(label) at \(width)x\(height): \(row)")
            }
        }
    }

    @Test func aColumnThatKeepsItsEndShowsTheNewestSamplesWhenNarrow() {
        let table = Table(columns: [.init("N", .fixed(2)), .init("CHART", .fixed(6), keepsEnd: true), .init("T", .fixed(3))],
                          rows: [Table.Row([StyledLine("a"), StyledLine("▁▂▃▄▅▆▇█▁█"), StyledLine("x")]),
                                 Table.Row([StyledLine("b"), StyledLine("▁█"), StyledLine("y")]),
                                 Table.Row([StyledLine("c"), StyledLine("label=some text"), StyledLine("z")], textCells: [1])])
        var grid = CellGrid(width: 13, height: 4)
        table.render(into: &grid, area: grid.bounds)
        #expect(grid.lines[0] == "N   CHART T  ")
        #expect(grid.lines[1] == "a  ▅▆▇█▁█ x  ")
        #expect(grid.lines[2] == "b      ▁█ y  ")
        #expect(grid.lines[3] == "c  label… z  ")
    }
}
