/// Which cells of a new frame must be written to turn the old frame into it: the terminal layer's
/// diff, kept pure so it can be tested and benchmarked without a terminal.
///
/// A frame only sends what changed, so an idle dashboard costs almost nothing to draw and a ticking
/// clock costs a few bytes. The rules are the ones the terminal needs: a continuation cell (right half
/// of a wide character) is never written on its own, its wide character is; a wide character is
/// rewritten when either of its halves changed; with no old frame (first frame, resize, new theme)
/// every row is one run.
public enum FrameDiff {
    /// Columns `x..<x+width` of row `y` whose cells must be written, left to right.
    ///
    /// A run may cover continuation cells (inside a wide character it starts): writing the cells in
    /// a run means writing every non-continuation cell in it and stepping over the halves they cover.
    public struct Run: Sendable, Hashable, CustomStringConvertible {
        public var y: Int
        public var x: Int
        public var width: Int

        public init(y: Int, x: Int, width: Int) {
            self.y = y
            self.x = x
            self.width = width
        }

        public var maxX: Int { x + width }
        public var description: String { "row \(y) x \(x)..<\(maxX)" }
    }

    /// The runs of `new` that differ from `old`, row by row, left to right. `old` of another size
    /// (or nil) means everything changed.
    public static func changedRuns(old: CellGrid?, new: CellGrid) -> [Run] {
        guard new.width > 0, new.height > 0 else { return [] }
        guard let old, old.width == new.width, old.height == new.height else {
            return (0..<new.height).map { Run(y: $0, x: 0, width: new.width) }
        }
        var runs: [Run] = []
        let width = new.width
        new.cells.withUnsafeBufferPointer { fresh in
            old.cells.withUnsafeBufferPointer { stale in
                for y in 0..<new.height {
                    let row = y * width
                    var x = 0
                    var start = -1
                    while x < width {
                        let cell = fresh[row + x]
                        if cell.isContinuation {
                            x += 1
                            continue
                        }
                        var changed = stale[row + x] != cell
                        if !changed, cell.width >= 2, x + 1 < width, stale[row + x + 1] != fresh[row + x + 1] { changed = true }
                        if changed {
                            if start < 0 { start = x }
                            x += max(1, Int(cell.width))
                        } else {
                            if start >= 0 {
                                runs.append(Run(y: y, x: start, width: x - start))
                                start = -1
                            }
                            x += 1
                        }
                    }
                    if start >= 0 { runs.append(Run(y: y, x: start, width: min(x, width) - start)) }
                }
            }
        }
        return runs
    }

    /// How many cells (non-continuation) the runs write: what the terminal layer sends, before
    /// ncurses' own optimisation.
    public static func cellCount(of runs: [Run], in grid: CellGrid) -> Int {
        var count = 0
        for run in runs {
            var x = run.x
            while x < run.maxX {
                let cell = grid[x, run.y]
                if !cell.isContinuation { count += 1 }
                x += cell.isContinuation ? 1 : max(1, Int(cell.width))
            }
        }
        return count
    }
}
