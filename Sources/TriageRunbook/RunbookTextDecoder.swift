import Foundation
import TriageCore

/// Turns a runbook file's bytes into clean text with the file's own line numbering.
///
/// Real runbooks arrive with a UTF-8 byte-order mark, CRLF line ends, stray Windows-1252 bytes,
/// or emoji that went through a Windows-1252 decoder and were saved again as UTF-8 (`ðŸš¨` for 🚨).
/// Each of these is undone here, and front matter is blanked out line by line, so that the
/// Markdown parser sees the same line numbers an editor shows.
enum RunbookTextDecoder {
    struct Decoded: Equatable {
        var text: String
        var warnings: [RunbookWarning]
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        var warnings: [RunbookWarning] = []
        var text = decodeBytes(bytes, warnings: &warnings)
        text = normalizeLineEnds(text)
        let repaired = repairMojibake(text)
        text = repaired.text
        if !repaired.repairedLines.isEmpty {
            let lines = repaired.repairedLines.prefix(10).map(String.init).joined(separator: ", ")
            let more = repaired.repairedLines.count > 10 ? ", …" : ""
            warnings.append(
                RunbookWarning(
                    kind: .encoding, line: repaired.repairedLines.first,
                    message: "repaired double-encoded characters (UTF-8 read as Windows-1252) on line(s) \(lines)\(more)"))
        }
        for line in repaired.droppedLines.prefix(10) {
            warnings.append(
                RunbookWarning(
                    kind: .encoding, line: line,
                    message: "dropped a double-encoded character that lost a byte and cannot be recovered"))
        }
        text = blankFrontMatter(text)
        return Decoded(text: text, warnings: warnings)
    }

    // MARK: Bytes to text

