import Synchronization
import TriageCore

/// A frame as a grid of styled cells: what every widget draws into and what the terminal layer diffs.
///
/// Pure and terminal-free, so the whole dashboard can be asserted on in tests (text plus a style
/// layer). Writing is clipped by display width: a wide character that would straddle the clip edge
/// becomes a space, and overwriting half of a wide character blanks the other half, so a frame can
/// never leave the terminal's idea of the cursor column out of step with ours.
///
/// The grid is also the last line of defence for hostile text: no control character or escape can
/// be stored in a cell (see ``CellGrid/safeGrapheme(_:)``).
///
/// A grid also knows which cells were written since it was last sealed (``beginFrame()``,
/// ``seal()``): a dashboard draws each frame into the last one, only the panes that changed, and the
/// terminal layer then compares only the columns written (``FrameDiff``) instead of all 10,000 cells
/// of a 200x50 frame (docs/PERFORMANCE.md (k), round six).
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The columns written in each row since ``beginFrame()`` (empty: none); unused while
    /// ``everythingWritten`` (a new grid counts as written everywhere).
    public private(set) var writtenColumns: [Range<Int>] = []
    public private(set) var everythingWritten = true
    /// The frame this grid's cells are, set by ``seal()`` and forgotten by any write after it.
    public private(set) var sealedFrame: UInt64?
    /// The sealed frame this one was drawn over (``beginFrame()``): outside ``writtenColumns`` its
    /// cells are that frame's cells.
    public private(set) var baseFrame: UInt64?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// Grids are the same when their cells are; what was written when is bookkeeping.
    public static func == (lhs: CellGrid, rhs: CellGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
    }

    /// Unique across grids and threads, so a frame id names one set of cells.
    private static let nextFrame = Atomic<UInt64>(1)

    /// Names the grid's cells as a frame another grid can be drawn over (``beginFrame()``) and the
    /// terminal layer can recognise. Any later write forgets the name.
    public mutating func seal() {
        sealedFrame = Self.nextFrame.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Starts a frame drawn over this one: nothing written yet, based on the sealed frame (nil when
    /// it was written after its seal, so the next diff compares everything).
    public mutating func beginFrame() {
        baseFrame = sealedFrame
        sealedFrame = nil
        everythingWritten = false
        if writtenColumns.count == height {
            for y in 0..<height { writtenColumns[y] = 0..<0 }
        } else {
            writtenColumns = Array(repeating: 0..<0, count: height)
        }
    }

    /// Whether this grid was drawn over `old`'s cells, so only ``writtenColumns`` can differ from them.
    public func isDrawn(over old: CellGrid) -> Bool {
        !everythingWritten && baseFrame != nil && baseFrame == old.sealedFrame && old.width == width && old.height == height
    }

    /// How many cells a diff against the base frame must compare: the written columns, or all.
    public var writtenCellCount: Int {
        everythingWritten ? width * height : writtenColumns.reduce(0) { $0 + $1.count }
    }

    /// Records that columns `from..<to` of row `y` were written, widened by one on each side for
    /// the half of a wide character a write may repair (``setCell(x:y:_:)``).
    private mutating func markWritten(y: Int, from: Int, to: Int) {
        sealedFrame = nil
        guard !everythingWritten, y >= 0, y < height else { return }
        let lower = max(0, from - 1), upper = min(width, to + 1)
        guard lower < upper else { return }
        let row = writtenColumns[y]
        writtenColumns[y] = row.isEmpty ? lower..<upper : min(row.lowerBound, lower)..<max(row.upperBound, upper)
    }

    /// Copies the cells `new` wrote over this grid's frame (``isDrawn(over:)``) and takes its frame
    /// name: the terminal layer's record of what is on screen, kept without a 10,000-cell copy.
    public mutating func take(writtenBy new: CellGrid) {
        guard new.isDrawn(over: self) else { self = new; return }
        for y in 0..<height where !new.writtenColumns[y].isEmpty {
            let columns = new.writtenColumns[y]
            let range = (y * width + columns.lowerBound)..<(y * width + columns.upperBound)
            cells.replaceSubrange(range, with: new.cells[range])
        }
        sealedFrame = new.sealedFrame
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Fills a rect with one cell (a blank with a style, usually).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            markWritten(y: y, from: clipped.x, to: clipped.maxX)
            for x in clipped.x..<clipped.maxX { setCell(x: x, y: y, cell) }
        }
    }

    /// Changes the style of every cell in a rect, keeping the text (selection bars, highlights).
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            markWritten(y: y, from: clipped.x, to: clipped.maxX)
            for x in clipped.x..<clipped.maxX { transform(&cells[y * width + x].style) }
        }
    }

    /// Writes `text` at (x, y), never past `limit` (an absolute column, default the grid's edge).
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let edge = min(limit ?? width, width)
        var column = x
        defer { markWritten(y: y, from: x, to: column) }
        // Most text is printable ASCII: one byte, one character, one column, nothing to make safe.
        // Written byte by byte, it skips the grapheme walk and the width lookup of each character.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if column >= edge { break }
                if column >= 0 { setCell(x: column, y: y, Cell(scalar: Unicode.Scalar(byte), style: style, width: 1)) }
                column += 1
            }
            return max(0, column - x)
        }
        // Text whose every scalar stands alone (a sparkline's `▁▂▃`, `● running`) has one character
        // a scalar and none to make safe (``DisplayWidth/standsAlone(_:)``): placed by scalar,
        // without the grapheme walk.
        if text.unicodeScalars.allSatisfy(DisplayWidth.standsAlone) {
            for scalar in text.unicodeScalars {
                if column >= edge { break }
                let measured = min(2, DisplayWidth.of(scalar))
                guard place(Cell(scalar: scalar, style: style, width: UInt8(measured)), measured: measured, at: &column, y: y, edge: edge) else { break }
            }
            return max(0, column - x)
        }
        for character in text {
            if column >= edge { break }
            let (grapheme, measured) = CellGrid.safeGrapheme(character)
            guard place(Cell(grapheme, style: style, width: UInt8(measured)), measured: measured, at: &column, y: y, edge: edge) else { break }
        }
        return max(0, column - x)
    }

    /// Places one safe grapheme's `cell`, `measured` columns wide, at `column` (before `edge`) and
    /// moves `column` past it. False when the row ends there: a wide grapheme with one column left
    /// leaves a blank.
    private mutating func place(_ cell: Cell, measured: Int, at column: inout Int, y: Int, edge: Int) -> Bool {
        if measured == 0 { return true }
        if column < 0 { column += measured; return true }
        if measured == 2 && column + 1 >= edge {
            setCell(x: column, y: y, Cell(scalar: " ", style: cell.style))
            column += 1
            return false
        }
        setCell(x: column, y: y, cell)
        if measured == 2 { setCell(x: column + 1, y: y, Cell("", style: cell.style, width: 0)) }
        column += measured
        return true
    }

    /// Writes `text` fitted to a field: truncated with `…` or padded, aligned.
    @discardableResult
    public mutating func put(_ text: String, in field: Rect, style: CellStyle = .normal, align: DisplayWidth.Alignment = .left) -> Int {
        guard field.height > 0, field.width > 0 else { return 0 }
        return put(DisplayWidth.pad(text, to: field.width, align: align), x: field.x, y: field.y, style: style, limit: field.maxX)
    }

    /// A grapheme that is safe to hand to a terminal, and its width.
    ///
    /// Control characters (C0, DEL, C1) become their visible control pictures or `�`, and bidi
    /// overrides are shown rather than obeyed, so no outside text can move the cursor, change modes
    /// or reorder a row.
    public static func safeGrapheme(_ character: Character) -> (String, Int) {
        if let ascii = character.asciiValue {
            if ascii >= 0x20 && ascii < 0x7F { return (String(character), 1) }
            if ascii == 0x7F { return ("␡", 1) }
            if ascii == 0x0A || ascii == 0x0D { return ("⏎", 1) }
            return (String(Character(Unicode.Scalar(0x2400 + UInt32(ascii))!)), 1)
        }
        for scalar in character.unicodeScalars where isUnsafe(scalar) {
            if scalar.value < 0x20 { return (String(Character(Unicode.Scalar(0x2400 + scalar.value)!)), 1) }
            return ("�", 1)
        }
        let width = DisplayWidth.of(character)
        return (String(character), min(2, width))
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F) { return true }
        if (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F { return true }
        return false
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Stores one cell, repairing any wide character it cuts in half.
    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cells[index - 1].width == 2, cell.width != 0 {
            cells[index - 1] = Cell(scalar: " ", style: cells[index - 1].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(scalar: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}

extension CellGrid {
    /// The text of each row as a person would read it (continuation cells contribute nothing).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line += cell.grapheme }
            }
            return line
        }
    }

    /// The whole frame as text, rows joined by newlines, trailing spaces kept.
    public var text: String { lines.joined(separator: "\n") }

    /// One character per column naming each cell's role (see ``StyleRole/snapshotCode``), with
    /// uppercase-insensitive emphasis left out: the layer snapshot tests compare beside the text.
    public var styleLayer: String {
        (0..<height).map { y in
            String((0..<width).map { x in cells[y * width + x].style.role.snapshotCode })
        }.joined(separator: "\n")
    }

    /// Copies another grid in at an offset (for composing overlays), clipped.
    public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height where y + row >= 0 && y + row < height {
            markWritten(y: y + row, from: x, to: x + other.width)
            for column in 0..<other.width where x + column >= 0 && x + column < width {
                cells[(y + row) * width + x + column] = other.cells[row * other.width + column]
            }
        }
    }
}
