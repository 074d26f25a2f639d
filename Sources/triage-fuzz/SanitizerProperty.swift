import TriageCore

/// Feeds the sanitizer arbitrary bytes in arbitrary chunks and checks what it promises the terminal.
///
/// The first two input bytes choose the line cap and the chunking, so the fuzzer explores cuts in the
/// middle of UTF-8 scalars and escape sequences. The property: no output line holds a C0 control
/// (tabs are expanded, so none at all), DEL, a C1 control or a bidi embedding/override/isolate
/// control, and no line is longer than the cap plus the dropped-bytes marker. Feeding the same bytes
/// in one chunk must give the same lines.
enum SanitizerProperty {
    static func check(_ input: [UInt8]) {
        guard input.count >= 2 else { return }
        let maxLineBytes = 64 + Int(input[0]) * 4
        let chunkSeed = Int(input[1])
        let bytes = Array(input[2...])

        var whole = TerminalSanitizer(maxLineBytes: maxLineBytes)
        var expected = whole.feed(bytes)
        if let rest = whole.finish() { expected.append(rest) }

        var chunked = TerminalSanitizer(maxLineBytes: maxLineBytes)
        var lines: [String] = []
        var index = 0
        var step = 0
        while index < bytes.count {
            // Chunk sizes 1…16 in a pattern the seed picks.
            let size = 1 + ((chunkSeed &* 31 &+ step &* 7) % 16)
            let end = min(bytes.count, index + size)
            lines.append(contentsOf: chunked.feed(bytes[index..<end]))
            index = end
            step += 1
        }
        if let rest = chunked.finish() { lines.append(rest) }

        for line in lines { checkLine(line, maxLineBytes: maxLineBytes) }
        precondition(lines == expected, "sanitizer output depends on chunking")

        let cleaned = TerminalSanitizer.clean(String(decoding: bytes, as: UTF8.self), maxBytes: maxLineBytes)
        checkLine(cleaned, maxLineBytes: Int.max)
    }

    static func checkLine(_ line: String, maxLineBytes: Int) {
        for scalar in line.unicodeScalars {
            let value = scalar.value
            precondition(value >= 0x20, "C0 control U+\(hex(value)) in sanitizer output")
            precondition(value != 0x7F, "DEL in sanitizer output")
            precondition(!(0x80...0x9F).contains(value), "C1 control U+\(hex(value)) in sanitizer output")
            precondition(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value),
                         "bidi control U+\(hex(value)) in sanitizer output")
        }
        // "… [N bytes dropped]" is at most 3 + 2 + 20 + 15 bytes.
        if maxLineBytes != Int.max {
            precondition(line.utf8.count <= maxLineBytes + 40, "line of \(line.utf8.count) bytes over the cap \(maxLineBytes)")
        }
    }

    private static func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }
}
