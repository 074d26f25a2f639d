#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// (or nil) means everything changed. When `new` was drawn over `old`'s frame
    /// (``CellGrid/isDrawn(over:)``) only the columns it wrote are compared: nothing else can differ.
    public static func changedRuns(old: CellGrid?, new: CellGrid) -> [Run] {
        guard new.width > 0, new.height > 0 else { return [] }
        guard let old, old.width == new.width, old.height == new.height else {
            return (0..<new.height).map { Run(y: $0, x: 0, width: new.width) }
        }
        var runs: [Run] = []
        let width = new.width
        let written = new.isDrawn(over: old) ? new.writtenColumns : nil
        new.cells.withUnsafeBufferPointer { fresh in
            old.cells.withUnsafeBufferPointer { stale in
                for y in 0..<new.height {
                    let columns = written?[y] ?? 0..<width
                    if columns.isEmpty { continue }
                    appendRuns(row: y, columns: columns, width: width, fresh: fresh, stale: stale, to: &runs)
                }
            }
        }
        return runs
    }

    /// The runs of row `y` within `columns`. A scan may start anywhere in a row: a continuation
    /// cell is stepped over as the scan from the row's start steps over it, and outside `columns`
    /// nothing changed, so the runs are the ones a scan of the whole row finds.
    private static func appendRuns(row y: Int, columns: Range<Int>, width: Int, fresh: UnsafeBufferPointer<Cell>,
                                   stale: UnsafeBufferPointer<Cell>, to runs: inout [Run]) {
        let row = y * width
        // Most rows of a frame drawn anew (the wall's, every second) are the same bytes as before:
        // one memcmp settles them instead of a comparison per cell.
        if memcmp(fresh.baseAddress! + row + columns.lowerBound, stale.baseAddress! + row + columns.lowerBound,
                  columns.count * MemoryLayout<Cell>.stride) == 0 {
            return
        }
        var x = columns.lowerBound
        var start = -1
        while x < columns.upperBound {
            if fresh[row + x].isContinuation {
                x += 1
                continue
            }
            var changed = !same(fresh, stale, at: row + x)
            let cellWidth = Int(fresh[row + x].width)
            if !changed, cellWidth >= 2, x + 1 < width, !same(fresh, stale, at: row + x + 1) { changed = true }
            if changed {
                if start < 0 { start = x }
                x += max(1, cellWidth)
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

    /// Whether the cells at `index` are the same, compared where they lie: the same bytes are the
    /// same cell (a cell is plain bits, its grapheme's scalars inside it); other bytes are compared
    /// as cells, which differ only in bytes that are no field's.
    @inline(__always)
    private static func same(_ fresh: UnsafeBufferPointer<Cell>, _ stale: UnsafeBufferPointer<Cell>, at index: Int) -> Bool {
        let a = UnsafeRawPointer(fresh.baseAddress! + index), b = UnsafeRawPointer(stale.baseAddress! + index)
        var offset = 0
        while offset + 8 <= MemoryLayout<Cell>.size {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return fresh[index] == stale[index]
            }
            offset += 8
        }
        while offset < MemoryLayout<Cell>.size {
            if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return fresh[index] == stale[index]
            }
            offset += 1
        }
        return true
    }

    /// How many cells ``changedRuns(old:new:)`` compares: those `new` wrote when it was drawn over
    /// `old`, else all of them (`FrameDrawnOverTests` counts them).
    public static func comparedCellCount(old: CellGrid?, new: CellGrid) -> Int {
        guard let old, old.width == new.width, old.height == new.height else { return new.width * new.height }
        return new.isDrawn(over: old) ? new.writtenCellCount : new.width * new.height
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
