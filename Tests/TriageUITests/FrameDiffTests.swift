import Testing
import TriageCore
@testable import TriageUI

/// The terminal layer's diff: what a frame must write to turn the last frame into it.
@Suite struct FrameDiffTests {
    init() { #expect(localeReady) }

    func grid(_ rows: [String], width: Int? = nil) -> CellGrid {
        var grid = CellGrid(width: width ?? rows.map { DisplayWidth.of($0) }.max() ?? 0, height: rows.count)
        for (y, row) in rows.enumerated() { grid.put(row, x: 0, y: y) }
        return grid
    }

    @Test func identicalFramesWriteNothing() {
        let frame = grid(["hello world", "second row!"])
        #expect(FrameDiff.changedRuns(old: frame, new: frame).isEmpty)
    }

    @Test func noOldFrameRepaintsEveryRow() {
        let frame = grid(["abc", "def"])
        #expect(FrameDiff.changedRuns(old: nil, new: frame) == [FrameDiff.Run(y: 0, x: 0, width: 3), FrameDiff.Run(y: 1, x: 0, width: 3)])
    }

    @Test func aResizedFrameRepaintsEveryRow() {
        let old = grid(["abc"], width: 3)
        let new = grid(["abc"], width: 4)
        #expect(FrameDiff.changedRuns(old: old, new: new) == [FrameDiff.Run(y: 0, x: 0, width: 4)])
    }

    @Test func oneChangedCellIsOneRunOfOne() {
        let runs = FrameDiff.changedRuns(old: grid(["cpu 45%", "mem 81%"]), new: grid(["cpu 46%", "mem 81%"]))
        #expect(runs == [FrameDiff.Run(y: 0, x: 5, width: 1)])
    }

    @Test func neighbouringChangesMergeAndGapsSplit() {
        // 12:00:59 → 12:01:00 changes columns 4, 6 and 7; the colon at 5 is the same.
        let runs = FrameDiff.changedRuns(old: grid(["12:00:59 x 10"]), new: grid(["12:01:00 x 11"]))
        #expect(runs == [FrameDiff.Run(y: 0, x: 4, width: 1), FrameDiff.Run(y: 0, x: 6, width: 2), FrameDiff.Run(y: 0, x: 12, width: 1)])
    }

    @Test func aStyleChangeAloneIsAChange() {
        let old = grid(["ok"])
        var new = old
        new.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0 = CellStyle(.crit) }
        #expect(FrameDiff.changedRuns(old: old, new: new) == [FrameDiff.Run(y: 0, x: 1, width: 1)])
    }

    @Test func aChangedWideCharacterIsWrittenWholeFromItsLeftHalf() {
        let runs = FrameDiff.changedRuns(old: grid(["a日b"]), new: grid(["a本b"]))
        #expect(runs == [FrameDiff.Run(y: 0, x: 1, width: 2)])
        #expect(FrameDiff.cellCount(of: runs, in: grid(["a本b"])) == 1)
    }

    @Test func replacingAWideCharacterWithNarrowOnesWritesBoth() {
        let new = grid(["axyb"])
        let runs = FrameDiff.changedRuns(old: grid(["a日b"]), new: new)
        #expect(runs == [FrameDiff.Run(y: 0, x: 1, width: 2)])
        #expect(FrameDiff.cellCount(of: runs, in: new) == 2)
    }

    @Test func aChangeOnlyInTheContinuationHalfRewritesTheWideCharacter() {
        // Same left half, different right half: only blit can make such a grid, and it must still be redrawn.
        let old = grid(["日x"])
        var new = old
        new.blit(CellGrid(width: 1, height: 1, fill: Cell("", style: CellStyle(.crit), width: 0)), x: 1, y: 0)
        #expect(FrameDiff.changedRuns(old: old, new: new) == [FrameDiff.Run(y: 0, x: 0, width: 2)])
    }

    /// The diff TerminalScreen used inline before FrameDiff existed: the cells (x, y) it wrote.
    static func referenceWrites(old: CellGrid?, new grid: CellGrid) -> [Int] {
        var writes: [Int] = []
        let old = old.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        for y in 0..<grid.height {
            var x = 0
            while x < grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { x += 1; continue }
                if let old, old[x, y] == cell, cell.width < 2 || old[x + 1, y] == grid[x + 1, y] { x += 1; continue }
                writes.append(y * grid.width + x)
                x += max(1, Int(cell.width))
            }
        }
        return writes
    }

    /// The cells TerminalScreen writes now: every non-continuation cell inside a run.
    static func runWrites(_ runs: [FrameDiff.Run], in grid: CellGrid) -> [Int] {
        var writes: [Int] = []
        for run in runs {
            var x = run.x
            while x < run.maxX {
                let cell = grid[x, run.y]
                if cell.isContinuation { x += 1; continue }
                writes.append(run.y * grid.width + x)
                x += max(1, Int(cell.width))
            }
        }
        return writes
    }

    @Test func writesExactlyTheCellsTheInlineDiffWrote() {
        // A deterministic pseudo-random walk of edits (narrow, wide, styles) over 2,000 frame pairs.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", "日", "本", "é", " ", "✓", "🙂", "xy"]
        let roles: [StyleRole] = [.normal, .ok, .crit, .muted]
        var old = CellGrid(width: 13, height: 4)
        var mismatches = 0
        for _ in 0..<2_000 {
            var new = old
            for _ in 0..<(1 + next(5)) {
                new.put(pieces[next(pieces.count)], x: next(13), y: next(4), style: CellStyle(roles[next(roles.count)]))
            }
            if FrameDiffTests.referenceWrites(old: old, new: new) != FrameDiffTests.runWrites(FrameDiff.changedRuns(old: old, new: new), in: new) {
                mismatches += 1
            }
            old = new
        }
        #expect(mismatches == 0)
    }

    @Test func theRunsOfAFullDashboardAreItsRows() {
        var frame = CellGrid(width: 200, height: 50)
        frame.put("header", x: 0, y: 0)
        let runs = FrameDiff.changedRuns(old: nil, new: frame)
        #expect(runs.count == 50)
        #expect(FrameDiff.cellCount(of: runs, in: frame) == 200 * 50)
    }
}
