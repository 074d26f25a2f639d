import Testing
@testable import TriageCore

/// Hostile input for the sanitizer: nothing that could move the cursor or change terminal state may
/// come out, and whatever is dropped or replaced stays visible enough to read.
@Suite struct TerminalSanitizerTests {
    init() { DisplayWidth.prepareLocale() }

    /// Sanitizes `bytes` as one stream and returns every line, including an unterminated last one.
    static func lines(_ bytes: [UInt8], max: Int = TerminalSanitizer.defaultMaxLineBytes) -> [String] {
        var sanitizer = TerminalSanitizer(maxLineBytes: max)
        var out = sanitizer.feed(bytes)
        if let rest = sanitizer.finish() { out.append(rest) }
        return out
    }

    static func lines(_ text: String) -> [String] { lines(Array(text.utf8)) }

    /// No scalar in the output may be a control (C0, DEL, C1) or a bidi control.
    static func assertSafe(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let unsafe = v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F)
                || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x2028 || v == 0x2029
            #expect(!unsafe, "unsafe scalar U+\(String(v, radix: 16)) in \(text.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func plainTextPassesUnchanged() {
        #expect(Self.lines("hello world\nsecond line\n") == ["hello world", "second line"])
        #expect(Self.lines("no newline at end") == ["no newline at end"])
        #expect(Self.lines("crlf\r\nline\r\n") == ["crlf", "line"])
    }

    @Test func colourIsDroppedSilently() {
        let out = Self.lines("\u{1B}[1;31mERROR\u{1B}[0m done \u{1B}[38;5;200mx\u{1B}[m\u{1B}(B\n")
        #expect(out == ["ERROR done x"])
    }

    @Test func titleSetIsShownNotObeyed() {
        let out = Self.lines("a\u{1B}]0;pwned title\u{07}b\n\u{1B}]2;other\u{1B}\\c\n")
        #expect(out == ["a␛]0;pwned titleb", "␛]2;otherc"])
        out.forEach { Self.assertSafe($0) }
    }

    @Test func osc52ClipboardWriteIsShownAndCut() {
        let payload = String(repeating: "QUJD", count: 200)
        let out = Self.lines("x\u{1B}]52;c;\(payload)\u{07}y\n")
        #expect(out.count == 1)
        #expect(out[0].hasPrefix("x␛]52;c;QUJD"))
        #expect(out[0].hasSuffix("…y"))
        #expect(out[0].count < 50)
        Self.assertSafe(out[0])
    }

    @Test func cursorMovesAndScreenClearsAreVisible() {
        let out = Self.lines("\u{1B}[2J\u{1B}[H\u{1B}[10;20Hx\u{1B}[5A\u{1B}[?1049h\u{1B}7\u{1B}c\u{1B}[>4;2m\n")
        #expect(out == ["␛[2J␛[H␛[10;20Hx␛[5A␛[?1049h␛7␛c␛[>4;2m"])
    }

    @Test func eightBitCSIAsCodePointIsVisible() {
        // U+009B is the 8-bit CSI; U+009D the 8-bit OSC, ended by U+009C (ST).
        let out = Self.lines("a\u{9B}2Jb\u{9D}0;t\u{9C}c\u{85}d\n")
        #expect(out == ["a␛[2Jb␛]0;tc␛Ed"])
    }

    @Test func eightBitCSIAsRawByteIsReplaced() {
        let out = Self.lines([0x61, 0x9B, 0x32, 0x4A, 0x62, 0x0A])
        #expect(out == ["a\u{FFFD}2Jb"])
    }

    @Test func dcsApcPmSosNeverPass() {
        let out = Self.lines("\u{1B}Pq#0;2;0;0;0\u{1B}\\|\u{1B}_apc\u{1B}\\|\u{1B}^pm\u{1B}\\|\u{1B}Xsos\u{1B}\\\n")
        #expect(out == ["␛Pq#0;2;0;0;0|␛_apc|␛^pm|␛Xsos"])
    }

    @Test func escapeCutAtEveryReadBoundaryContinues() {
        let input = Array("ok \u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{1B}\\ é🙂 \u{1B}[2J end\r\nnext\n".utf8)
        let whole = Self.lines(input)
        #expect(whole == ["ok red ␛]0;title é🙂 ␛[2J end", "next"])
        for cut in 1..<input.count {
            var sanitizer = TerminalSanitizer()
            var out = sanitizer.feed(input[..<cut])
            out += sanitizer.feed(input[cut...])
            if let rest = sanitizer.finish() { out.append(rest) }
            #expect(out == whole, "cut at \(cut)")
        }
        // Byte by byte.
        var sanitizer = TerminalSanitizer()
        var out: [String] = []
        for byte in input { out += sanitizer.feed([byte]) }
        #expect(out == whole)
    }

    @Test func invalidUTF8BecomesReplacement() {
        // Stray continuation, overlong, surrogate, truncated 3-byte scalar, out-of-range lead.
        let bytes: [UInt8] = [0x61, 0x80, 0x62, 0xC0, 0xAF, 0x63, 0xED, 0xA0, 0x80, 0x64, 0xE2, 0x82, 0x65, 0xF8, 0x0A]
        let out = Self.lines(bytes)
        #expect(out.count == 1)
        #expect(out[0].hasPrefix("a\u{FFFD}b"))
        #expect(out[0].hasSuffix("e\u{FFFD}"))
        #expect(!out[0].contains("\u{AF}"))
        Self.assertSafe(out[0])
        #expect(Self.lines([0xE2, 0x82]) == ["\u{FFFD}"])
    }

    @Test func controlCharactersBecomePictures() {
        let out = Self.lines([0x61, 0x00, 0x62, 0x07, 0x08, 0x0D, 0x63, 0x7F, 0x1B, 0x0A])
        #expect(out == ["a␀b␇␈␍c␡␛"])
    }

    @Test func oneMegabyteLineIsCappedWithMarker() {
        var bytes = [UInt8](repeating: 0x61, count: 1 << 20)
        bytes.append(0x0A)
        bytes += Array("after\n".utf8)
        let out = Self.lines(bytes)
        #expect(out.count == 2)
        #expect(out[0].utf8.count < 16 * 1024 + 40)
        #expect(out[0].hasSuffix("… [\((1 << 20) - 16 * 1024) bytes dropped]"))
        #expect(out[1] == "after")
    }

    @Test func longLineInSmallChunksIsCappedToo() {
        var sanitizer = TerminalSanitizer(maxLineBytes: 100)
        var out: [String] = []
        for _ in 0..<50 { out += sanitizer.feed(Array("é\u{1B}[2Jabc".utf8)) }
        out += sanitizer.feed([0x0A])
        #expect(out.count == 1)
        #expect(out[0].utf8.count <= 100 + 30)
        #expect(out[0].contains("bytes dropped]"))
        Self.assertSafe(out[0])
    }

    @Test func rightToLeftTextStaysAndOverridesAreNeutralized() {
        let hebrew = "שלום עולם"
        #expect(Self.lines(hebrew) == [hebrew])
        let out = Self.lines("user \u{202E}gnp.exe\u{202C} \u{2067}x\u{2069}\n")
        #expect(out == ["user <RLO>gnp.exe<PDF> <RLI>x<PDI>"])
        Self.assertSafe(out[0])
    }

    @Test func tabsExpandToEightColumnStopsMeasuringWideText() {
        #expect(Self.lines("a\tb\n") == ["a       b"])
        #expect(Self.lines("\tx\n") == ["        x"])
        #expect(Self.lines("12345678\tx\n") == ["12345678        x"])
        // 漢字 is four columns; the tab then fills to column 8.
        let wide = Self.lines("漢字\tx\n")[0]
        #expect(wide == "漢字    x")
        #expect(DisplayWidth.of(wide) == 9)
        // A ZWJ family emoji is one grapheme two columns wide; é with a combining accent is one column.
        let family = "👩‍👩‍👧"
        let emojiLine = Self.lines("\(family)\tx\n")[0]
        #expect(DisplayWidth.of(emojiLine) == 9)
        let combining = Self.lines("e\u{301}\tx\n")[0]
        #expect(combining == "e\u{301}       x")
        #expect(DisplayWidth.of(combining) == 9)
    }

    @Test func zwjEmojiAndCombiningMarksPass() {
        let text = "deploy 👩‍💻 done, café, 🇺🇸"
        #expect(Self.lines(text) == [text])
    }

    @Test func cleanMakesOneSafeLine() {
        #expect(TerminalSanitizer.clean("web-1") == "web-1")
        #expect(TerminalSanitizer.clean("line one\nline two\n") == "line one⏎line two")
        #expect(TerminalSanitizer.clean("a\r\nb", newline: " ") == "a b")
        #expect(TerminalSanitizer.clean("evil\u{1B}]0;x\u{07}\u{1B}[2J") == "evil␛]0;x␛[2J")
        #expect(TerminalSanitizer.clean("\u{1B}[31mred\u{1B}[0m") == "red")
        Self.assertSafe(TerminalSanitizer.clean("\u{0}\u{9B}\u{202E}x"))
    }

    @Test func randomBytesNeverProduceUnsafeScalars() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<200 {
            let bytes = (0..<512).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for line in Self.lines(bytes, max: 256) { Self.assertSafe(line) }
        }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
