/// Large block letters for text that has to be read across a room: severity, status, elapsed time.
///
/// A 5-pixel-high font (most glyphs 3 pixels wide, M N W G O Q wider) drawn in two sizes: `.small`
/// packs two pixel rows into one cell with `▀ ▄ █` (3 rows high, 1 column per pixel), `.large`
/// draws each pixel as two full blocks (5 rows high). Letters are upper-cased; characters without a
/// glyph are drawn as `?`. Callers measure first and fall back to plain text when it does not fit.
public enum BigText {
    public enum Scale: Sendable, CaseIterable {
        /// 3 rows: half-block pixels, one column each.
        case small
        /// 5 rows: full-block pixels, two columns each.
        case large

        /// Rows the text takes.
        public var height: Int { self == .small ? 3 : 5 }
        var pixelWidth: Int { self == .small ? 1 : 2 }
        var gap: Int { self == .small ? 1 : 2 }
    }

    /// The columns `text` takes at `scale`.
    public static func width(of text: String, scale: Scale) -> Int {
        let glyphs = text.uppercased().map(glyph(for:))
        guard !glyphs.isEmpty else { return 0 }
        return glyphs.reduce(0) { $0 + $1.width * scale.pixelWidth } + (glyphs.count - 1) * scale.gap
    }

    /// The text as rows of block characters (spaces where a pixel is off), each `width(of:)` wide.
    public static func rows(_ text: String, scale: Scale) -> [String] {
        let glyphs = text.uppercased().map(glyph(for:))
        var pixelRows = Array(repeating: [Bool](), count: 5)
        for (index, glyph) in glyphs.enumerated() {
            for row in 0..<5 {
                if index > 0 { pixelRows[row] += Array(repeating: false, count: scale.gap / scale.pixelWidth) }
                pixelRows[row] += glyph.rows[row].map { $0 == "#" }
            }
        }
        switch scale {
        case .large:
            return pixelRows.map { row in String(row.flatMap { $0 ? ["█", "█"] : [" ", " "] }) }
        case .small:
            let blank = [Bool](repeating: false, count: pixelRows[0].count)
            return stride(from: 0, to: 6, by: 2).map { top in
                let upper = pixelRows[top]
                let lower = top + 1 < 5 ? pixelRows[top + 1] : blank
                return String(zip(upper, lower).map { pair -> Character in
                    switch pair {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                })
            }
        }
    }

    /// Draws `text` with its top-left corner at (x, y), clipped at `limit`; spaces keep the cells
    /// underneath but take the style, so a coloured background stays whole.
    public static func draw(
        _ text: String, scale: Scale, into grid: inout CellGrid, x: Int, y: Int, style: CellStyle, limit: Int? = nil
    ) {
        for (offset, row) in rows(text, scale: scale).enumerated() {
            grid.put(row, x: x, y: y + offset, style: style, limit: limit)
        }
    }

    // MARK: Font

    struct Glyph: Sendable {
        let rows: [String]
        var width: Int { rows[0].count }
    }

    static func glyph(for character: Character) -> Glyph {
        font[character] ?? font["?"]!
    }

    /// Pixel rows, `#` on and `.` off; every row of a glyph has the same length.
    static let font: [Character: Glyph] = {
        let table: [Character: [String]] = [
            "A": [".#.", "#.#", "###", "#.#", "#.#"],
            "B": ["##.", "#.#", "##.", "#.#", "##."],
            "C": [".##", "#..", "#..", "#..", ".##"],
            "D": ["##.", "#.#", "#.#", "#.#", "##."],
            "E": ["###", "#..", "##.", "#..", "###"],
            "F": ["###", "#..", "##.", "#..", "#.."],
            "G": [".###", "#...", "#.##", "#..#", ".###"],
            "H": ["#.#", "#.#", "###", "#.#", "#.#"],
            "I": ["###", ".#.", ".#.", ".#.", "###"],
            "J": ["..#", "..#", "..#", "#.#", ".#."],
            "K": ["#.#", "#.#", "##.", "#.#", "#.#"],
            "L": ["#..", "#..", "#..", "#..", "###"],
            "M": ["#...#", "##.##", "#.#.#", "#...#", "#...#"],
            "N": ["#..#", "##.#", "#.##", "#..#", "#..#"],
            "O": [".##.", "#..#", "#..#", "#..#", ".##."],
            "P": ["##.", "#.#", "##.", "#..", "#.."],
            "Q": [".##.", "#..#", "#..#", "#.##", ".###"],
            "R": ["##.", "#.#", "##.", "#.#", "#.#"],
            "S": [".##", "#..", ".#.", "..#", "##."],
            "T": ["###", ".#.", ".#.", ".#.", ".#."],
            "U": ["#.#", "#.#", "#.#", "#.#", "###"],
            "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
            "W": ["#...#", "#...#", "#.#.#", "##.##", "#...#"],
            "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
            "Y": ["#.#", "#.#", ".#.", ".#.", ".#."],
            "Z": ["###", "..#", ".#.", "#..", "###"],
            "0": ["###", "#.#", "#.#", "#.#", "###"],
            "1": [".#.", "##.", ".#.", ".#.", "###"],
            "2": ["###", "..#", "###", "#..", "###"],
            "3": ["###", "..#", ".##", "..#", "###"],
            "4": ["#.#", "#.#", "###", "..#", "..#"],
            "5": ["###", "#..", "###", "..#", "###"],
            "6": ["###", "#..", "###", "#.#", "###"],
            "7": ["###", "..#", "..#", ".#.", ".#."],
            "8": ["###", "#.#", "###", "#.#", "###"],
            "9": ["###", "#.#", "###", "..#", "###"],
            ":": [".", "#", ".", "#", "."],
            ".": [".", ".", ".", ".", "#"],
            "-": ["...", "...", "###", "...", "..."],
            "+": ["...", ".#.", "###", ".#.", "..."],
            "/": ["..#", "..#", ".#.", "#..", "#.."],
            "!": ["#", "#", "#", ".", "#"],
            "?": ["###", "..#", ".##", "...", ".#."],
            " ": ["..", "..", "..", "..", ".."],
        ]
        return table.mapValues(Glyph.init(rows:))
    }()
}