    /// UTF-8 (BOM stripped) where valid; each invalid byte is read as Windows-1252. UTF-16 with a BOM too.
    static func decodeBytes(_ input: [UInt8], warnings: inout [RunbookWarning]) -> String {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(Array(bytes))
        }
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }

        var scalars = String.UnicodeScalarView()
        var invalidCount = 0
        var firstInvalidLine: Int?
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if let (scalar, length) = decodeUTF8Scalar(bytes, at: index) {
                scalars.append(scalar)
                if scalar == "\n" { line += 1 }
                index += length
            } else {
                scalars.append(windows1252Scalar(bytes[index]))
                invalidCount += 1
                if firstInvalidLine == nil { firstInvalidLine = line }
                index += 1
            }
        }
        warnings.append(
            RunbookWarning(
                kind: .encoding, line: firstInvalidLine,
                message: "\(invalidCount) byte(s) were not valid UTF-8 and were read as Windows-1252"))
        return String(scalars)
    }

    private static func decodeUTF16(_ bytes: [UInt8]) -> String {
        let littleEndian = bytes.first == 0xFF
        var units: [UInt16] = []
        var index = 2
        while index + 1 < bytes.count {
            let pair = littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(pair)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// One well-formed UTF-8 sequence at `index` (no overlongs, no surrogates), or nil.
    static func decodeUTF8Scalar<C: RandomAccessCollection<UInt8>>(_ bytes: C, at index: C.Index)
        -> (Unicode.Scalar, Int)?
    where C.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.endIndex else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    // MARK: Windows-1252

    /// Windows-1252's 0x80–0x9F; the five undefined bytes map to the C1 controls, as Latin-1 does.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80, byte <= 0x9F, let scalar = Unicode.Scalar(windows1252High[Int(byte - 0x80)]) {
            return scalar
        }
        return Unicode.Scalar(byte)
    }

    /// The byte Windows-1252 (or Latin-1, for the C1 controls) would have decoded to `scalar`.
    static let windows1252Byte: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for byte in UInt8(0x80)...UInt8(0xFF) { map[windows1252Scalar(byte).value] = byte }
        for byte in UInt8(0x80)...UInt8(0x9F) { map[UInt32(byte)] = byte }
        return map
    }()

    // MARK: Mojibake

    /// Undoes UTF-8 that was decoded as Windows-1252 and encoded again (`â€™` → `’`, `ðŸš¨` → `🚨`).
    ///
    /// Works on runs of characters that all exist in Windows-1252's upper half: their bytes are
    /// decoded again as UTF-8 and each well-formed multi-byte sequence replaces its characters.
    /// Characters that do not form a sequence stay as they are, so `café` or `Größe` are untouched.
    /// A sequence that lost its last byte (Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90,
    /// 0x9D, so some tools dropped it) cannot be recovered: it is removed, except the two cases that
    /// are unambiguous in practice, `ï¸` (U+FE0F, emoji presentation) and `â€` (U+201D).
    static func repairMojibake(_ text: String) -> (text: String, repairedLines: [Int], droppedLines: [Int]) {
        // Plain ASCII (most runbooks) has nothing to repair: one byte scan instead of an array of scalars.
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return (text, [], []) }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0.value >= 0x80 && $0.value < 0x2200 }) else { return (text, [], []) }
        var out = String.UnicodeScalarView()
        var repairedLines: [Int] = []
        var droppedLines: [Int] = []
        var line = 1
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar.value >= 0x80, windows1252Byte[scalar.value] != nil else {
                if scalar == "\n" { line += 1 }
                out.append(scalar)
                index += 1
                continue
            }
            var end = index
            var run: [UInt8] = []
            while end < scalars.count, let byte = windows1252Byte[scalars[end].value], byte >= 0x80 {
                run.append(byte)
                end += 1
            }
            var position = 0
            var repaired = false
            var dropped = false
            while position < run.count {
                if let (decoded, length) = decodeUTF8Scalar(run, at: position), length > 1 {
                    out.append(decoded)
                    position += length
                    repaired = true
                } else if let missing = missingLastByte(run, at: position) {
                    if let guess = missing.guess { out.append(guess) }
                    position += missing.present
                    dropped = missing.guess == nil
                    repaired = true
                } else {
                    out.append(scalars[index + position])
                    position += 1
                }
            }
            if repaired, repairedLines.last != line { repairedLines.append(line) }
            if dropped, droppedLines.last != line { droppedLines.append(line) }
            index = end
        }
        return (String(out), repairedLines, droppedLines)
    }

    /// A 3- or 4-byte sequence at `position` that is complete but for its final byte.
    private static func missingLastByte(_ run: [UInt8], at position: Int) -> (present: Int, guess: Unicode.Scalar?)? {
        let lead = run[position]
        let length: Int
        switch lead {
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        let present = length - 1
        guard position + present <= run.count else { return nil }
        for offset in 1..<present where run[position + offset] & 0xC0 != 0x80 { return nil }
        if position + present < run.count, run[position + present] & 0xC0 == 0x80 { return nil }
        switch (lead, run[position + 1]) {
        case (0xEF, 0xB8): return (present, Unicode.Scalar(0xFE0F))
        case (0xE2, 0x80): return (present, Unicode.Scalar(0x201D))
        default: return (present, nil)
        }
    }

    // MARK: Lines

    /// CRLF and lone CR become LF, so every tool counts lines the same way.
    static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Replaces a leading `---` … `---` (YAML) or `+++` … `+++` (TOML) block with as many empty lines.
    ///
    /// Only when the block closes within 200 lines and its lines look like keys, lists or comments,
    /// so a runbook that merely opens with a thematic break keeps its content.
    static func blankFrontMatter(_ text: String) -> String {
        // Only a file that opens with `---` or `+++` can have front matter: do not split the rest into lines.
        guard text.utf8.starts(with: "---".utf8) || text.utf8.starts(with: "+++".utf8) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return text }
        let fence = first.trimmingTrailingSpaces()
        guard fence == "---" || fence == "+++" else { return text }
        var closing: Int?
        for index in 1..<min(lines.count, 200) {
            let line = lines[index].trimmingTrailingSpaces()
            if line == fence || (fence == "---" && line == "...") {
                closing = index
                break
            }
            let looksLikeData = line.isEmpty || line.hasPrefix("#") || line.hasPrefix(" ") || line.hasPrefix("\t")
                || line.hasPrefix("- ") || line.contains(":") || line.contains("=") || line.hasPrefix("[")
            if !looksLikeData { return text }
        }
        guard let end = closing else { return text }
        for index in 0...end { lines[index] = "" }
        return lines.joined(separator: "\n")
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
