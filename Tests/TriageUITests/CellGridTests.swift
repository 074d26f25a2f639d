import Testing
import TriageCore
@testable import TriageUI

@Suite struct CellGridTests {
    init() { #expect(localeReady) }

    @Test func wideCharactersTakeTwoCellsWithContinuation() {
        var grid = CellGrid(width: 6, height: 1)
        let used = grid.put("日本x", x: 0, y: 0)
        #expect(used == 5)
        #expect(grid[0, 0].grapheme == "日" && grid[0, 0].width == 2)
        #expect(grid[1, 0].isContinuation)
        #expect(grid.lines == ["日本x "])
    }

    @Test func wideCharacterAtClipEdgeBecomesSpace() {
        var grid = CellGrid(width: 3, height: 1)
        grid.put("a日", x: 1, y: 0)
        #expect(grid.lines == [" a "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("日本", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.lines == [" x本"])
        grid.put("y", x: 2, y: 0)
        #expect(grid.lines == [" xy "])
    }

    @Test func controlCharactersAndEscapesNeverReachACell() {
        var grid = CellGrid(width: 20, height: 1)
        grid.put("a\u{1B}[2J\u{07}\u{9B}b\u{202E}c", x: 0, y: 0)
        let stored = grid.cells.map(\.grapheme).joined()
        for scalar in stored.unicodeScalars {
            #expect(!(scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)))
            #expect(scalar.value != 0x202E)
        }
        #expect(grid.lines[0].hasPrefix("a␛[2J␇�b�c"))
    }

    @Test func combiningMarksStayWithTheirBaseAndEmojiAreWide() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("e\u{301}👍🏽", x: 0, y: 0)
        #expect(grid[0, 0].grapheme == "e\u{301}")
        #expect(grid[1, 0].width == 2)
    }

    /// A cell keeps a grapheme's first five scalars, what a curses cell holds and so what the
    /// screen always drew, and stays plain bits: copying and comparing cells touches no reference
    /// count (docs/PERFORMANCE.md (n)).
    @Test func aCellKeepsTheFiveScalarsACursesCellHoldsAndIsPlainBits() {
        var grid = CellGrid(width: 8, height: 1)
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
        let piled = "a" + String(repeating: "\u{301}", count: 9)
        grid.put(family + piled + "b", x: 0, y: 0)
        #expect(grid[0, 0].grapheme == "👨\u{200D}👩\u{200D}👧" && grid[0, 0].width == 2 && grid[1, 0].isContinuation)
        #expect(grid[2, 0].grapheme == "a" + String(repeating: "\u{301}", count: 4) && grid[2, 0].width == 1)
        #expect(grid[3, 0].grapheme == "b")
        #expect(Cell("x") == Cell(scalar: "x") && Cell("x") != Cell("y") && Cell("x") != Cell("x", style: CellStyle(.crit)))
        #expect(Cell("e\u{301}") != Cell("e"))
        #expect(_isPOD(Cell.self), "a cell holds no reference")
    }

    @Test func clipsByDisplayWidthAtLimit() {
        var grid = CellGrid(width: 10, height: 1)
        let used = grid.put("abcdefgh", x: 2, y: 0, limit: 5)
        #expect(used == 3)
        #expect(grid.lines == ["  abc     "])
    }

    @Test func styledLineTruncatesWithEllipsis() {
        var grid = CellGrid(width: 8, height: 1)
        grid.put(StyledLine([Span("abc", .crit), Span("defghij")]), x: 0, y: 0, limit: 6)
        #expect(grid.lines == ["abcde…  "])
        #expect(grid.styleLayer == "rrr.....")
    }

    @Test func truncateAndPadMeasureWideText() {
        #expect(DisplayWidth.truncate("日本語テキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.pad("ab", to: 4, align: .right) == "  ab")
        #expect(DisplayWidth.of("日本") == 4)
    }
}
