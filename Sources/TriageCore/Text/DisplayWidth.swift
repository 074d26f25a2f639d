import CWidth

/// Terminal column widths of text, measured the way ncurses will draw it.
///
/// Widths come from the C library's `wcwidth` so that what the pure renderer plans and what
/// ncurses draws agree. That needs a UTF-8 `LC_CTYPE`: call ``DisplayWidth/prepareLocale()`` once at
/// start-up (the app and the test suites both do).
public enum DisplayWidth {
    /// Puts a UTF-8 `LC_CTYPE` in force (the user's, else C.UTF-8). Returns false when none exists.
    @discardableResult
    public static func prepareLocale() -> Bool { triage_ensure_utf8_locale() == 1 }

    /// Columns one scalar takes: 0 for combining marks and zero-width joiners, 2 for wide ones.
    /// Non-printable scalars report 1 because the grid replaces them with a visible one-column symbol.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 1 : 1 }
        let width = Int(triage_wcwidth(value))
        if width >= 0 { return width }
        return 1
    }

    /// Columns one grapheme cluster takes, as a terminal draws it: the base scalar's width, widened
    /// to 2 by an emoji presentation selector (U+FE0F) or an emoji ZWJ sequence.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var width = of(first)
        if scalars.count > 1 {
            for scalar in scalars.dropFirst() where scalar.value == 0xFE0F {
                if first.properties.isEmoji { width = 2 }
            }
        }
        return width
    }

    /// Columns a whole string takes.
    public static func of(_ text: some StringProtocol) -> Int {
        if let ascii = printableASCIIWidth(text.utf8) { return ascii }
        if let alone = standaloneWidth(text.unicodeScalars) { return alone }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns a whole string takes (a `String`: the generic one is not specialized across modules).
    public static func of(_ text: String) -> Int {
        if let ascii = printableASCIIWidth(text.utf8) { return ascii }
        if let alone = standaloneWidth(text.unicodeScalars) { return alone }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The width of text that is all printable ASCII, one column a byte; nil for any other text.
    /// Most of a frame's text is; walking it by `Character` and looking each width up was most of
    /// the renderer's cost (docs/PERFORMANCE.md (a), round three). Control bytes are left to the
    /// walk: CR LF is one character, one column.
    static func printableASCIIWidth(_ bytes: some Collection<UInt8>) -> Int? {
        var count = 0
        for byte in bytes {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }

    /// Whether `scalar` is a whole `Character` whatever stands beside it: no grapheme rule joins it
    /// to a neighbour (it is not a combining mark, joiner, variation selector, prepended or spacing
    /// mark, regional indicator, Hangul jamo, control or line break). Text made only of such
    /// scalars has one character a scalar, so it can be measured and cut by scalar without the
    /// grapheme walk, which for text that is not ASCII (a sparkline's `▁▂▃`, a row's `●`) was most
    /// of what measuring it cost (docs/PERFORMANCE.md (a), round four). None of them is one the
    /// grid must make safe (``CellGrid/isUnsafe(_:)`` in TriageUI).
    public static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F, // printable ASCII
             0xA0...0xAC, 0xAE...0xFF, // Latin-1 letters and signs, not the soft hyphen (a format control)
             0x2010...0x2027, 0x2030...0x205E, // dashes, quotes, `•`, `…`, `‰`, `‼` (not the separators, bidi or invisible controls around them)
             0x2190...0x243F, // arrows, mathematical and technical symbols (`⏎`), control pictures (`␡`)
             0x2500...0x27BF: // box drawing, blocks (sparklines), shapes (`●`, `▸`), symbols (`⚠`), dingbats
            return true
        default:
            return false
        }
    }

    /// The width of text whose every scalar stands alone (``standsAlone(_:)``): one character a
    /// scalar, each as wide as ``of(_:)-(Unicode.Scalar)`` says, as the walk by character measures
    /// it. nil for any other text.
    static func standaloneWidth(_ scalars: some Sequence<Unicode.Scalar>) -> Int? {
        var total = 0
        for scalar in scalars {
            guard standsAlone(scalar) else { return nil }
            total += of(scalar)
        }
        return total
    }

    /// `text` without its first characters that fill `columns` columns (a wide one across the cut
    /// goes whole), and how many columns went: the end of a line that keeps its end.
    public static func dropLeading(columns: Int, of text: String) -> (rest: Substring, dropped: Int) {
        var dropped = 0
        let scalars = text.unicodeScalars
        if scalars.allSatisfy(standsAlone) {
            var index = scalars.startIndex
            while dropped < columns, index < scalars.endIndex {
                dropped += of(scalars[index])
                scalars.formIndex(after: &index)
            }
            return (text[index...], dropped)
        }
        var rest = Substring(text)
        while dropped < columns, let first = rest.first {
            dropped += of(first)
            rest = rest.dropFirst()
        }
        return (rest, dropped)
    }

    /// The longest prefix of `text` that fits in `columns`, ending with `…` when anything was cut.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Character = "…") -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = ""
        var used = 0
        let budget = columns - 1
        for character in text {
            let width = of(character)
            if used + width > budget { break }
            result.append(character)
            used += width
        }
        result.append(ellipsis)
        return result
    }

    /// `text` padded with spaces (or cut) to exactly `columns`, aligned left, right or centred.
    public static func pad(_ text: String, to columns: Int, align: Alignment = .left) -> String {
        let fitted = truncate(text, to: columns)
        let gap = max(0, columns - of(fitted))
        switch align {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }

    public enum Alignment: Sendable, Equatable { case left, right, center }
}
