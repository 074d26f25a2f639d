import Foundation
import TriageCore

/// Parses lines of the long-running `docker stats --format '{{json .}}'` stream.
///
/// The stream is written for a terminal even into a pipe: each frame starts with `ESC[H`, lines
/// end with `ESC[K`, frames end with `ESC[J`, and blank rows appear between frames. Before a
/// container's first sample every figure reads `--`. So: strip escape sequences, take the JSON
/// object between the first `{` and the last `}`, and let any figure that does not parse be nil.
/// Hot path (one line per container every few seconds per host), so no JSONSerialization here.
public enum DockerStatsParser {
    /// The sample on one line, or nil for blank, partial or foreign lines.
    public static func parseLine(_ line: String) -> DockerStatsSample? {
        var line = line
        return line.withUTF8 { parse(bytes: $0) }
    }

    /// Every sample in a block of stream text (a recorded fixture, or a benchmark's 1,000 lines).
    public static func parse(_ text: String) -> [DockerStatsSample] {
        text.split(whereSeparator: \.isNewline).compactMap { parseLine(String($0)) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> DockerStatsSample? {
        let startsFrame = bytes.count >= 3 && bytes[0] == 0x1B && bytes[1] == 0x5B && bytes[2] == 0x48
            || containsCursorHome(bytes)
        guard let open = bytes.firstIndex(of: UInt8(ascii: "{")), let close = bytes.lastIndex(of: UInt8(ascii: "}")),
            open < close
        else { return nil }
        var id: String?
        var name = ""
        var stats = ContainerStats()
        FlatJSONObject.forEachField(UnsafeBufferPointer(rebasing: bytes[open...close])) { key, value in
            switch key {
            case "ID": id = value.text
            case "Container": if id == nil { id = value.text }
            case "Name": name = value.text
            case "CPUPerc": stats.cpuPercent = percent(value.bytes)
            case "MemPerc": stats.memoryPercent = percent(value.bytes)
            case "MemUsage":
                let (used, limit) = pair(value.bytes)
                stats.memoryUsageBytes = used
                stats.memoryLimitBytes = limit
            case "NetIO":
                let (received, sent) = pair(value.bytes)
                stats.networkReceivedBytes = received
                stats.networkSentBytes = sent
            case "BlockIO":
                let (read, written) = pair(value.bytes)
                stats.blockReadBytes = read
                stats.blockWrittenBytes = written
            case "PIDs": stats.pids = integer(value.bytes)
            default: break
            }
        }
        guard let id, !id.isEmpty, id != "--" else { return nil }
        return DockerStatsSample(containerID: id, name: name, stats: stats, startsFrame: startsFrame)
    }

    private static func containsCursorHome(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Frames can start with ESC[J before ESC[H; only the bytes before the JSON are looked at.
        var index = 0
        while index + 2 < bytes.count, bytes[index] != UInt8(ascii: "{") {
            if bytes[index] == 0x1B, bytes[index + 1] == 0x5B, bytes[index + 2] == 0x48 { return true }
            index += 1
        }
        return false
    }

    /// "12.5%" → 12.5; "--", "" → nil.
    static func percent(_ text: String?) -> Double? {
        guard var text else { return nil }
        return text.withUTF8 { percent(UnsafeBufferPointer(rebasing: $0[...])) }
    }

    static func percent(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var slice = trimmed(bytes[...])
        if slice.last == UInt8(ascii: "%") { slice = slice.dropLast() }
        return number(slice)
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let slice = trimmed(bytes[...])
        guard !slice.isEmpty, slice.count < 19 else { return nil }
        var value = 0
        for byte in slice {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// "1.2MB / 3kB" → (1_200_000, 3_000).
    static func pair(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int64?, Int64?) {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return (nil, nil) }
        return (ByteSize.parse(bytes: trimmed(bytes[..<slash])), ByteSize.parse(bytes: trimmed(bytes[(slash + 1)...])))
    }

    static func trimmed(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var slice = slice
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }

    /// A plain decimal ("12", "0.25", "23.54") without Foundation; nil for anything else.
    static func number(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        guard !slice.isEmpty, slice.count < 40 else { return nil }
        var whole = 0.0
        var fraction = 0.0
        var scale = 1.0
        var seenDot = false
        var digits = 0
        for byte in slice {
            if byte == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
            } else if byte >= 0x30, byte <= 0x39 {
                digits += 1
                if seenDot {
                    scale /= 10
                    fraction += Double(byte - 0x30) * scale
                } else {
                    whole = whole * 10 + Double(byte - 0x30)
                }
            } else {
                return nil
            }
        }
        return digits == 0 ? nil : whole + fraction
    }
}

/// Sizes as docker prints them: "0B", "492KiB", "23.54GiB", "1.2MB", "3kB", "--".
public enum ByteSize {
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(bytes: DockerStatsParser.trimmed($0[...])) }
    }

    static func parse(bytes slice: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        var numberEnd = slice.startIndex
        while numberEnd < slice.endIndex, slice[numberEnd] == UInt8(ascii: ".") || (slice[numberEnd] >= 0x30 && slice[numberEnd] <= 0x39) {
            numberEnd += 1
        }
        guard let value = DockerStatsParser.number(slice[slice.startIndex..<numberEnd]) else { return nil }
        let unit = DockerStatsParser.trimmed(slice[numberEnd...])
        var lowered: UInt32 = 0  // up to three ASCII letters, lower-cased, packed
        guard unit.count <= 3 else { return nil }
        for byte in unit {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            lowered = lowered << 8 | UInt32(lower)
        }
        let multiplier: Double
        switch lowered {
        case 0, 0x62: multiplier = 1  // "", "b"
        case 0x6B62, 0x6B: multiplier = 1e3  // "kb", "k"
        case 0x6D62, 0x6D: multiplier = 1e6
        case 0x6762, 0x67: multiplier = 1e9
        case 0x7462, 0x74: multiplier = 1e12
        case 0x6B6962: multiplier = 1024  // "kib"
        case 0x6D6962: multiplier = 1_048_576
        case 0x676962: multiplier = 1_073_741_824
        case 0x746962: multiplier = 1_099_511_627_776
        default: return nil
        }
        // A size past Int64 (a garbled "6666666666666666666648B") is not a size; converting it would trap.
        return Int64(exactly: (value * multiplier).rounded())
    }
}

/// A tiny reader for the flat `{"Key":"value",...}` objects docker's `{{json .}}` prints for stats rows.
///
/// Hands each top-level field to a closure as raw bytes (strings unescaped only when asked for with
/// `text`); nested values are skipped. Several times faster than any general JSON decoder on this path.
enum FlatJSONObject {
    struct Value {
        let raw: UnsafeBufferPointer<UInt8>
        let escaped: Bool

        /// The value's bytes, usable as-is when the string had no escapes.
        var bytes: UnsafeBufferPointer<UInt8> { raw }

        var text: String {
            escaped ? JSONStringUnescaper.unescape(raw) : String(decoding: raw, as: UTF8.self)
        }
    }

    static func forEachField(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (String, Value) -> Void) {
        var index = 0
        let end = bytes.count
        func skipSpace() {
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
        }
        /// After the opening quote: returns the content range and whether it held escapes.
        func stringBody() -> (Range<Int>, Bool)? {
            let start = index
            var escaped = false
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    let range = start..<index
                    index += 1
                    return (range, escaped)
                }
                index += 1
            }
            return nil
        }
        guard end > 0, bytes[0] == UInt8(ascii: "{") else { return }
        index = 1
        while index < end {
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { return }
            index += 1
            guard let (keyRange, keyEscaped) = stringBody() else { return }
            let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyRange])
            let key = keyEscaped ? JSONStringUnescaper.unescape(keyBytes) : String(decoding: keyBytes, as: UTF8.self)
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: ":") else { return }
            index += 1
            skipSpace()
            guard index < end else { return }
            let first = bytes[index]
            if first == UInt8(ascii: "\"") {
                index += 1
                guard let (range, escaped) = stringBody() else { return }
                body(key, Value(raw: UnsafeBufferPointer(rebasing: bytes[range]), escaped: escaped))
            } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                var depth = 0
                var inString = false
                while index < end {
                    let byte = bytes[index]
                    if inString {
                        if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                    } else if byte == UInt8(ascii: "\"") {
                        inString = true
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { index += 1; break }
                    }
                    index += 1
                }
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") { index += 1 }
                var stop = index
                while stop > start, bytes[stop - 1] == 0x20 { stop -= 1 }
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                if !(raw.count == 4 && raw[0] == UInt8(ascii: "n")) { body(key, Value(raw: raw, escaped: false)) }
            }
            skipSpace()
            if index < end, bytes[index] == UInt8(ascii: ",") { index += 1 } else { return }
        }
    }
}

/// Decodes JSON string escapes (`\n`, `\"`, `\u00e9`, surrogate pairs) from a string's raw content.
enum JSONStringUnescaper {
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for i in at..<(at + 4) {
                let byte = raw[i]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.count else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(index) else { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); continue }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
                    raw[index + 1] == UInt8(ascii: "u"), let low = hex4(index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(character)).utf8))
            default: out.append(escaped)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
