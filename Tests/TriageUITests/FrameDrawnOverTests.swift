import Foundation
import Testing
import TriageCore
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
        var random = SeededRandom(seed: seed)
        var snapshot = FrameCostTests.snapshot()
        let regions = PaneRegions()
        var ui = UIState()
        var size = (width: 200, height: 50)
        var lastWhole: CellGrid?
        var shown: CellGrid?  // the terminal layer's record, kept as TerminalScreen keeps it
        var terminal = SimulatedTerminal()
        var drawnOver = 0
        let sizes = [(200, 50), (200, 50), (120, 40), (80, 24), (60, 20)]
        let focuses: [PaneID] = [.host, .logs, .incident, .services, .containers, .pods]
        for frame in 0..<120 {
            let now = FrameCostTests.start.addingTimeInterval(Double(frame))
            if random.next(below: 2) == 0 { snapshot.record(host: PaneRegionsTests.hostSample(at: now, cpu: Double(random.next(below: 100)))) }
            var event = "tick"
            switch random.next(below: 12) {
            case 0: ui.focus = focuses[random.next(below: focuses.count)]; event = "focus \(ui.focus)"
            case 1: ui.zoomed.toggle(); event = "zoom \(ui.zoomed)"
            case 2: size = sizes[random.next(below: sizes.count)]; event = "size \(size)"
            case 3: ui.modal = ui.modal == nil ? Modal(title: "Help", body: [StyledLine("press any key")]) : nil; event = "modal"
            default: break
            }
            let whole = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: size.width, height: size.height, now: now, regions: nil)
            var grid = Self.frame(snapshot, sources: FrameCostTests.sources, ui: ui, width: size.width, height: size.height, now: now, regions: regions)
            var expected = whole
            // An overlay drawn on the returned grid (a detail view, a replay's banner) after the renderer.
            if random.next(below: 8) == 0 {
                let overlay = Rect(x: 2, y: 2, width: size.width / 2, height: 3)
                grid.fill(overlay, with: Cell("#", style: CellStyle(.warn)))
                expected.fill(overlay, with: Cell("#", style: CellStyle(.warn)))
                event += " overlay"
            }
            let same = grid == expected
            #expect(same, "frame \(frame) (\(event)): the frame drawn into the last one is the frame drawn whole")
            if let shown, grid.isDrawn(over: shown) { drawnOver += 1 }
            let runs = FrameDiff.changedRuns(old: shown, new: grid)
            let wholeRuns = FrameDiff.changedRuns(old: lastWhole, new: expected)
            #expect(runs == wholeRuns, "frame \(frame) (\(event)): the terminal is sent what a whole diff sends")
            terminal.apply(runs, of: grid)
            #expect(terminal.cells == expected.cells, "frame \(frame) (\(event)): the terminal shows the frame")
            if shown != nil, shown!.width == grid.width, shown!.height == grid.height { shown!.take(writtenBy: grid) } else { shown = grid }
            lastWhole = expected
        }
        #expect(drawnOver >= 20, "frames drawn into the last one: \(drawnOver)")
    }
}
