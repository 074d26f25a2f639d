import Foundation
import Testing
import TriageCore
import TriageProbes
@testable import TriageApp
@testable import TriageUI

/// Issue 16, idle CPU, round six: a dashboard draws each frame into the last one (``PaneRegions``)
/// and the terminal layer compares only the columns that frame wrote (``FrameDiff``). What reaches
/// the terminal must be what a frame drawn whole and diffed whole sends, whatever happens between
/// frames (focus, zoom, resize, a modal, an overlay drawn on the returned grid); counted, not timed.
@Suite struct FrameDrawnOverTests {
    init() { #expect(localeReady) }

    /// The terminal as the runs leave it: each run's cells copied from the frame, as
    /// ``TerminalScreen/draw(_:)`` writes them; a frame of another size clears it first.
    struct SimulatedTerminal {
        var cells: [Cell] = []
        var width = 0, height = 0

        mutating func apply(_ runs: [FrameDiff.Run], of grid: CellGrid) {
            if grid.width != width || grid.height != height {
                width = grid.width
                height = grid.height
                cells = Array(repeating: .blank, count: width * height)
            }
            for run in runs {
                for x in run.x..<min(run.maxX, width) { cells[run.y * width + x] = grid[x, run.y] }
            }
        }
    }

    /// One seeded run's frames, each drawn whole and drawn into the last one (`regions`), checked
    /// against each other as the terminal layer would send them (the seeded tests below).
    struct DrawnOverCheck {
        var random: SeededRandom
        let regions = PaneRegions()
        var lastWhole: CellGrid?
        var shown: CellGrid?  // the terminal layer's record, kept as TerminalScreen keeps it
        var terminal = SimulatedTerminal()
        var drawnOver = 0

        /// Draws frame `frame` both ways (with, one time in eight, an overlay drawn on the returned
        /// grid after the renderer: a detail view, a replay's banner) and expects the same cells, the
        /// same runs sent, and a terminal that shows the frame.
        mutating func check(_ snapshot: DashboardSnapshot, ui: UIState, size: (width: Int, height: Int), now: Date, frame: Int, event: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
            var event = event
            let whole = FrameDrawnOverTests.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: size.width, height: size.height,
                                                  now: now, regions: nil)
            var grid = FrameDrawnOverTests.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: size.width, height: size.height,
                                                 now: now, regions: regions)
            var expected = whole
            if random.next(below: 8) == 0 {
                let overlay = Rect(x: 2, y: 2, width: size.width / 2, height: 3)
                grid.fill(overlay, with: Cell("#", style: CellStyle(.warn)))
                expected.fill(overlay, with: Cell("#", style: CellStyle(.warn)))
                event += " overlay"
            }
            // Compared first, so a failure names the frame rather than printing 10,000 cells.
            let same = grid == expected
            #expect(same, "frame \(frame) (\(event)): the frame drawn into the last one is the frame drawn whole", sourceLocation: sourceLocation)
            if let shown, grid.isDrawn(over: shown) { drawnOver += 1 }
            let runs = FrameDiff.changedRuns(old: shown, new: grid)
            let sameRuns = runs == FrameDiff.changedRuns(old: lastWhole, new: expected)
            #expect(sameRuns, "frame \(frame) (\(event)): the terminal is sent what a whole diff sends", sourceLocation: sourceLocation)
            terminal.apply(runs, of: grid)
            let shows = terminal.cells == expected.cells
            #expect(shows, "frame \(frame) (\(event)): the terminal shows the frame", sourceLocation: sourceLocation)
            if shown != nil, shown!.width == grid.width, shown!.height == grid.height { shown!.take(writtenBy: grid) } else { shown = grid }
            lastWhole = expected
        }
    }

    static func frame(_ snapshot: DashboardSnapshot, sources: DashboardSources, ui: UIState, width: Int, height: Int,
                      now: Date, regions: PaneRegions?) -> CellGrid {
        let model = DashboardViewModel.build(snapshot, ui: ui, sources: sources, width: width, height: height, now: now,
                                             timeZone: PaneRegionsTests.utc)
        return DashboardRenderer.render(width: width, height: height, header: model.header, panes: model.panes, ui: ui, keymap: .standard,
                                        regions: regions)
    }

    /// What an idle dashboard with no config does every second: the clock a second on and a new host
    /// sample. The diff compared all 10,000 cells of a 200x50 frame for it; it compares the header,
    /// the host pane and the footer (the columns written).
    @Test func aFrameWhereOnlyTheClockAndHostChangedComparesOnlyTheirCells() {
        let start = FrameCostTests.start
        var snapshot = DashboardSnapshot(startedAt: start.addingTimeInterval(-60))
        snapshot.record(host: PaneRegionsTests.hostSample(at: start, cpu: 12))
        let regions = PaneRegions()
        var shown = Self.frame(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: start, regions: regions)
        #expect(FrameDiff.comparedCellCount(old: nil, new: shown) == 200 * 50, "the first frame is compared whole")
        for second in 1...10 {
            let now = start.addingTimeInterval(Double(second))
            snapshot.record(host: PaneRegionsTests.hostSample(at: now, cpu: 12 + Double(second)))
            let grid = Self.frame(snapshot, sources: DashboardSources(), ui: UIState(), width: 200, height: 50, now: now, regions: regions)
            let compared = FrameDiff.comparedCellCount(old: shown, new: grid)
            #expect(compared < 2_000, "second \(second): \(compared) cells compared")
            #expect(!FrameDiff.changedRuns(old: shown, new: grid).isEmpty, "second \(second): the clock moved")
            shown.take(writtenBy: grid)
            #expect(shown == grid)
        }
    }

    /// A seeded run of frames with everything that can happen between two of them. Each frame is
    /// drawn twice: whole into a new grid and diffed whole against the last whole frame (what the
    /// dashboard did before), and into the last frame and diffed over the columns it wrote. The
    /// runs are the same (so are the terminal writes), the terminal ends each frame showing the
    /// frame, and frames are drawn into the last one at all.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func framesDrawnIntoTheLastOneReachTheTerminalAsFramesDrawnWhole(seed: UInt64) {
        var check = DrawnOverCheck(random: SeededRandom(seed: seed))
        var snapshot = FrameCostTests.snapshot()
        var ui = UIState()
        var size = (width: 200, height: 50)
        let sizes = [(200, 50), (200, 50), (120, 40), (80, 24), (60, 20)]
        let focuses: [PaneID] = [.host, .logs, .incident, .services, .containers, .pods]
        for frame in 0..<120 {
            let now = FrameCostTests.start.addingTimeInterval(Double(frame))
            if check.random.next(below: 2) == 0 { snapshot.record(host: PaneRegionsTests.hostSample(at: now, cpu: Double(check.random.next(below: 100)))) }
            var event = "tick"
            switch check.random.next(below: 12) {
            case 0: ui.focus = focuses[check.random.next(below: focuses.count)]; event = "focus \(ui.focus)"
            case 1: ui.zoomed.toggle(); event = "zoom \(ui.zoomed)"
            case 2: size = sizes[check.random.next(below: sizes.count)]; event = "size \(size)"
            case 3: ui.modal = ui.modal == nil ? Modal(title: "Help", body: [StyledLine("press any key")]) : nil; event = "modal"
            default: break
            }
            check.check(snapshot, ui: ui, size: size, now: now, frame: frame, event: event)
        }
        #expect(check.drawnOver >= 20, "frames drawn into the last one: \(check.drawnOver)")
    }

    /// A state whose tables scroll at every size: 14 checks, 40 containers, 60 pods over two contexts.
    static func tablesSnapshot() -> DashboardSnapshot {
        var snapshot = FrameCostTests.snapshot()
        snapshot.declareServices((0..<14).map { ("check-\($0)", .http, .standard) })
        for round in 0..<3 { recordChecks(&snapshot, at: FrameCostTests.start.addingTimeInterval(Double(round - 3)), failing: round == 2 ? 3 : nil) }
        _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: (0..<40).map { container($0, exited: $0 % 9 == 4) },
                                                   lastGoodAt: FrameCostTests.start, roundAt: FrameCostTests.start, failure: nil), slot: 0)
        recordPods(&snapshot, restarted: [], count: 60, at: FrameCostTests.start)
        return snapshot
    }

    static func recordChecks(_ snapshot: inout DashboardSnapshot, at time: Date, failing: Int?) {
        snapshot.record(services: (0..<14).map { n in
            let failed = n == failing
            let result = HTTPCheckResult(statusCode: failed ? 503 : 200, timings: .init(total: .milliseconds(10 + n)),
                                         state: failed ? .crit : .ok, reason: failed ? "HTTP 503" : nil)
            return ServiceCheckResult(name: "check-\(n)", detail: .http(result), checkedAt: time)
        })
    }

    static func container(_ index: Int, exited: Bool) -> ContainerInfo {
        ContainerInfo(host: "local", containerID: String(format: "%012x", index), name: "app-\(index)", image: "app:\(index)",
                      state: exited ? .exited : .running, statusText: exited ? "Exited (1) 2 minutes ago" : "Up 3 hours",
                      exitCode: exited ? 1 : nil)
    }

    static func recordPods(_ snapshot: inout DashboardSnapshot, restarted: Set<Int>, count: Int, at time: Date) {
        let start = FrameCostTests.start
        let pods = (0..<count).map { n in
            FrameCostTests.pod("pod-\(n)", created: start.addingTimeInterval(-Double(3_600 + n * 60)),
                               restartedAt: restarted.contains(n) ? time.addingTimeInterval(-5) : nil)
        }
        _ = snapshot.record(kubernetes: KubeSnapshot(
            context: "prod", pods: pods, nodes: [], events: [], podsUpdatedAt: time, lastGoodAt: time, roundAt: time,
            failure: nil, watching: true), slot: 0, now: time)
    }

    /// The Services, Containers and Pods tables are drawn row by row over the last frame
    /// (``PaneRegions/redrewRows``): with rows that change, move, appear and go, a selection that
    /// moves and scrolls, and everything ``framesDrawnIntoTheLastOneReachTheTerminalAsFramesDrawnWhole``
    /// does between frames, every frame is the frame drawn whole and the terminal is sent the same.
    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func tablesDrawnRowByRowReachTheTerminalAsFramesDrawnWhole(seed: UInt64) {
        var check = DrawnOverCheck(random: SeededRandom(seed: seed))
        var snapshot = Self.tablesSnapshot()
        var ui = UIState()
        var size = (width: 200, height: 50)
        var restarted: Set<Int> = []
        var podCount = 60
        let sizes = [(200, 50), (200, 50), (120, 40), (100, 30), (80, 24)]
        let tablePanes: [PaneID] = [.services, .containers, .pods]
        for frame in 0..<160 {
            let now = FrameCostTests.start.addingTimeInterval(Double(frame))
            var event = "tick"
            switch check.random.next(below: 16) {
            case 0: ui.focus = [PaneID.host, .logs, .incident, .services, .containers, .pods][check.random.next(below: 6)]; event = "focus \(ui.focus)"
            case 1: ui.zoomed.toggle(); event = "zoom \(ui.zoomed)"
            case 2: size = sizes[check.random.next(below: sizes.count)]; event = "size \(size)"
            case 3: ui.modal = ui.modal == nil ? Modal(title: "Help", body: [StyledLine("press any key")]) : nil; event = "modal"
            case 4, 5:
                let pane = tablePanes[check.random.next(below: 3)]
                ui.focus = pane
                ui.selection[pane] = check.random.next(below: 70)
                event = "select \(pane) \(ui.selection[pane]!)"
            case 6, 7:
                let failing = check.random.next(below: 15)
                Self.recordChecks(&snapshot, at: now, failing: failing < 14 ? failing : nil)
                event = "checks, failing \(failing)"
            case 8, 9:
                restarted.formSymmetricDifference([check.random.next(below: podCount)])
                Self.recordPods(&snapshot, restarted: restarted, count: podCount, at: now)
                event = "pods, restarted \(restarted.sorted())"
            case 10:
                podCount = [20, 59, 60, 61][check.random.next(below: 4)]
                restarted = restarted.filter { $0 < podCount }
                Self.recordPods(&snapshot, restarted: restarted, count: podCount, at: now)
                event = "pods, \(podCount) of them"
            case 11:
                let exited = check.random.next(below: 40)
                _ = snapshot.record(docker: DockerSnapshot(host: "local", containers: (0..<40).map { Self.container($0, exited: $0 == exited) },
                                                           lastGoodAt: now, roundAt: now, failure: nil), slot: 0)
                event = "containers, \(exited) exited"
            case 12: ui.brokenOnly.formSymmetricDifference([tablePanes[check.random.next(below: 3)]]); event = "broken only \(ui.brokenOnly)"
            default: break
            }
            check.check(snapshot, ui: ui, size: size, now: now, frame: frame, event: event)
        }
        #expect(check.regions.panesRowsRedrawn >= 40, "panes drawn row by row: \(check.regions.panesRowsRedrawn)")
    }

    /// One check's row changed (it failed) and nothing else: the Services pane draws that row and
    /// no other, and the Containers and Pods tables draw nothing. Counted in cells written.
    @Test func oneChangedRowIsTheOnlyTableRowDrawn() throws {
        var snapshot = Self.tablesSnapshot()
        let regions = PaneRegions()
        let ui = UIState()
        let now = FrameCostTests.start
        _ = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: 200, height: 50, now: now, regions: regions)
        let second = now.addingTimeInterval(1)
        let settled = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: 200, height: 50, now: second, regions: regions)
        // A check failing changes its row, and also the pane's badge (one more crit): the pane is then
        // drawn whole. The state is held still but for one row's words by a result of the same state.
        var changed = snapshot
        changed.record(services: [ServiceCheckResult(name: "check-5", detail: .http(HTTPCheckResult(
            statusCode: 200, timings: .init(total: .milliseconds(999)), state: .ok, reason: nil)), checkedAt: second)])
        snapshot = changed
        let before = regions.panesRowsRedrawn
        let grid = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: 200, height: 50, now: second, regions: regions)
        let whole = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: 200, height: 50, now: second, regions: nil)
        let same = grid == whole
        #expect(same)
        #expect(regions.panesRowsRedrawn - before >= 1, "the Services pane is drawn row by row")
        let services = try #require(ScreenRegion.rect(.services, of: grid))
        let rowsWritten = (services.y..<services.maxY).filter { y in
            let written = grid.writtenColumns[y]
            return written.overlaps(services.x..<services.maxX)
        }
        #expect(rowsWritten.count == 1, "rows of the Services pane written: \(rowsWritten)")
        let changedRuns = FrameDiff.changedRuns(old: settled, new: grid)
        #expect(!changedRuns.isEmpty)
    }

    /// A table drawn over what it drew (``Table/render(into:area:over:)``) with more rows, fewer,
    /// none, or its selection moved, leaves the cells a table drawn whole into a new grid has: the
    /// lines the last one had rows on and this one has not are blanked.
    @Test func aTableDrawnOverItselfIsTheTableDrawnWhole() {
        let columns = [Table.Column("NAME", .flex(min: 4, weight: 1)), Table.Column("STATE", .fixed(6))]
        func table(_ count: Int, selected: Int?) -> Table {
            Table(columns: columns, rows: (0..<count).map { Table.Row([StyledLine("row-\($0)"), StyledLine($0 % 3 == 0 ? "crit" : "ok")]) },
                  selected: selected)
        }
        let area = Rect(x: 1, y: 1, width: 30, height: 12)
        var grid = CellGrid(width: 32, height: 14)
        var drawn: Table.DrawnRows?
        table(10, selected: 3).render(into: &grid, area: area, over: &drawn)
        for (count, selected) in [(5, 1), (11, 10), (0, nil), (7, 6), (7, 2), (30, 20), (30, 21), (2, nil)] as [(Int, Int?)] {
            table(count, selected: selected).render(into: &grid, area: area, over: &drawn)
            var whole = CellGrid(width: 32, height: 14)
            table(count, selected: selected).render(into: &whole, area: area)
            let same = grid == whole
            #expect(same, "\(count) rows, row \(selected.map(String.init) ?? "none") selected")
        }
    }
}
