import Synchronization

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

    /// The text as rows of block characters (spaces where a pixel is off), each `width(of:)` wide:
    /// as last spelled, when it was lately (``spell(_:scale:)``). The wall draws its block letters
    /// every second; its title, severity and status are the same each time, only the elapsed time
    /// is new.
    public static func rows(_ text: String, scale: Scale) -> [String] {
        if let kept = spelled.withLock({ $0[SpelledKey(text: text, scale: scale)] }) { return kept }
        let rows = spell(text, scale: scale)
        spelled.withLock { spelled in
            if spelled.count >= spelledLimit { spelled.removeAll(keepingCapacity: true) }
            spelled[SpelledKey(text: text, scale: scale)] = rows
        }
        return rows
    }

    private struct SpelledKey: Hashable {
        let text: String
        let scale: Scale
    }

    /// Texts spelled lately, and how many are kept: a wall spells four or five a second.
    private static let spelled = Mutex<[SpelledKey: [String]]>([:])
    private static let spelledLimit = 64

    /// The rows spelled as UTF-8 bytes from each glyph's pixels: mapping characters to pixels and
    /// pixels to one-character strings was a third of a wall frame (docs/PERFORMANCE.md (n)).
    static func spell(_ text: String, scale: Scale) -> [String] {
        let glyphs = text.uppercased().map(glyph(for:))
        guard !glyphs.isEmpty else { return Array(repeating: "", count: scale.height) }
        let gapPixels = scale.gap / scale.pixelWidth
        var pixelRows = Array(repeating: [Bool](), count: 5)
        let pixelWidth = glyphs.reduce(0) { $0 + $1.width } + (glyphs.count - 1) * gapPixels
        for row in 0..<5 {
            pixelRows[row].reserveCapacity(pixelWidth)
            for (index, glyph) in glyphs.enumerated() {
                if index > 0 { pixelRows[row].append(contentsOf: repeatElement(false, count: gapPixels)) }
                pixelRows[row].append(contentsOf: glyph.pixels[row])
            }
        }
        // "█" "▀" "▄" in UTF-8 share their first two bytes.
        let block: [UInt8] = [0xE2, 0x96, 0x88], upperHalf: [UInt8] = [0xE2, 0x96, 0x80], lowerHalf: [UInt8] = [0xE2, 0x96, 0x84]
        switch scale {
        case .large:
            return pixelRows.map { row in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(row.count * 6)
                for pixel in row {
                    if pixel { bytes += block; bytes += block } else { bytes += [0x20, 0x20] }
                }
                return String(decoding: bytes, as: UTF8.self)
            }
        case .small:
            return stride(from: 0, to: 6, by: 2).map { top in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(pixelWidth * 3)
                for column in 0..<pixelWidth {
                    let upper = pixelRows[top][column], lower = top + 1 < 5 && pixelRows[top + 1][column]
                    switch (upper, lower) {
                    case (true, true): bytes += block
                    case (true, false): bytes += upperHalf
                    case (false, true): bytes += lowerHalf
                    case (false, false): bytes.append(0x20)
                    }
                }
                return String(decoding: bytes, as: UTF8.self)
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
        /// ``rows`` as pixels, on where `#`.
        let pixels: [[Bool]]
        var width: Int { pixels[0].count }

        init(rows: [String]) {
            self.rows = rows
            pixels = rows.map { $0.map { $0 == "#" } }
        }
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
